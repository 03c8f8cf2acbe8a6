import { describe, expect, test } from 'vitest';
import { pathFromGoal, pathToGoal, reachability, shortestCycleThrough, signOf, isDelayed, stronglyConnectedComponents } from '../../../core/analysis/graph.js';
import { graphOf } from './graph-builders.js';

describe('arrows', () => {
    test('-> and ~> reinforce, -| and ~| dampen; ~ marks a delay', () => {
        expect(['->', '-|', '~>', '~|'].map(a => signOf(a as never))).toEqual([1, -1, 1, -1]);
        expect(['->', '-|', '~>', '~|'].map(a => isDelayed(a as never))).toEqual([false, false, true, true]);
    });
});

describe('stronglyConnectedComponents', () => {
    test('groups nodes that reach each other, and only those', () => {
        const graph = graphOf(['g', 'a', 'b', 'c', 'd', 'e'], 'g -> a -> b -> g; b -> c; c -> d -> c; e -> g');
        const component = stronglyConnectedComponents(graph);
        expect(component[0]).toBe(component[1]);
        expect(component[1]).toBe(component[2]);
        expect(component[3]).toBe(component[4]);
        expect(component[3]).not.toBe(component[0]);
        expect(new Set(component).size).toBe(3);
    });

    test('a self-link does not put a node on a cycle', () => {
        const graph = graphOf(['g', 'a'], 'a -> a; g -> a');
        const component = stronglyConnectedComponents(graph);
        expect(component[0]).not.toBe(component[1]);
    });

    test('handles a 100,000-node ring without recursion limits', () => {
        const n = 100_000;
        const names = Array.from({ length: n }, (_, i) => `n${i}`);
        const graph = graphOf(names, '');
        graph.links = names.map((_, i) => ({ source: i, target: (i + 1) % n, arrow: '->' as const }));
        expect(new Set(stronglyConnectedComponents(graph)).size).toBe(1);
    });
});

describe('reachability and paths', () => {
    const graph = graphOf(['g', 'a', 'b', 'c', 'x'], 'g -> a -> b; b -> c; x -> c -> g');

    test('paths from the goal are shortest and in link order', () => {
        const { fromGoal } = reachability(graph, 0);
        const path = pathFromGoal(graph, fromGoal, 3);
        expect(path.map(l => [graph.links[l].source, graph.links[l].target])).toEqual([[0, 1], [1, 2], [2, 3]]);
        expect(fromGoal[4]).toBeUndefined();
    });

    test('paths to the goal start at the node', () => {
        const { toGoal } = reachability(graph, 0);
        const path = pathToGoal(graph, toGoal, 4);
        expect(path.map(l => [graph.links[l].source, graph.links[l].target])).toEqual([[4, 3], [3, 0]]);
    });

    test('shortestCycleThrough finds the shortest loop inside the component', () => {
        const ring = graphOf(['g', 'a', 'b', 'c'], 'a -> b -> c -> a; a -> c');
        const component = stronglyConnectedComponents(ring);
        const cycle = shortestCycleThrough(ring, 1, component);
        expect(cycle.map(l => ring.nodes[ring.links[l].source].name)).toEqual(['a', 'c']);
        expect(shortestCycleThrough(ring, 0, component)).toEqual([]);
    });
});
