/**
 * The loop search against the slow, obvious enumeration, on random shapes that once broke it and
 * with small bounds so that every bound is hit: what it lists is real, every loop up to the length
 * it claims is listed, and it says "complete" exactly when nothing is missing.
 */
import { describe, expect, test } from 'vitest';
import { analyzeWheel } from '../../core/analysis/analyze.js';
import type { FlywheelGraph } from '../../core/analysis/graph.js';
import type { Loop, LoopBounds } from '../../core/analysis/loops.js';
import { graphOf } from '../core/analysis/graph-builders.js';
import { everyLoopThroughGoal } from '../core/analysis/loop-oracle.js';
import { denseWheelWithBrake, loopWithSidePaths, type Shape } from './loop-shapes.js';
import { randomFor } from './inputs.js';

const SEED = 20261203;
const written = (graph: FlywheelGraph, loop: Loop) =>
    loop.nodes.map((node, i) => `${graph.nodes[node].name} ${graph.links[loop.links[i]].arrow} `).join('') + graph.nodes[graph.goal!].name;

/** What is wrong with the search's answer on `shape` under `bounds`, if anything. */
function searchProblem(shape: Shape, bounds: LoopBounds): string | undefined {
    const graph = graphOf(shape.names, shape.chains.join(';'));
    const analysis = analyzeWheel(graph, bounds);
    const listed = analysis.loops.map(loop => written(graph, loop));
    const truth = new Set(everyLoopThroughGoal(graph));
    const lengthOf = (loop: string) => (loop.split(' ').length - 1) / 2;
    const fake = listed.find(loop => !truth.has(loop));
    if (fake) return `listed a loop that is not one: ${fake}`;
    if (new Set(listed).size !== listed.length) return 'listed a loop twice';
    if (listed.some((loop, i) => i > 0 && lengthOf(loop) < lengthOf(listed[i - 1]) && analysis.loops[i].polarity === analysis.loops[i - 1].polarity)) return 'not numbered shortest first';
    const missed = [...truth].find(loop => lengthOf(loop) <= analysis.loopsCompleteUpTo && !listed.includes(loop));
    if (missed) return `claims every loop up to ${analysis.loopsCompleteUpTo} links, but missed ${missed}`;
    if (analysis.loopsComplete && listed.length !== truth.size) return `says complete with ${listed.length} of ${truth.size} loops`;
    if (!analysis.loopsComplete) {
        const longer = [...truth].some(loop => lengthOf(loop) > bounds.maxLength);
        const tooMany = [...truth].filter(loop => lengthOf(loop) <= bounds.maxLength).length > bounds.maxLoops;
        if (!longer && !tooMany && analysis.loopsStoppedBy !== 'steps') return `says it stopped early (${analysis.loopsStoppedBy}), but it found every loop and no bound was hit`;
        if (analysis.loopsStoppedBy === 'length' && !longer) return 'says a loop is longer than the bound, but none is';
        if (analysis.loopsStoppedBy === 'loop-count' && !tooMany) return 'says there are more loops than the bound, but there are not';
    }
    return undefined;
}

describe('the loop search on shapes that once broke it', () => {
    const shapes = [
        { name: 'a loop with side paths back into it', make: loopWithSidePaths, count: 150 },
        { name: 'a dense wheel with a short brake declared last', make: denseWheelWithBrake, count: 40 }
    ];
    for (const { name, make, count } of shapes) {
        test(`${name}: ${count} random ones, with small and default bounds`, () => {
            const problems: string[] = [];
            for (let index = 0; index < count; index++) {
                const shape = make(randomFor(SEED, index));
                for (const bounds of [{ maxLoops: 1000, maxLength: 12, maxSteps: 200_000 }, { maxLoops: 40, maxLength: 5, maxSteps: 200_000 }]) {
                    const problem = searchProblem(shape, bounds);
                    if (problem) problems.push(`#${index} (${bounds.maxLoops}/${bounds.maxLength}): ${problem}\n${shape.chains.join('; ')}`);
                }
            }
            expect(problems).toEqual([]);
        });
    }

    test('the dense shape always has its brake among the loops found', () => {
        for (let index = 0; index < 20; index++) {
            const shape = denseWheelWithBrake(randomFor(SEED, index));
            const graph = graphOf(shape.names, shape.chains.join(';'));
            // The last chain, `g -> x -> brake -| g`, is itself the loop.
            const brake = shape.chains.at(-1)!;
            expect(analyzeWheel(graph).loops.map(loop => written(graph, loop))).toContain(brake);
        }
    });
});
