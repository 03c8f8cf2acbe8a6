import { describe, expect, test } from 'vitest';
import { analyzeWheel } from '../../../core/analysis/analyze.js';
import { graphOf } from './graph-builders.js';

describe('analyzeWheel', () => {
    test('the wheel is the goal\'s strongly connected component', () => {
        const graph = graphOf(['g', 'a', 'b', 'c'], 'g -> a -> g; a -> b; c -> g');
        const { onWheel } = analyzeWheel(graph);
        expect(onWheel).toEqual([true, true, false, false]);
    });

    test('a goal on no loop is not on its own wheel', () => {
        const graph = graphOf(['g', 'a', 'b'], 'g -> a; a -> b -> a');
        const { onWheel, placement } = analyzeWheel(graph);
        expect(onWheel).toEqual([false, false, false]);
        expect(placement[1]?.kind).toBe('split');
    });

    test('places every driver off the wheel as split or broken, with the reason', () => {
        const graph = graphOf(['g', 'w', 'lonely', 'sink', 'source', 'island1', 'island2', 'stray'],
            'g -> w -> g; g -> sink; source -> g; island1 -> island2 -> island1; stray -> stray');
        const { placement } = analyzeWheel(graph);
        const summary = placement.map(p => (p?.kind === 'broken' ? p.reason : p?.kind));
        expect(summary).toEqual(['goal', 'wheel', 'no-links', 'never-leads-back', 'never-reached', 'split', 'split', 'only-self-links']);
    });

    test('a driver linked only to nodes off the goal\'s paths is disconnected', () => {
        const graph = graphOf(['g', 'w', 'a', 'b'], 'g -> w -> g; a -> b');
        const { placement } = analyzeWheel(graph);
        expect(placement[2]).toEqual({ kind: 'broken', reason: 'disconnected', path: [] });
    });

    test('the path of a broken driver shows how far the chain from the goal gets', () => {
        const graph = graphOf(['g', 'w', 'a', 'b'], 'g -> w -> g; w -> a -> b');
        const placement = analyzeWheel(graph).placement[3];
        expect(placement?.kind === 'broken' && placement.path.map(l => graph.nodes[graph.links[l].target].name)).toEqual(['w', 'a', 'b']);
    });

    test('without a goal nothing is placed and no loops are listed', () => {
        const graph = { ...graphOf(['a', 'b'], 'a -> b -> a'), goal: undefined };
        expect(analyzeWheel(graph)).toEqual({
            onWheel: [false, false], placement: [undefined, undefined], loops: [], loopsComplete: true, loopsCompleteUpTo: 0
        });
    });
});
