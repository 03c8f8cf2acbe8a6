/**
 * Everything the diagnostics, the hover and the drawing need to know about one flywheel's wheel,
 * computed once from the plain graph.
 */
import {
    type FlywheelGraph, incomingLinks, outgoingLinks, pathFromGoal, pathToGoal, reachability,
    shortestCycleThrough, stronglyConnectedComponents
} from './graph.js';
import { DEFAULT_LOOP_BOUNDS, enumerateLoops, type Loop, type LoopBounds, type LoopSearchStop } from './loops.js';

/** Why a node is on no loop at all; `disconnected` is both of the last two. */
/** `only-self-links`: its links all go from it to itself (each one a `self-link` too). */
export type BrokenReason = 'no-links' | 'only-self-links' | 'never-leads-back' | 'never-reached' | 'disconnected';

export type Placement =
    | { kind: 'goal' }
    | { kind: 'wheel' }
    /** On a loop, but a second wheel: `cycle` is a shortest loop through the node (link indices). */
    | { kind: 'split'; cycle: number[] }
    /** On no loop: `path` shows why (from the goal to the node, or from the node to the goal). */
    | { kind: 'broken'; reason: BrokenReason; path: number[] };

export interface WheelAnalysis {
    /** Per node: true when it is the goal or on the goal's wheel. False everywhere without a goal. */
    onWheel: boolean[];
    /** Per node, where it stands; undefined for every node when the flywheel has no goal. */
    placement: Array<Placement | undefined>;
    /** Loops through the goal, numbered R1…, B1… in the contract's stable order. */
    loops: Loop[];
    /** False when loop enumeration hit a bound. */
    loopsComplete: boolean;
    /** Every loop through the goal of at most this many links is in `loops`. */
    loopsCompleteUpTo: number;
    /** The bound that stopped the enumeration, when it stopped early. */
    loopsStoppedBy?: LoopSearchStop;
}

export function analyzeWheel(graph: FlywheelGraph, bounds: LoopBounds = DEFAULT_LOOP_BOUNDS): WheelAnalysis {
    const goal = graph.goal;
    if (goal === undefined) {
        return { onWheel: graph.nodes.map(() => false), placement: graph.nodes.map(() => undefined), loops: [], loopsComplete: true, loopsCompleteUpTo: 0 };
    }
    const out = outgoingLinks(graph);
    const into = incomingLinks(graph);
    const component = stronglyConnectedComponents(graph, out);
    const componentSize = new Map<number, number>();
    component.forEach(c => componentSize.set(c, (componentSize.get(c) ?? 0) + 1));
    const onLoop = component.map(c => componentSize.get(c)! > 1);
    const onWheel = component.map(c => onLoop[goal] && c === component[goal]);
    const { fromGoal, toGoal } = reachability(graph, goal, out, into);
    const selfLinked = new Set(graph.links.filter(link => link.source === link.target).map(link => link.source));

    const placement = graph.nodes.map((_, node): Placement => {
        if (node === goal) return { kind: 'goal' };
        if (onWheel[node]) return { kind: 'wheel' };
        if (onLoop[node]) return { kind: 'split', cycle: shortestCycleThrough(graph, node, component, out) };
        if (out[node].length === 0 && into[node].length === 0) return { kind: 'broken', reason: selfLinked.has(node) ? 'only-self-links' : 'no-links', path: [] };
        const reached = fromGoal[node] !== undefined;
        const leadsBack = toGoal[node] !== undefined;
        if (reached) return { kind: 'broken', reason: 'never-leads-back', path: pathFromGoal(graph, fromGoal, node) };
        if (leadsBack) return { kind: 'broken', reason: 'never-reached', path: pathToGoal(graph, toGoal, node) };
        return { kind: 'broken', reason: 'disconnected', path: [] };
    });

    const search = onLoop[goal] ? enumerateLoops(graph, goal, onWheel, bounds) : { loops: [], complete: true, completeUpTo: 0 };
    return {
        onWheel, placement, loops: search.loops,
        loopsComplete: search.complete, loopsCompleteUpTo: search.completeUpTo, loopsStoppedBy: search.stoppedBy
    };
}
