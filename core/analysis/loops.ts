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
    /** A guard against graphs with many paths that do not close: links looked at (default 200,000). */
    maxSteps: number;
}

export const DEFAULT_LOOP_BOUNDS: LoopBounds = { maxLoops: 1000, maxLength: 12, maxSteps: 200_000 };

/** Which bound cut the search short. */
export type LoopSearchStop = 'loop-count' | 'length' | 'steps';

export interface LoopEnumeration {
    loops: Loop[];
    /** False when a bound was hit: then no "there is no such loop" conclusion may be drawn. */
    complete: boolean;
    /**
     * Every loop through the goal of at most this many links is in `loops` (loops are looked for
     * shortest first). When `complete`, the wheel's size: no loop is longer.
     */
    completeUpTo: number;
    /** Why the search stopped early; undefined when it is complete. */
    stoppedBy?: LoopSearchStop;
}

/**
 * The elementary loops through `goal` that stay inside `onWheel` (every such loop does: a loop
 * through the goal lies in the goal's strongly connected component), shortest first: all loops
 * of one link, then of two, and so on, so that whichever bound stops the search, every loop up to
 * some length has been found and a short brake is never crowded out by long loops.
 */
export function enumerateLoops(
    graph: FlywheelGraph,
    goal: number,
    onWheel: boolean[],
    bounds: LoopBounds = DEFAULT_LOOP_BOUNDS
): LoopEnumeration {
    const search = new LoopSearch(graph, goal, wheelLinks(graph, onWheel), bounds);
    const wheelSize = onWheel.filter(Boolean).length;
    const stop = (completeUpTo: number, stoppedBy: LoopSearchStop): LoopEnumeration =>
        ({ loops: numberLoops(graph, search.found), complete: false, completeUpTo, stoppedBy });

    // No elementary loop has more links than the wheel has nodes.
    const longest = Math.min(bounds.maxLength, wheelSize);
    for (let length = 1; length <= longest; length++) {
        const outcome = search.loopsOfLength(length);
        if (outcome !== 'done') return stop(length - 1, outcome);
    }
    if (wheelSize > bounds.maxLength) {
        const longer = search.longerLoopExists();
        if (longer !== false) return stop(bounds.maxLength, longer === true ? 'length' : 'steps');
    }
    return { loops: numberLoops(graph, search.found), complete: true, completeUpTo: wheelSize };
}

/** The state of one bounded search: the loops found so far and the steps spent. */
class LoopSearch {
    readonly found: Array<{ nodes: number[]; links: number[] }> = [];
    private readonly into: number[][];
    /** Fewest links from each node to the goal, ignoring the path: a lower bound, so it only cuts paths that cannot close in time. */
    private readonly distanceToGoal: number[];
    private readonly onPath: boolean[];
    private readonly nodes: number[];
    private readonly links: number[] = [];
    private steps = 0;

    constructor(
        private readonly graph: FlywheelGraph,
        private readonly goal: number,
        private readonly out: number[][],
        private readonly bounds: LoopBounds
    ) {
        this.into = graph.nodes.map(() => []);
        out.forEach((linkIndices, source) => linkIndices.forEach(linkIndex => this.into[graph.links[linkIndex].target].push(source)));
        this.onPath = new Array<boolean>(graph.nodes.length).fill(false);
        this.onPath[goal] = true;
        this.nodes = [goal];
        this.distanceToGoal = this.distancesAvoidingPath();
        // That first search is linear work done once, not part of the budget.
        this.steps = 0;
    }

    /** Adds every loop of exactly `length` links; stops early when a bound is hit. */
    loopsOfLength(length: number): 'done' | 'loop-count' | 'steps' {
        const extend = (node: number): 'done' | 'loop-count' | 'steps' => {
            for (const linkIndex of this.out[node]) {
                if (++this.steps > this.bounds.maxSteps) return 'steps';
                const next = this.graph.links[linkIndex].target;
                if (next === this.goal) {
                    if (this.links.length + 1 !== length) continue;
                    if (this.found.length === this.bounds.maxLoops) return 'loop-count';
                    this.found.push({ nodes: [...this.nodes], links: [...this.links, linkIndex] });
                    continue;
                }
                if (this.onPath[next] || this.links.length + 1 + this.distanceToGoal[next] > length) continue;
                const outcome = this.along(next, linkIndex, () => extend(next));
                if (outcome !== 'done') return outcome;
            }
            return 'done';
        };
        return extend(this.goal);
    }

    /**
     * Whether some loop through the goal is longer than the length bound; undefined when the step
     * budget ran out first. Exact: a path is followed only while its last node can still reach the
     * goal without touching the path (a breadth-first search over what is left of the wheel), so
     * every path followed closes into a real loop, and the shortest way it closes is known.
     */
    longerLoopExists(): boolean | undefined {
        const explore = (node: number): boolean | undefined => {
            // From the goal itself the path is the goal alone: the distances are the ones at hand.
            const distance = node === this.goal ? this.distanceToGoal : this.distancesAvoidingPath();
            if (this.steps > this.bounds.maxSteps) return undefined;
            for (const linkIndex of this.out[node]) {
                const next = this.graph.links[linkIndex].target;
                if (next === this.goal || this.onPath[next] || distance[next] === Infinity) continue;
                if (this.links.length + 1 + distance[next] > this.bounds.maxLength) return true;
                const longer = this.along(next, linkIndex, () => explore(next));
                if (longer !== false) return longer;
            }
            return false;
        };
        return explore(this.goal);
    }

    /** Runs `search` with the path extended by `linkIndex` into `next`, then takes the step back. */
    private along<T>(next: number, linkIndex: number, search: () => T): T {
        this.onPath[next] = true;
        this.nodes.push(next);
        this.links.push(linkIndex);
        const result = search();
        this.links.pop();
        this.nodes.pop();
        this.onPath[next] = false;
        return result;
    }

    /** Fewest links from each node to the goal through nodes off the path (Infinity where there is no way); each link looked at is a step. */
    private distancesAvoidingPath(): number[] {
        const distance = new Array<number>(this.graph.nodes.length).fill(Infinity);
        distance[this.goal] = 0;
        const queue = [this.goal];
        for (let head = 0; head < queue.length; head++) {
            const node = queue[head];
            this.steps += this.into[node].length;
            for (const source of this.into[node]) {
                if (distance[source] === Infinity && !this.onPath[source]) {
                    distance[source] = distance[node] + 1;
                    queue.push(source);
                }
            }
        }
        return distance;
    }
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
