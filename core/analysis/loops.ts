/**
 * Bounded enumeration of the elementary loops through the goal, with their polarity, delay and
 * the contract's stable R1/B1 numbering. Enumeration can explode combinatorially, so it stops at
 * a number of loops, a loop length and a number of search steps, and says when it stopped early.
 */
import { type FlywheelGraph, isDelayed, outgoingLinks, signOf } from './graph.js';

export type Polarity = 'reinforcing' | 'balancing';

export interface Loop {
    /** `R1`, `R2`, … for reinforcing loops, `B1`, … for balancing ones. */
    id: string;
    polarity: Polarity;
    delayed: boolean;
    /** The loop's nodes, starting at the goal (the goal is not repeated at the end). */
    nodes: number[];
    /** The loop's links, in order: `links[i]` goes from `nodes[i]` to `nodes[i + 1]` (or back to the goal). */
    links: number[];
}

export interface LoopBounds {
    /** At most this many loops are listed (default 1,000). */
    maxLoops: number;
    /** Loops longer than this many links are not looked for (default 12). */
    maxLength: number;
    /** A guard against graphs with many long paths that do not close: search steps (default 200,000). */
    maxSteps: number;
}

export const DEFAULT_LOOP_BOUNDS: LoopBounds = { maxLoops: 1000, maxLength: 12, maxSteps: 200_000 };

export interface LoopEnumeration {
    loops: Loop[];
    /** False when a bound was hit: then no "there is no such loop" conclusion may be drawn. */
    complete: boolean;
}

/**
 * The elementary loops through `goal` that stay inside `onWheel` (every such loop does: a loop
 * through the goal lies in the goal's strongly connected component).
 */
export function enumerateLoops(
    graph: FlywheelGraph,
    goal: number,
    onWheel: boolean[],
    bounds: LoopBounds = DEFAULT_LOOP_BOUNDS
): LoopEnumeration {
    const out = wheelLinks(graph, onWheel);
    const distanceToGoal = distancesToGoal(graph, goal, out);
    const found: Array<{ nodes: number[]; links: number[] }> = [];
    const onPath = new Array<boolean>(graph.nodes.length).fill(false);
    const nodes: number[] = [goal];
    const links: number[] = [];
    let steps = 0;
    let complete = true;

    // Depth-first over simple paths from the goal; a path is extended only while it can still
    // get back to the goal within the length bound.
    const extend = (node: number): boolean => {
        for (const linkIndex of out[node]) {
            if (++steps > bounds.maxSteps) return false;
            const next = graph.links[linkIndex].target;
            if (next === goal) {
                found.push({ nodes: [...nodes], links: [...links, linkIndex] });
                if (found.length >= bounds.maxLoops) return false;
                continue;
            }
            if (onPath[next] || links.length + 1 + distanceToGoal[next] > bounds.maxLength) {
                if (!onPath[next] && distanceToGoal[next] !== Infinity) complete = false;
                continue;
            }
            onPath[next] = true;
            nodes.push(next);
            links.push(linkIndex);
            const keepGoing = extend(next);
            nodes.pop();
            links.pop();
            onPath[next] = false;
            if (!keepGoing) return false;
        }
        return true;
    };
    onPath[goal] = true;
    if (!extend(goal)) complete = false;

    return { loops: numberLoops(graph, found), complete };
}

/**
 * Links between wheel nodes, one per (target, arrow) pair: a duplicated link is one link of the
 * loop, not a second loop.
 */
function wheelLinks(graph: FlywheelGraph, onWheel: boolean[]): number[][] {
    return outgoingLinks(graph).map((linkIndices, source) => {
        if (!onWheel[source]) return [];
        const seen = new Set<string>();
        return linkIndices.filter(linkIndex => {
            const link = graph.links[linkIndex];
            const key = `${link.target} ${link.arrow}`;
            if (!onWheel[link.target] || seen.has(key)) return false;
            seen.add(key);
            return true;
        });
    });
}

/** Fewest links from each node to the goal over `out` (Infinity where there is no path). */
function distancesToGoal(graph: FlywheelGraph, goal: number, out: number[][]): number[] {
    const into: number[][] = graph.nodes.map(() => []);
    out.forEach((linkIndices, source) => linkIndices.forEach(linkIndex => into[graph.links[linkIndex].target].push(source)));
    const distance = new Array<number>(graph.nodes.length).fill(Infinity);
    distance[goal] = 0;
    const queue = [goal];
    for (let head = 0; head < queue.length; head++) {
        for (const source of into[queue[head]]) {
            if (distance[source] === Infinity) {
                distance[source] = distance[queue[head]] + 1;
                queue.push(source);
            }
        }
    }
    return distance;
}

/**
 * The contract's stable order: loops start at the goal, shorter loops first, then by the
 * declaration order of their nodes; reinforcing and balancing loops are numbered separately.
 */
function numberLoops(graph: FlywheelGraph, found: Array<{ nodes: number[]; links: number[] }>): Loop[] {
    const ordered = [...found].sort((a, b) => a.nodes.length - b.nodes.length || compareSequences(a.nodes, b.nodes) || compareSequences(a.links, b.links));
    const counters = { reinforcing: 0, balancing: 0 };
    return ordered.map(({ nodes, links }) => {
        const arrows = links.map(linkIndex => graph.links[linkIndex].arrow);
        const polarity: Polarity = arrows.reduce((sign, arrow) => sign * signOf(arrow), 1) > 0 ? 'reinforcing' : 'balancing';
        const id = `${polarity === 'reinforcing' ? 'R' : 'B'}${++counters[polarity]}`;
        return { id, polarity, delayed: arrows.some(isDelayed), nodes, links };
    });
}

function compareSequences(a: number[], b: number[]): number {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
        if (a[i] !== b[i]) return a[i] - b[i];
    }
    return a.length - b.length;
}
