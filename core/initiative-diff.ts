/**
 * What changed about a flywheel's initiatives, for the semantic diff: added, removed, relabelled,
 * re-linked (what they push, read through the node matching so a renamed driver is no re-link),
 * and newly off the wheel. Initiatives are matched by name.
 */
import type { Arrow, FlywheelGraph } from './analysis/graph.js';
import type { WheelAnalysis } from './analysis/analyze.js';
import { pressureTest } from './analysis/pressure.js';

export interface PushInfo {
    target: string;
    arrow: Arrow;
    label?: string;
}

export interface InitiativeInfo {
    name: string;
    label: string;
    pushes: PushInfo[];
    /** It pushes nothing on the wheel. */
    offWheel: boolean;
}

export type InitiativeChange =
    | { kind: 'initiative-added'; initiative: InitiativeInfo }
    | { kind: 'initiative-removed'; initiative: InitiativeInfo }
    | { kind: 'initiative-relabelled'; name: string; from?: string; to?: string }
    /** Its links, before and after (old targets under their new names). */
    | { kind: 'initiative-relinked'; name: string; from: PushInfo[]; to: PushInfo[] }
    /** It pushed a wheel driver before and pushes none now. */
    | { kind: 'initiative-off-wheel'; name: string };

interface Side {
    graph: FlywheelGraph;
    analysis: WheelAnalysis;
}

/** `renames`: old node name → new name, for the nodes the diff matched under another name. */
export function initiativeChanges(old: Side, now: Side, renames: Map<string, string>): InitiativeChange[] {
    const before = infos(old, name => renames.get(name) ?? name);
    const after = infos(now, name => name);
    const changes: InitiativeChange[] = [];
    for (const [name, was] of before) {
        const is = after.get(name);
        if (!is) {
            changes.push({ kind: 'initiative-removed', initiative: was });
            continue;
        }
        if (was.label !== is.label) changes.push({ kind: 'initiative-relabelled', name, from: was.label, to: is.label });
        if (key(was.pushes) !== key(is.pushes)) changes.push({ kind: 'initiative-relinked', name, from: was.pushes, to: is.pushes });
        if (!was.offWheel && is.offWheel) changes.push({ kind: 'initiative-off-wheel', name });
    }
    for (const [name, is] of after) if (!before.has(name)) changes.push({ kind: 'initiative-added', initiative: is });
    return changes;
}

function infos({ graph, analysis }: Side, nameOf: (node: string) => string): Map<string, InitiativeInfo> {
    const pressure = graph.initiatives.length > 0 ? pressureTest(graph, analysis) : undefined;
    const result = new Map<string, InitiativeInfo>();
    graph.initiatives.forEach((initiative, index) => {
        // With a name declared twice, the first declaration is the one links reach.
        if (result.has(initiative.name)) return;
        result.set(initiative.name, {
            name: initiative.name,
            label: initiative.label,
            pushes: initiative.pushes.map(push => ({
                target: nameOf(graph.nodes[push.target].name), arrow: push.arrow, ...(push.label === undefined ? {} : { label: push.label })
            })),
            offWheel: pressure!.initiatives[index].offWheel
        });
    });
    return result;
}

/** The pushes as a set: their order is layout, not meaning. */
function key(pushes: PushInfo[]): string {
    return JSON.stringify(pushes.map(p => [p.target, p.arrow, p.label ?? null]).sort());
}
