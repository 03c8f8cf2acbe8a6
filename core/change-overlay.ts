/**
 * What a visual diff marks on the drawing of a flywheel's new version: the semantic diff's changes
 * (semantic-diff.ts decides what changed; nothing here decides it again) put on the new version's
 * nodes, links and loops by index, and what was removed by its index in the old version, so a
 * drawing can show it as a ghost where it was. Plain data in and out, like the diff itself.
 */
import type { Arrow, DriverKind, FlywheelGraph } from './analysis/graph.js';
import { type Matching, matchNodes } from './node-matching.js';
import { type Change, diffFlywheel, type FlywheelDiff, type FlywheelSnapshot, type LinkInfo, type LoopInfo, nodeInfo, type NodeInfo } from './semantic-diff.js';

/** The values of the drawing hook `data-change`. */
export type ChangeMark = 'added' | 'removed' | 'changed' | 'renamed';

export interface NodeMark {
    /** `renamed` when the name changed (whatever else did too), `changed` for the rest. */
    change: 'added' | 'renamed' | 'changed';
    renamedFrom?: string;
    /** The written label before, when it changed (undefined: there was none). */
    relabelled?: { from?: string };
    kindsGained: DriverKind[];
    kindsLost: DriverKind[];
    /** It is the goal now and was not (another node was, or there was none). */
    becameGoal: boolean;
    descriptionChanged: boolean;
}

export interface LinkMark {
    change: 'added' | 'changed';
    /** The arrow before, when polarity or delay changed. */
    arrowFrom?: Arrow;
    /** The label before, when it changed (undefined: there was none). */
    relabelled?: { from?: string };
}

/** One end of a removed link: a node of the new version, or one that was removed too. */
export type RemovedEnd = { node: number } | { removed: number };

export interface RemovedNode {
    /** Its index in the old version (where it was drawn). */
    old: number;
    node: NodeInfo;
}

export interface RemovedLink {
    old: number;
    link: LinkInfo;
    /** Indices into `nodes` of the new version, or into `removedNodes`. */
    source: RemovedEnd;
    target: RemovedEnd;
}

export interface ChangeOverlay {
    diff: FlywheelDiff;
    /** Old node index → new node index, as the semantic diff matched them. */
    matching: Matching;
    /** Per node of the new version; undefined where nothing changed. */
    nodes: Array<NodeMark | undefined>;
    /** Per link of the new version; undefined where nothing changed. */
    links: Array<LinkMark | undefined>;
    removedNodes: RemovedNode[];
    removedLinks: RemovedLink[];
    /** Loops of the new version (by its ids) that are new, and loops of the old one that are gone. */
    loopsGained: LoopInfo[];
    loopsLost: LoopInfo[];
    /** Same nodes, another polarity or delay: the new loop and the old one. */
    loopsChanged: Array<{ from: LoopInfo; to: LoopInfo }>;
    /** Initiatives of the new version by name: new, or changed (what changed, in words). */
    initiatives: Map<string, { change: 'added' | 'changed'; text: string }>;
    /** Initiatives of the old version that are gone: their names and labels. */
    initiativesRemoved: Array<{ name: string; label: string }>;
    /** The flywheel's name or title before, when it changed. */
    renamedFrom?: string;
    relabelledFrom?: { from?: string };
    /** Nothing to mark: the drawing is the plain drawing of the new version. */
    unchanged: boolean;
}

const EMPTY_GRAPH: FlywheelGraph = { name: '', label: '', nodes: [], links: [], initiatives: [] };

/**
 * The overlay for one flywheel's two versions (`undefined`: the flywheel does not exist on that
 * side, so everything is added or removed).
 */
export function changeOverlay(before: FlywheelSnapshot | undefined, after: FlywheelSnapshot | undefined): ChangeOverlay {
    const diff = diffFlywheel(before, after);
    const old = before?.graph ?? EMPTY_GRAPH;
    const now = after?.graph ?? EMPTY_GRAPH;
    const matching = matchNodes(old, now);
    const nodes = nodeMarks(old, now, matching, diff.changes);
    const links = linkMarks(now, diff.changes);
    const removedNodes = old.nodes.flatMap((_, i): RemovedNode[] => (matching.has(i) ? [] : [{ old: i, node: nodeInfo(old, i) }]));
    const removedAt = new Map(removedNodes.map((r, k) => [r.old, k]));
    const end = (i: number): RemovedEnd => (matching.has(i) ? { node: matching.get(i)! } : { removed: removedAt.get(i)! });
    const removed = diff.changes.flatMap(c => (c.kind === 'link-removed' ? [c.link] : []));
    const removedLinks = takeLinks(old, removed).flatMap((index, k): RemovedLink[] => (index === undefined ? [] : [
        { old: index, link: removed[k], source: end(old.links[index].source), target: end(old.links[index].target) }
    ]));
    const of = <K extends Change['kind']>(kind: K) => diff.changes.filter((c): c is Extract<Change, { kind: K }> => c.kind === kind);
    const renamed = of('flywheel-renamed')[0];
    const relabelled = of('flywheel-relabelled')[0];
    const overlay: ChangeOverlay = {
        diff,
        matching,
        nodes,
        links,
        removedNodes,
        removedLinks,
        loopsGained: of('loop-gained').map(c => c.loop),
        loopsLost: of('loop-lost').map(c => c.loop),
        loopsChanged: of('loop-changed').map(({ from, to }) => ({ from, to })),
        initiatives: initiativeMarks(diff),
        initiativesRemoved: of('initiative-removed').map(({ initiative }) => ({ name: initiative.name, label: initiative.label })),
        ...(renamed && { renamedFrom: renamed.from }),
        ...(relabelled && { relabelledFrom: { from: relabelled.from } }),
        unchanged: false
    };
    overlay.unchanged = !renamed && !relabelled && nodes.every(m => !m) && links.every(m => !m) && removedNodes.length === 0
        && removedLinks.length === 0 && overlay.loopsGained.length + overlay.loopsLost.length + overlay.loopsChanged.length === 0
        && overlay.initiatives.size === 0 && overlay.initiativesRemoved.length === 0;
    return overlay;
}

/** What each initiative's changes say, by name: added, or changed (relabelled, re-linked, newly off the wheel). */
function initiativeMarks(diff: FlywheelDiff): ChangeOverlay['initiatives'] {
    const marks: ChangeOverlay['initiatives'] = new Map();
    const changed = (name: string, text: string) => {
        const earlier = marks.get(name);
        marks.set(name, { change: 'changed', text: earlier ? `${earlier.text}; ${text}` : text });
    };
    for (const change of diff.changes) {
        if (change.kind === 'initiative-added') marks.set(change.initiative.name, { change: 'added', text: 'new' });
        if (change.kind === 'initiative-relabelled') changed(change.name, change.from === undefined ? 'label added' : `was “${change.from}”`);
        if (change.kind === 'initiative-relinked') changed(change.name, `pushed ${change.from.map(p => p.target).join(', ') || 'nothing'} before`);
        if (change.kind === 'initiative-off-wheel') changed(change.name, 'now off the wheel');
    }
    return marks;
}

function nodeMarks(old: FlywheelGraph, now: FlywheelGraph, matching: Matching, changes: Change[]): Array<NodeMark | undefined> {
    const marks: Array<NodeMark | undefined> = now.nodes.map(() => undefined);
    const markAt = (j: number, change: NodeMark['change']): NodeMark =>
        (marks[j] ??= { change, kindsGained: [], kindsLost: [], becameGoal: false, descriptionChanged: false });
    const oldOf = new Map([...matching].map(([i, j]) => [j, i]));
    now.nodes.forEach((node, j) => {
        const i = oldOf.get(j);
        if (i === undefined) markAt(j, 'added');
        else if (old.nodes[i].name !== node.name) markAt(j, 'renamed').renamedFrom = old.nodes[i].name;
    });
    // Changes name a node by its new name; a duplicate name (an error) marks the first.
    const byName = new Map<string, number>();
    now.nodes.forEach((node, j) => !byName.has(node.name) && byName.set(node.name, j));
    const at = (name: string | undefined) => (name === undefined ? undefined : byName.get(name));
    for (const change of changes) {
        const j = 'name' in change ? at(change.name) : undefined;
        if (change.kind === 'node-relabelled' && j !== undefined) markAt(j, 'changed').relabelled = { from: change.from };
        if (change.kind === 'kinds-changed' && j !== undefined) Object.assign(markAt(j, 'changed'), { kindsGained: change.gained, kindsLost: change.lost });
        if (change.kind === 'description-changed' && j !== undefined) markAt(j, 'changed').descriptionChanged = true;
        const goal = change.kind === 'goal-changed' ? at(change.to) : undefined;
        if (goal !== undefined) markAt(goal, 'changed').becameGoal = true;
    }
    return marks;
}

function linkMarks(now: FlywheelGraph, changes: Change[]): Array<LinkMark | undefined> {
    const marks: Array<LinkMark | undefined> = now.links.map(() => undefined);
    const wanted = changes.flatMap((change): Array<{ link: LinkInfo; mark: LinkMark }> => {
        switch (change.kind) {
            case 'link-added': return [{ link: change.link, mark: { change: 'added' } }];
            case 'link-changed': return [{ link: change.to, mark: { change: 'changed', arrowFrom: change.from.arrow, ...(change.from.label !== change.to.label && { relabelled: { from: change.from.label } }) } }];
            case 'link-relabelled': return [{ link: change.link, mark: { change: 'changed', relabelled: { from: change.from } } }];
            default: return [];
        }
    });
    takeLinks(now, wanted.map(w => w.link)).forEach((index, k) => {
        if (index !== undefined) marks[index] = wanted[k].mark;
    });
    return marks;
}

/**
 * The index in `graph` of each link the changes name (by ends, arrow and label), each link taken
 * once, in the order asked: two equal links (a `duplicate-link`) are two links.
 */
function takeLinks(graph: FlywheelGraph, wanted: LinkInfo[]): Array<number | undefined> {
    const taken = new Set<number>();
    return wanted.map(link => {
        const index = graph.links.findIndex((l, k) => !taken.has(k) && l.arrow === link.arrow && l.label === link.label
            && graph.nodes[l.source].name === link.source && graph.nodes[l.target].name === link.target);
        if (index < 0) return undefined;
        taken.add(index);
        return index;
    });
}
