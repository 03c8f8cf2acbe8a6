import { describe, expect, test } from 'vitest';
import { analyzeWheel } from '../../../core/analysis/analyze.js';
import { enumerateLoops, type Loop } from '../../../core/analysis/loops.js';
import type { FlywheelGraph } from '../../../core/analysis/graph.js';
import { completeGraph, graphOf } from './graph-builders.js';
import { everyLoopThroughGoal } from './loop-oracle.js';

const names = (graph: ReturnType<typeof graphOf>, nodes: number[]) => nodes.map(n => graph.nodes[n].name).join(' ');
/** A loop as `g -> a -| g`, the way the oracle writes it. */
const written = (graph: FlywheelGraph, loop: Loop) =>
    loop.nodes.map((node, i) => `${graph.nodes[node].name} ${graph.links[loop.links[i]].arrow} `).join('') + graph.nodes[graph.goal!].name;

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
        expect(enumerateLoops(graph, 0, wheel, { maxLoops: 1000, maxLength: 12, maxSteps: 1e6 }))
            .toEqual({ loops: [], complete: false, completeUpTo: 12, stoppedBy: 'length' });
        expect(enumerateLoops(graph, 0, wheel, { maxLoops: 1000, maxLength: 15, maxSteps: 1e6 }).loops).toHaveLength(1);
    });

    test('a step budget stops a search that finds few loops in many paths', () => {
        const graph = completeGraph(12);
        const result = enumerateLoops(graph, 0, graph.nodes.map(() => true), { maxLoops: 1e9, maxLength: 12, maxSteps: 5000 });
        expect(result.complete).toBe(false);
        expect(result.stoppedBy).toBe('steps');
        expect(result.loops.length).toBeGreaterThan(0);
        expect(result.loops.filter(loop => loop.links.length <= result.completeUpTo)).toHaveLength(
            everyLoopUpTo(graph, result.completeUpTo).length);
    });
});

function everyLoopUpTo(graph: FlywheelGraph, length: number): string[] {
    return everyLoopThroughGoal(graph, length);
}

describe('the search only cuts paths that cannot close', () => {
    // g -> b1 -> … -> b6 -| g is the only loop through g: the side path comes back into it at b1,
    // which is already on the path, so it closes nothing.
    const sidePath = (detour: string[]) => graphOf(
        ['g', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', ...detour],
        `g -> b1 -> b2 -> b3 -> b4 -> b5 -> b6 -| g; b5 -> ${[...detour, 'b1'].join(' -> ')}`);

    test('a side path back into the loop does not make the search look incomplete', () => {
        const graph = sidePath(['w']);
        const analysis = analyzeWheel(graph);
        expect(analysis.loops.map(loop => written(graph, loop))).toEqual(['g -> b1 -> b2 -> b3 -> b4 -> b5 -> b6 -| g']);
        expect(analysis.loopsComplete).toBe(true);
    });

    test('nor does a side path long enough to make the wheel bigger than the length bound', () => {
        const graph = sidePath(['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8']);
        const analysis = analyzeWheel(graph);
        expect(analysis.onWheel.filter(Boolean)).toHaveLength(15);
        expect(analysis.loops.map(loop => written(graph, loop))).toEqual(everyLoopThroughGoal(graph));
        expect(analysis.loopsComplete).toBe(true);
    });

    test('a loop longer than the bound behind a short one is still noticed', () => {
        // g -> a -> g is short; g -> a -> x1 … x12 -> g is longer than 12 links.
        const ring = Array.from({ length: 12 }, (_, i) => `x${i + 1}`);
        const graph = graphOf(['g', 'a', ...ring], `g -> a -> g; a -> ${ring.join(' -> ')} -> g`);
        const result = analyzeWheel(graph);
        expect(result.loops.map(loop => written(graph, loop))).toEqual(['g -> a -> g']);
        expect([result.loopsComplete, result.loopsStoppedBy, result.loopsCompleteUpTo]).toEqual([false, 'length', 12]);
    });
});

describe('loops are found shortest first', () => {
    test('a short brake declared last in a dense wheel is found though the bound is hit', () => {
        // K9 has far more than 1,000 loops through n0; the three-link brake is declared last.
        const dense = completeGraph(9);
        const graph = { ...dense, nodes: [...dense.nodes, { name: 'brake', label: 'brake', isGoal: false, kinds: [] }] };
        graph.links = [...dense.links, { source: 0, target: 1, arrow: '->' as const }, { source: 1, target: 9, arrow: '->' as const }, { source: 9, target: 0, arrow: '-|' as const }];
        const result = analyzeWheel(graph);
        expect(result.loopsComplete).toBe(false);
        expect(result.loopsStoppedBy).toBe('loop-count');
        expect(result.loops.map(loop => written(graph, loop))).toContain('n0 -> n1 -> brake -| n0');
    });

    test('when the bound is hit, every loop up to the length it reports has been found', () => {
        const graph = completeGraph(8);
        const result = enumerateLoops(graph, 0, graph.nodes.map(() => true), { maxLoops: 100, maxLength: 12, maxSteps: 1e6 });
        expect(result.loops).toHaveLength(100);
        // 7 loops of two links, 42 of three, 210 of four.
        expect(result.completeUpTo).toBe(3);
        const found = new Set(result.loops.map(loop => written(graph, loop)));
        for (const loop of everyLoopUpTo(graph, 3)) expect(found).toContain(loop);
        expect(everyLoopUpTo(graph, 4).length).toBeGreaterThan(100);
    });

    test('exactly as many loops as the bound is not stopping early', () => {
        const graph = graphOf(['g', 'a', 'b', 'c'], 'g -> a -> g; g -> b -> g; g -> c -> g');
        const result = enumerateLoops(graph, 0, graph.nodes.map(() => true), { maxLoops: 3, maxLength: 12, maxSteps: 1e6 });
        expect([result.loops.length, result.complete]).toEqual([3, true]);
    });
});
