import { describe, expect, test } from 'vitest';
import { analyzeWheel } from '../../../core/analysis/analyze.js';
import { enumerateLoops } from '../../../core/analysis/loops.js';
import { completeGraph, graphOf } from './graph-builders.js';

const names = (graph: ReturnType<typeof graphOf>, nodes: number[]) => nodes.map(n => graph.nodes[n].name).join(' ');

describe('enumerateLoops', () => {
    test('finds every elementary loop through the goal, each starting at the goal', () => {
        const graph = graphOf(['g', 'a', 'b', 'c'], 'g -> a -> b -> g; a -> c -> g; c -> b');
        const { loops, loopsComplete } = analyzeWheel(graph);
        expect(loopsComplete).toBe(true);
        expect(loops.map(l => names(graph, l.nodes))).toEqual(['g a b', 'g a c', 'g a c b']);
    });

    test('polarity is the product of the signs: an odd number of dampening links is balancing', () => {
        const graph = graphOf(['g', 'a', 'b', 'c'], 'g -| a -| b -> g; g -> c -| g');
        const { loops } = analyzeWheel(graph);
        expect(loops.map(l => [names(graph, l.nodes), l.polarity, l.id])).toEqual([
            ['g c', 'balancing', 'B1'],
            ['g a b', 'reinforcing', 'R1']
        ]);
    });

    test('a loop is delayed when any of its links is', () => {
        const graph = graphOf(['g', 'a', 'b'], 'g -> a ~> g; g -> b -> g');
        const { loops } = analyzeWheel(graph);
        expect(loops.map(l => [names(graph, l.nodes), l.delayed])).toEqual([['g a', true], ['g b', false]]);
    });

    test('numbering is stable: by length, then declaration order of the nodes, R and B counted apart', () => {
        // Links are declared in an order unlike the numbering, to show it is not link order.
        const graph = graphOf(['g', 'a', 'b', 'c'], 'c -> g; g -> c; b -| g; g -> b; a -> g; g -> a; a -> b');
        const { loops } = analyzeWheel(graph);
        expect(loops.map(l => `${l.id}:${names(graph, l.nodes)}`)).toEqual(['R1:g a', 'B1:g b', 'R2:g c', 'B2:g a b']);
    });

    test('a duplicated link does not double a loop; a conflicting one gives both polarities', () => {
        const graph = graphOf(['g', 'a'], 'g -> a -> g; a -> g; a -| g');
        const { loops } = analyzeWheel(graph);
        expect(loops.map(l => l.id)).toEqual(['R1', 'B1']);
    });

    test('the complete graph K12 stops at 1,000 loops and says it stopped early', () => {
        const graph = completeGraph(12);
        const { loops, loopsComplete } = analyzeWheel(graph);
        expect(loops).toHaveLength(1000);
        expect(loopsComplete).toBe(false);
        expect(new Set(loops.map(l => l.nodes.join(','))).size).toBe(1000);
    });

    test('loops longer than the length bound are not listed, and the result says so', () => {
        const ring = Array.from({ length: 15 }, (_, i) => `n${i}`);
        const graph = graphOf(ring, [...ring, 'n0'].join(' -> '));
        const wheel = graph.nodes.map(() => true);
        expect(enumerateLoops(graph, 0, wheel, { maxLoops: 1000, maxLength: 12, maxSteps: 1e6 })).toEqual({ loops: [], complete: false });
        expect(enumerateLoops(graph, 0, wheel, { maxLoops: 1000, maxLength: 15, maxSteps: 1e6 }).loops).toHaveLength(1);
    });

    test('a step budget stops a search that finds few loops in many paths', () => {
        const graph = completeGraph(12);
        const result = enumerateLoops(graph, 0, graph.nodes.map(() => true), { maxLoops: 1e9, maxLength: 12, maxSteps: 5000 });
        expect(result.complete).toBe(false);
        expect(result.loops.length).toBeGreaterThan(0);
    });
});
