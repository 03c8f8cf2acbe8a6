/**
 * The pressure test (LANGUAGE.md, "Initiatives"): a wheel driver is a single point of failure when
 * removing it stops every reinforcing loop through the goal; an initiative's leverage is the
 * reinforcing loops through the goal that it feeds.
 */
import { describe, expect, test } from 'vitest';
import { analyzeWheel } from '../../../core/analysis/analyze.js';
import type { Arrow, FlywheelGraph } from '../../../core/analysis/graph.js';
import { pressureTest } from '../../../core/analysis/pressure.js';
import { completeGraph, graphOf } from './graph-builders.js';

/** `withInitiatives(graph, { ads: '-> a; -| b' })`: initiatives and the links out of them. */
function withInitiatives(graph: FlywheelGraph, initiatives: Record<string, string>): FlywheelGraph {
    const index = (name: string) => graph.nodes.findIndex(n => n.name === name);
    return {
        ...graph,
        initiatives: Object.entries(initiatives).map(([name, pushes]) => ({
            name, label: name,
            pushes: pushes.split(';').map(p => p.trim()).filter(Boolean).map(p => {
                const [arrow, target] = p.split(/\s+/);
                return { arrow: arrow as Arrow, target: index(target) };
            })
        }))
    };
}

const run = (graph: FlywheelGraph) => pressureTest(graph, analyzeWheel(graph));
const names = (graph: FlywheelGraph, nodes: number[]) => nodes.map(n => graph.nodes[n].name);

describe('single points of failure', () => {
    // R1: g -> a -> b -> g; R2: g -> a -> c -> g. Both pass through a; b and c each carry one.
    const graph = graphOf(['g', 'a', 'b', 'c'], 'g -> a -> b -> g; a -> c -> g');

    test('a driver every reinforcing loop passes through is one; the others say which loops survive', () => {
        const { drivers } = run(graph);
        expect(drivers.map(d => [graph.nodes[d.node].name, d.singlePointOfFailure, d.stops, d.survives])).toEqual([
            ['a', true, ['R1', 'R2'], []],
            ['b', false, ['R1'], ['R2']],
            ['c', false, ['R2'], ['R1']]
        ]);
    });

    test('a balancing loop does not keep the wheel turning: it stops with the driver but never survives', () => {
        const braked = graphOf(['g', 'a', 'b'], 'g -> a -> g; g -> b -| g');
        const [a, b] = run(braked).drivers;
        expect(a).toMatchObject({ singlePointOfFailure: true, stops: ['R1'], survives: [] });
        expect(b).toMatchObject({ singlePointOfFailure: false, stops: ['B1'], survives: ['R1'] });
    });

    test('only drivers on the wheel are tested; the goal is not a driver', () => {
        const off = graphOf(['g', 'a', 'x'], 'g -> a -> g; g -> x');
        expect(names(off, run(off).drivers.map(d => d.node))).toEqual(['a']);
    });

    test('when the loop search stops early, a driver on every listed loop is undecided, unless no loop through the goal is left without it', () => {
        // Every one of the complete graph's loops through the goal cannot be listed.
        const dense = completeGraph(9);
        const analysis = analyzeWheel(dense, { maxLoops: 5, maxLength: 12, maxSteps: 200_000 });
        expect(analysis.loopsComplete).toBe(false);
        const pressure = pressureTest(dense, analysis);
        expect(pressure.complete).toBe(false);
        // The five shortest loops are g -> nX -> g: each driver is on one and four others survive it.
        expect(pressure.drivers.filter(d => d.singlePointOfFailure !== false)).toEqual([]);

        // A bridge every loop must cross: g -> hub, and hub to a dense part that leads back to g.
        const bridged = graphOf(['g', 'hub', 'a', 'b', 'c'], 'g -> hub; hub -> a; hub -> b; hub -> c; a -> b -> c -> a; b -> a; c -> b; a -> c; a -> g; b -> g; c -> g');
        const cut = analyzeWheel(bridged, { maxLoops: 2, maxLength: 12, maxSteps: 200_000 });
        expect(cut.loopsComplete).toBe(false);
        const byName = Object.fromEntries(pressureTest(bridged, cut).drivers.map(d => [bridged.nodes[d.node].name, d.singlePointOfFailure]));
        expect(byName.hub).toBe(true);
        expect(byName.a).toBe(false);
    });
});

describe('initiatives', () => {
    const graph = withInitiatives(graphOf(['g', 'a', 'b', 'c', 'x'], 'g -> a -> b -> g; a -> c -> g; g -> x'), {
        small: '-> b',
        big: '-> a',
        idle: '',
        side: '-> x',
        hike: '-| c; -> b'
    });

    test('feed the reinforcing loops through the drivers they reinforce, ranked by those loops, off-wheel ones last', () => {
        const pressure = run(graph);
        const byName = Object.fromEntries(pressure.initiatives.map(i => [graph.initiatives[i.initiative].name, i]));
        expect(byName.big).toMatchObject({ feeds: ['R1', 'R2'], pushesOnWheel: [1], offWheel: false, brakes: [] });
        expect(byName.small).toMatchObject({ feeds: ['R1'], pushesOnWheel: [2], offWheel: false });
        expect(pressure.ranking.map(i => graph.initiatives[i].name)).toEqual(['big', 'small', 'hike', 'idle', 'side']);
        const late = withInitiatives(graph, { idle: '', side: '-> x', hike: '-| c', small: '-> b' });
        expect(run(late).ranking.map(i => late.initiatives[i].name)).toEqual(['small', 'hike', 'idle', 'side']);
    });

    test('one that pushes nothing, or only what is off the wheel, is off the wheel', () => {
        const byName = Object.fromEntries(run(graph).initiatives.map(i => [graph.initiatives[i.initiative].name, i]));
        expect(byName.idle).toMatchObject({ offWheel: true, feeds: [] });
        expect(byName.side).toMatchObject({ offWheel: true, feeds: [] });
    });

    test('a dampening link onto a driver of a reinforcing loop is a brake on those loops, and feeds nothing', () => {
        const hike = run(graph).initiatives.find(i => graph.initiatives[i.initiative].name === 'hike')!;
        expect(hike.brakes).toEqual([{ push: 0, loops: ['R2'] }]);
        expect(hike.feeds).toEqual(['R1']);
    });

    test('wheel drivers that no initiative reinforces are listed', () => {
        expect(names(graph, run(graph).unpushed)).toEqual(['c']);
    });

    test('initiatives change nothing in the wheel analysis', () => {
        const without = { ...graph, initiatives: [] };
        expect(analyzeWheel(graph)).toEqual(analyzeWheel(without));
    });
});
