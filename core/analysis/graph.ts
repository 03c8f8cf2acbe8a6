/**
 * The signed link graph of one flywheel, as plain data, and the linear-time graph work on it
 * (strongly connected components, reachability, shortest paths). No Langium types here: the
 * validator, the hover, the renderer and `flywheel diff` all read the same plain data.
 */

export type DriverKind = 'cost' | 'quality';

export interface GraphNode {
    name: string;
    /** The display label: the node's string, or its name when it has none. */
    label: string;
    /** True for every `goal` declaration; only the first one is *the* goal (`FlywheelGraph.goal`). */
    isGoal: boolean;
    kinds: DriverKind[];
    /** The `/** … *\/` comment right before the declaration, without its markers. */
    doc?: string;
}

export type Arrow = '->' | '-|' | '~>' | '~|';

export interface GraphLink {
    source: number;
    target: number;
    arrow: Arrow;
    label?: string;
}

/** A link from an initiative to the goal or driver it pushes. */
export interface GraphPush {
    /** The node pushed (an index into `FlywheelGraph.nodes`). */
    target: number;
    arrow: Arrow;
    label?: string;
}

/**
 * Something the company does to turn the wheel. It is only ever a link's source, so it is kept
 * beside the graph, not in it: it takes no part in loops, the wheel or any limit.
 */
export interface GraphInitiative {
    name: string;
    label: string;
    doc?: string;
    /** Its links, in declaration order. */
    pushes: GraphPush[];
}

export interface FlywheelGraph {
    name: string;
    label: string;
    /** Goals and drivers in declaration order. */
    nodes: GraphNode[];
    /** Links in declaration order; links naming an undeclared node are not in the graph. */
    links: GraphLink[];
    /** Initiatives in declaration order, with the links out of them. */
    initiatives: GraphInitiative[];
    /** Index of the first goal, when there is one. */
    goal?: number;
}

/** +1 for a reinforcing arrow (`->`, `~>`), −1 for a dampening one (`-|`, `~|`). */
export function signOf(arrow: Arrow): 1 | -1 {
    return arrow.endsWith('|') ? -1 : 1;
}

export function isDelayed(arrow: Arrow): boolean {
    return arrow.startsWith('~');
}

/**
 * Outgoing link indices per node. Self-links are left out: they are reported on their own
 * (`self-link`) and a node that only feeds itself is not part of any wheel.
 */
export function outgoingLinks(graph: FlywheelGraph): number[][] {
    return linksBy(graph, 'source');
}

/** Incoming link indices per node, self-links left out as in `outgoingLinks`. */
export function incomingLinks(graph: FlywheelGraph): number[][] {
    return linksBy(graph, 'target');
}

function linksBy(graph: FlywheelGraph, end: 'source' | 'target'): number[][] {
    const byNode: number[][] = graph.nodes.map(() => []);
    graph.links.forEach((link, index) => {
        if (link.source !== link.target) byNode[link[end]].push(index);
    });
    return byNode;
}

/**
 * Tarjan's algorithm, iterative so that a 5,000-driver chain does not overflow the stack.
 * Returns the component id of every node; ids are dense, starting at 0.
 */
export function stronglyConnectedComponents(graph: FlywheelGraph, out = outgoingLinks(graph)): number[] {
    const count = graph.nodes.length;
    const index = new Array<number>(count).fill(-1);
    const lowLink = new Array<number>(count).fill(0);
    const onStack = new Array<boolean>(count).fill(false);
    const component = new Array<number>(count).fill(-1);
    const stack: number[] = [];
    let nextIndex = 0;
    let nextComponent = 0;

    for (let root = 0; root < count; root++) {
        if (index[root] !== -1) continue;
        // Each frame is a node and how many of its outgoing links were already followed.
        const frames: Array<[node: number, edge: number]> = [[root, 0]];
        index[root] = lowLink[root] = nextIndex++;
        stack.push(root);
        onStack[root] = true;
        while (frames.length > 0) {
            const frame = frames[frames.length - 1];
            const [node, edge] = frame;
            if (edge < out[node].length) {
                frame[1]++;
                const next = graph.links[out[node][edge]].target;
                if (index[next] === -1) {
                    index[next] = lowLink[next] = nextIndex++;
                    stack.push(next);
                    onStack[next] = true;
                    frames.push([next, 0]);
                } else if (onStack[next]) {
                    lowLink[node] = Math.min(lowLink[node], index[next]);
                }
                continue;
            }
            frames.pop();
            if (frames.length > 0) {
                const parent = frames[frames.length - 1][0];
                lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
            }
            if (lowLink[node] === index[node]) {
                let member: number;
                do {
                    member = stack.pop()!;
                    onStack[member] = false;
                    component[member] = nextComponent;
                } while (member !== node);
                nextComponent++;
            }
        }
    }
    return component;
}

/**
 * Breadth-first search from `start` along `adjacency` (link indices); `step` says which end of a
 * link is the next node. Returns, per node, the link it was first reached by (−1 for the start,
 * undefined for unreached nodes), so shortest paths can be read back.
 */
function breadthFirst(
    graph: FlywheelGraph,
    start: number,
    adjacency: number[][],
    step: (link: GraphLink) => number,
    allowed: (node: number) => boolean = () => true
): Array<number | undefined> {
    const via = new Array<number | undefined>(graph.nodes.length).fill(undefined);
    via[start] = -1;
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
        for (const linkIndex of adjacency[queue[head]]) {
            const next = step(graph.links[linkIndex]);
            if (via[next] === undefined && allowed(next)) {
                via[next] = linkIndex;
                queue.push(next);
            }
        }
    }
    return via;
}

export interface Reachability {
    /** Per node: the link it is first reached by from the goal (−1 for the goal), or undefined. */
    fromGoal: Array<number | undefined>;
    /** Per node: the first link of a shortest path from it to the goal (−1 for the goal), or undefined. */
    toGoal: Array<number | undefined>;
}

export function reachability(graph: FlywheelGraph, goal: number, out = outgoingLinks(graph), into = incomingLinks(graph)): Reachability {
    return {
        fromGoal: breadthFirst(graph, goal, out, link => link.target),
        toGoal: breadthFirst(graph, goal, into, link => link.source)
    };
}

/** The links of a shortest path from the goal to `node`, read back from `Reachability.fromGoal`. */
export function pathFromGoal(graph: FlywheelGraph, fromGoal: Array<number | undefined>, node: number): number[] {
    const path: number[] = [];
    for (let at = node, via = fromGoal[at]; via !== undefined && via !== -1; via = fromGoal[at]) {
        path.unshift(via);
        at = graph.links[via].source;
    }
    return path;
}

/** The links of a shortest path from `node` to the goal, read back from `Reachability.toGoal`. */
export function pathToGoal(graph: FlywheelGraph, toGoal: Array<number | undefined>, node: number): number[] {
    const path: number[] = [];
    for (let at = node, via = toGoal[at]; via !== undefined && via !== -1; via = toGoal[at]) {
        path.push(via);
        at = graph.links[via].target;
    }
    return path;
}

/**
 * A shortest cycle through `node` that stays inside its own strongly connected component,
 * as link indices; empty when the node is on no cycle.
 */
export function shortestCycleThrough(graph: FlywheelGraph, node: number, component: number[], out = outgoingLinks(graph)): number[] {
    const inComponent = (n: number) => component[n] === component[node];
    const via = breadthFirst(graph, node, out, link => link.target, inComponent);
    // The cycle closes with a link back into `node` from a node the search reached.
    let best: number[] = [];
    graph.links.forEach((link, linkIndex) => {
        if (link.target !== node || link.source === node || via[link.source] === undefined) return;
        const path: number[] = [linkIndex];
        for (let at = link.source; at !== node; at = graph.links[via[at]!].source) {
            path.unshift(via[at]!);
        }
        if (best.length === 0 || path.length < best.length) best = path;
    });
    return best;
}
