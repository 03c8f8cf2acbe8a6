/**
 * What changed in meaning between two versions of a `.fly` file. Plain data in (each side's
 * flywheels as graph, wheel analysis and diagnostics), plain data out: no Langium types, so the
 * CLI, git and a future editor view can all use it. Layout, comments and declaration order are
 * not meaning, so a reformatted file has no change.
 *
 * Nodes are matched first (`node-matching.ts`: by name, then renames). Links, loops and
 * diagnostics are compared through that matching, so a rename does not also show up as every
 * link of the node changing.
 */
import type { Arrow, DriverKind, FlywheelGraph } from './analysis/graph.js';
import type { WheelAnalysis } from './analysis/analyze.js';
import type { Polarity } from './analysis/loops.js';
import { type InitiativeChange, initiativeChanges } from './initiative-diff.js';
import { explicitLabel, type Matching, matchNodes } from './node-matching.js';
import type { Severity } from './severity.js';

export interface DiagnosticSummary {
    code: string;
    severity: Severity;
    message: string;
    /** What the check that reported it said it is about; absent for syntax errors and the like. */
    about?: DiagnosticAbout;
}

export interface DiagnosticAbout {
    /** Every node the diagnostic names, in order, by name. */
    names: string[];
    /** Ids of the loops it names. */
    loops?: string[];
    reason?: string;
}

/** One flywheel of one version, with the diagnostics found inside it. */
export interface FlywheelSnapshot {
    graph: FlywheelGraph;
    analysis: WheelAnalysis;
    diagnostics: DiagnosticSummary[];
}

/** One version of a file. */
export interface FileSnapshot {
    flywheels: FlywheelSnapshot[];
    /** Diagnostics that belong to no single flywheel: syntax errors, text between flywheels. */
    diagnostics: DiagnosticSummary[];
    parses: boolean;
}

export type Role = 'goal' | 'driver';

export interface NodeInfo {
    name: string;
    label: string;
    role: Role;
    kinds: DriverKind[];
}

export interface LinkInfo {
    source: string;
    target: string;
    arrow: Arrow;
    label?: string;
}

export interface LoopInfo {
    id: string;
    polarity: Polarity;
    delayed: boolean;
    /** The loop's nodes from the goal, and the arrow after each. */
    nodes: string[];
    arrows: Arrow[];
}

export interface WheelStatus {
    goal?: string;
    /** Some loop passes through the goal. */
    closes: boolean;
    reinforcing: number;
    balancing: number;
    /** False when loop enumeration hit its bound: the counts are then lower bounds. */
    complete: boolean;
    /** Only when not `complete`: every loop of at most this many links was counted (loops are found shortest first). */
    completeUpTo?: number;
}

export type Change =
    | { kind: 'flywheel-renamed'; from: string; to: string }
    /** Labels are undefined where none is written. */
    | { kind: 'flywheel-relabelled'; from?: string; to?: string }
    /** The goal is another node now; `from`/`to` missing when there was or is no goal. */
    | { kind: 'goal-changed'; from?: string; to?: string }
    | { kind: 'node-added'; node: NodeInfo }
    | { kind: 'node-removed'; node: NodeInfo }
    | { kind: 'node-renamed'; role: Role; from: string; to: string }
    | { kind: 'node-relabelled'; role: Role; name: string; from?: string; to?: string }
    | { kind: 'kinds-changed'; name: string; gained: DriverKind[]; lost: DriverKind[] }
    | { kind: 'description-changed'; role: Role; name: string; from?: string; to?: string }
    | { kind: 'link-added'; link: LinkInfo }
    | { kind: 'link-removed'; link: LinkInfo }
    /** Same source and target, another arrow: polarity, delay or both changed. */
    | { kind: 'link-changed'; from: LinkInfo; to: LinkInfo }
    | { kind: 'link-relabelled'; link: LinkInfo; from?: string; to?: string }
    | { kind: 'loop-gained'; loop: LoopInfo }
    | { kind: 'loop-lost'; loop: LoopInfo }
    /** Same nodes in the same order, another polarity or delay. */
    | { kind: 'loop-changed'; from: LoopInfo; to: LoopInfo }
    | { kind: 'closing-changed'; closes: boolean }
    | { kind: 'diagnostic-introduced'; diagnostic: DiagnosticSummary }
    | { kind: 'diagnostic-resolved'; diagnostic: DiagnosticSummary }
    | InitiativeChange;

export interface FlywheelDiff {
    /** The flywheel's name in the new version (in the old one when it was removed). */
    name: string;
    label: string;
    status: 'added' | 'removed' | 'changed' | 'unchanged';
    changes: Change[];
    before?: WheelStatus;
    after?: WheelStatus;
}

export interface FileDiff {
    status: 'added' | 'deleted' | 'changed' | 'unchanged';
    parses: { before?: boolean; after?: boolean };
    flywheels: FlywheelDiff[];
    /** Diagnostic changes outside any flywheel. */
    changes: Change[];
}

/** `undefined` on a side: the file does not exist there (added or deleted). */
export function diffFiles(before: FileSnapshot | undefined, after: FileSnapshot | undefined): FileDiff {
    const flywheels = pairFlywheels(before?.flywheels ?? [], after?.flywheels ?? []).map(([old, now]) => diffFlywheel(old, now));
    const changes = diffDiagnostics(before?.diagnostics ?? [], after?.diagnostics ?? [], new Map());
    const changed = changes.length > 0 || flywheels.some(f => f.status !== 'unchanged');
    const status = !before && after ? 'added' : before && !after ? 'deleted' : changed ? 'changed' : 'unchanged';
    return { status, parses: { before: before?.parses, after: after?.parses }, flywheels, changes };
}

/**
 * By name, in order when a name is used twice (the first with the first); when exactly one
 * flywheel is left on each side, it was renamed, if enough of it is the same (`alike`): else one
 * was removed and an unrelated one added.
 */
export function pairFlywheels(before: FlywheelSnapshot[], after: FlywheelSnapshot[]): Array<[FlywheelSnapshot | undefined, FlywheelSnapshot | undefined]> {
    const unpairedOld = [...before];
    const pairs = after.map((now): [FlywheelSnapshot | undefined, FlywheelSnapshot] => {
        const same = unpairedOld.findIndex(old => old.graph.name === now.graph.name);
        return [same >= 0 ? unpairedOld.splice(same, 1)[0] : undefined, now];
    });
    const unpairedNew = pairs.filter(([old]) => !old);
    if (unpairedOld.length === 1 && unpairedNew.length === 1 && alike(unpairedOld[0].graph, unpairedNew[0][1].graph)) {
        unpairedNew[0][0] = unpairedOld[0];
        return pairs;
    }
    return [...pairs, ...unpairedOld.map((old): [FlywheelSnapshot, undefined] => [old, undefined])];
}

/**
 * Two flywheels are one renamed when at least half the goal and drivers of the smaller are in the
 * other under the same name or the same written label. (Two empty ones are alike.)
 */
function alike(old: FlywheelGraph, now: FlywheelGraph): boolean {
    const [smaller, larger] = old.nodes.length <= now.nodes.length ? [old, now] : [now, old];
    const known = new Set(larger.nodes.flatMap(node => [`name ${node.name}`, ...(explicitLabel(node) === undefined ? [] : [`label ${node.label}`])]));
    const shared = smaller.nodes.filter(node => known.has(`name ${node.name}`) || (explicitLabel(node) !== undefined && known.has(`label ${node.label}`))).length;
    return 2 * shared >= smaller.nodes.length;
}

const EMPTY_GRAPH: FlywheelGraph = { name: '', label: '', nodes: [], links: [], initiatives: [] };
const EMPTY_ANALYSIS: WheelAnalysis = { onWheel: [], placement: [], loops: [], loopsComplete: true, loopsCompleteUpTo: 0 };
const EMPTY: FlywheelSnapshot = { graph: EMPTY_GRAPH, analysis: EMPTY_ANALYSIS, diagnostics: [] };

export function diffFlywheel(before: FlywheelSnapshot | undefined, after: FlywheelSnapshot | undefined): FlywheelDiff {
    const old = before ?? EMPTY;
    const now = after ?? EMPTY;
    const matching = matchNodes(old.graph, now.graph);
    const renames = renamedNames(old.graph, now.graph, matching);
    const changes = [
        ...(before && after ? flywheelChanges(old.graph, now.graph) : []),
        ...goalChanges(old.graph, now.graph, matching),
        ...nodeChanges(old.graph, now.graph, matching),
        ...linkChanges(old.graph, now.graph, matching),
        ...initiativeChanges(old, now, renames),
        ...loopChanges(old, now, matching),
        ...closingChanges(before, after),
        ...diffDiagnostics(old.diagnostics, now.diagnostics, renames)
    ];
    const shown = after ?? old;
    const status = !before ? 'added' : !after ? 'removed' : changes.length > 0 ? 'changed' : 'unchanged';
    return {
        name: shown.graph.name,
        label: shown.graph.label,
        status,
        changes,
        before: before && wheelStatus(before),
        after: after && wheelStatus(after)
    };
}

function flywheelChanges(old: FlywheelGraph, now: FlywheelGraph): Change[] {
    const changes: Change[] = [];
    if (old.name !== now.name) changes.push({ kind: 'flywheel-renamed', from: old.name, to: now.name });
    if (explicitLabel(old) !== explicitLabel(now)) changes.push({ kind: 'flywheel-relabelled', from: explicitLabel(old), to: explicitLabel(now) });
    return changes;
}

/** Old name → new name for every matched node whose name changed (for the names diagnostics are about). */
function renamedNames(old: FlywheelGraph, now: FlywheelGraph, matching: Matching): Map<string, string> {
    const renames = new Map<string, string>();
    for (const [i, j] of matching) {
        if (old.nodes[i].name !== now.nodes[j].name) renames.set(old.nodes[i].name, now.nodes[j].name);
    }
    return renames;
}

// ---- Goal and nodes ----------------------------------------------------------------------------

function goalChanges(old: FlywheelGraph, now: FlywheelGraph, matching: Matching): Change[] {
    const oldGoal = old.goal;
    const newGoal = now.goal;
    if (oldGoal === undefined && newGoal === undefined) return [];
    if (oldGoal !== undefined && newGoal !== undefined && matching.get(oldGoal) === newGoal) return [];
    return [{ kind: 'goal-changed', from: nameAt(old, oldGoal), to: nameAt(now, newGoal) }];
}

function nodeChanges(old: FlywheelGraph, now: FlywheelGraph, matching: Matching): Change[] {
    const matchedNew = new Set(matching.values());
    // The goals themselves are reported by `goal-changed` when they are not matched.
    const added = now.nodes.map((_, j) => j).filter(j => !matchedNew.has(j) && j !== now.goal)
        .map((j): Change => ({ kind: 'node-added', node: nodeInfo(now, j) }));
    const removed = old.nodes.map((_, i) => i).filter(i => !matching.has(i) && i !== old.goal)
        .map((i): Change => ({ kind: 'node-removed', node: nodeInfo(old, i) }));
    const changed = [...matching].sort((a, b) => a[1] - b[1]).flatMap(([i, j]) => matchedNodeChanges(old, i, now, j));
    return [...changed, ...added, ...removed];
}

function matchedNodeChanges(old: FlywheelGraph, i: number, now: FlywheelGraph, j: number): Change[] {
    const a = nodeInfo(old, i);
    const b = nodeInfo(now, j);
    const changes: Change[] = [];
    if (a.name !== b.name) changes.push({ kind: 'node-renamed', role: b.role, from: a.name, to: b.name });
    const [labelBefore, labelAfter] = [explicitLabel(old.nodes[i]), explicitLabel(now.nodes[j])];
    if (labelBefore !== labelAfter) changes.push({ kind: 'node-relabelled', role: b.role, name: b.name, from: labelBefore, to: labelAfter });
    const gained = b.kinds.filter(kind => !a.kinds.includes(kind));
    const lost = a.kinds.filter(kind => !b.kinds.includes(kind));
    if (gained.length + lost.length > 0) changes.push({ kind: 'kinds-changed', name: b.name, gained, lost });
    const [docBefore, docAfter] = [old.nodes[i].doc, now.nodes[j].doc];
    if (docBefore !== docAfter) changes.push({ kind: 'description-changed', role: b.role, name: b.name, from: docBefore, to: docAfter });
    return changes;
}

export function nodeInfo(graph: FlywheelGraph, index: number): NodeInfo {
    const node = graph.nodes[index];
    return { name: node.name, label: node.label, role: node.isGoal ? 'goal' : 'driver', kinds: [...node.kinds].sort() };
}

// ---- Links ---------------------------------------------------------------------------------------

function linkChanges(old: FlywheelGraph, now: FlywheelGraph, matching: Matching): Change[] {
    // Old links keyed by the new names of their ends; an end that was removed keeps its old name.
    const toNewName = (i: number) => (matching.has(i) ? now.nodes[matching.get(i)!].name : `\0${old.nodes[i].name}`);
    const oldByPair = groupBy(old.links.map(link => ({ value: linkInfo(old, link), key: `${toNewName(link.source)} ${toNewName(link.target)}` })));
    const newByPair = groupBy(now.links.map(link => ({ value: linkInfo(now, link), key: `${now.nodes[link.source].name} ${now.nodes[link.target].name}` })));
    const keys = [...new Set([...newByPair.keys(), ...oldByPair.keys()])];
    const changes = keys.flatMap(key => pairLinks(oldByPair.get(key) ?? [], newByPair.get(key) ?? []));
    // Grouped by kind for the reader; within a kind, in declaration order.
    const order: Array<Change['kind']> = ['link-changed', 'link-relabelled', 'link-added', 'link-removed'];
    return order.flatMap(kind => changes.filter(change => change.kind === kind));
}

/** The links between one source and target on each side: equal ones cancel, then relabelled, then re-arrowed. */
function pairLinks(oldLinks: LinkInfo[], newLinks: LinkInfo[]): Change[] {
    const olds = [...oldLinks];
    const news = [...newLinks];
    const take = (match: (a: LinkInfo, b: LinkInfo) => boolean, report: (a: LinkInfo, b: LinkInfo) => Change | undefined): Change[] => {
        const changes: Change[] = [];
        for (let n = 0; n < news.length;) {
            const o = olds.findIndex(a => match(a, news[n]));
            if (o < 0) {
                n++;
                continue;
            }
            const change = report(olds[o], news[n]);
            if (change) changes.push(change);
            olds.splice(o, 1);
            news.splice(n, 1);
        }
        return changes;
    };
    return [
        ...take((a, b) => a.arrow === b.arrow && a.label === b.label, () => undefined),
        ...take((a, b) => a.arrow === b.arrow, (a, b) => ({ kind: 'link-relabelled', link: b, from: a.label, to: b.label })),
        ...take(() => true, (a, b) => ({ kind: 'link-changed', from: a, to: b })),
        ...news.map((link): Change => ({ kind: 'link-added', link })),
        ...olds.map((link): Change => ({ kind: 'link-removed', link }))
    ];
}

function linkInfo(graph: FlywheelGraph, link: FlywheelGraph['links'][number]): LinkInfo {
    const info: LinkInfo = { source: graph.nodes[link.source].name, target: graph.nodes[link.target].name, arrow: link.arrow };
    if (link.label !== undefined) info.label = link.label;
    return info;
}

// ---- Loops ---------------------------------------------------------------------------------------

/**
 * A loop is a cycle: the same nodes in the same cyclic order are the same loop, wherever the goal
 * is on it (a loop is listed from the goal, and a new goal starts it elsewhere). Each loop is
 * keyed by its nodes (old ones under their new names) and arrows turned to start at the smallest name.
 */
function loopChanges(old: FlywheelSnapshot, now: FlywheelSnapshot, matching: Matching): Change[] {
    const toNewName = (i: number) => (matching.has(i) ? now.graph.nodes[matching.get(i)!].name : `\0${old.graph.nodes[i].name}`);
    const keyed = (snapshot: FlywheelSnapshot, nameOf: (i: number) => string) => snapshot.analysis.loops.map(loop => {
        const cycle = asCycle(loop.nodes.map(nameOf), loop.links.map(l => snapshot.graph.links[l].arrow));
        return { value: { info: loopInfo(snapshot.graph, loop), arrows: cycle.arrows }, key: cycle.nodes };
    });
    const oldByPath = groupBy(keyed(old, toNewName));
    const newByPath = groupBy(keyed(now, i => now.graph.nodes[i].name));
    const keys = [...new Set([...newByPath.keys(), ...oldByPath.keys()])];
    return keys.flatMap(key => pairLoops(oldByPath.get(key) ?? [], newByPath.get(key) ?? []));
}

/** The cycle's nodes and arrows from its smallest name on (arrows[k] leads from nodes[k] to the next). */
function asCycle(nodes: string[], arrows: string[]): { nodes: string; arrows: string } {
    let start = 0;
    nodes.forEach((name, k) => { if (name < nodes[start]) start = k; });
    const turned = <T>(list: T[]) => [...list.slice(start), ...list.slice(0, start)];
    return { nodes: turned(nodes).join(' '), arrows: turned(arrows).join(' ') };
}

interface KeyedLoop {
    info: LoopInfo;
    /** Its arrows in the order of its key. */
    arrows: string;
}

/** Loops along the same nodes: the same arrows cancel (whatever their numbers), others changed, the rest gained or lost. */
function pairLoops(oldLoops: KeyedLoop[], newLoops: KeyedLoop[]): Change[] {
    const olds = oldLoops.filter(a => !newLoops.some(b => a.arrows === b.arrows)).map(a => a.info);
    const news = newLoops.filter(b => !oldLoops.some(a => a.arrows === b.arrows)).map(b => b.info);
    const changes: Change[] = [];
    while (olds.length > 0 && news.length > 0) {
        const [from, to] = [olds.shift()!, news.shift()!];
        if (from.polarity !== to.polarity || from.delayed !== to.delayed) changes.push({ kind: 'loop-changed', from, to });
    }
    return [
        ...changes,
        ...news.map((loop): Change => ({ kind: 'loop-gained', loop })),
        ...olds.map((loop): Change => ({ kind: 'loop-lost', loop }))
    ];
}

function loopInfo(graph: FlywheelGraph, loop: WheelAnalysis['loops'][number]): LoopInfo {
    return {
        id: loop.id,
        polarity: loop.polarity,
        delayed: loop.delayed,
        nodes: loop.nodes.map(i => graph.nodes[i].name),
        arrows: loop.links.map(i => graph.links[i].arrow)
    };
}

// ---- The wheel as a whole, and diagnostics -------------------------------------------------------

export function wheelStatus(snapshot: FlywheelSnapshot): WheelStatus {
    const { graph, analysis } = snapshot;
    const goal = graph.goal;
    const count = (polarity: Polarity) => analysis.loops.filter(loop => loop.polarity === polarity).length;
    return {
        goal: nameAt(graph, goal),
        closes: goal !== undefined && analysis.onWheel.some((on, i) => on && i !== goal),
        reinforcing: count('reinforcing'),
        balancing: count('balancing'),
        complete: analysis.loopsComplete,
        ...(analysis.loopsComplete ? {} : { completeUpTo: analysis.loopsCompleteUpTo })
    };
}

function closingChanges(before: FlywheelSnapshot | undefined, after: FlywheelSnapshot | undefined): Change[] {
    if (!before || !after) return [];
    const [was, is] = [wheelStatus(before).closes, wheelStatus(after).closes];
    return was === is ? [] : [{ kind: 'closing-changed', closes: is }];
}

/**
 * As multisets. Two diagnostics are the same when their code, severity and what they are about
 * agree, the old names read through the renames, and so does their message — unless a rename
 * touched the old one, whose message then names a node by its old name. Without `about` (syntax
 * errors), by message alone.
 */
function diffDiagnostics(before: DiagnosticSummary[], after: DiagnosticSummary[], renames: Map<string, string>): Change[] {
    const renamed = (name: string) => renames.get(name) ?? name;
    const subject = (d: DiagnosticSummary, rename: (name: string) => string) =>
        JSON.stringify([d.code, d.severity, d.about && { ...d.about, names: d.about.names.map(rename) }]);
    const unmatched = groupBy(before.map(d => ({ value: d, key: subject(d, renamed) })));
    const sameAs = (now: DiagnosticSummary) => (old: DiagnosticSummary) =>
        old.message === now.message || (old.about?.names.some(name => renames.has(name)) ?? false);
    // Each new diagnostic cancels one old one; what is left on either side changed.
    const introduced = after.filter(now => {
        const candidates = unmatched.get(subject(now, name => name)) ?? [];
        const match = candidates.findIndex(sameAs(now));
        if (match >= 0) candidates.splice(match, 1);
        return match < 0;
    });
    return [
        ...introduced.map((diagnostic): Change => ({ kind: 'diagnostic-introduced', diagnostic })),
        ...[...unmatched.values()].flat().map((diagnostic): Change => ({ kind: 'diagnostic-resolved', diagnostic }))
    ];
}

// ---- Small helpers -------------------------------------------------------------------------------

function nameAt(graph: FlywheelGraph, index: number | undefined): string | undefined {
    return index === undefined ? undefined : graph.nodes[index].name;
}

/** Values by key, in their order; keys in order of first appearance. */
function groupBy<T>(items: Array<{ value: T; key: string }>): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const { value, key } of items) {
        const group = groups.get(key) ?? [];
        group.push(value);
        groups.set(key, group);
    }
    return groups;
}
