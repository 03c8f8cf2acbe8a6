/**
 * The pressure test: what the wheel hangs on, and what the company's initiatives do to it.
 * Practitioners test each element by asking whether removing it stops the loop; here that is
 * read from the loops through the goal (`WheelAnalysis.loops`). Initiatives are link sources
 * only, so they change nothing in the wheel: they are judged by the loops their drivers are on.
 */
import { type FlywheelGraph, incomingLinks, outgoingLinks, reachability, signOf } from './graph.js';
import type { WheelAnalysis } from './analyze.js';
import type { Loop } from './loops.js';

export interface DriverPressure {
    /** The driver's graph index. */
    node: number;
    /**
     * True when removing the driver stops every reinforcing loop through the goal; false when
     * one survives; undefined when the loop search stopped early and neither can be told.
     */
    singlePointOfFailure: boolean | undefined;
    /** Ids of the loops through the goal that pass through the driver: they stop when it fails. */
    stops: string[];
    /** Ids of the reinforcing loops through the goal that keep turning without it. */
    survives: string[];
}

export interface InitiativeLeverage {
    /** The initiative's index in `FlywheelGraph.initiatives`. */
    initiative: number;
    /** Ids of the reinforcing loops through the goal that pass through a node it reinforces: its leverage. */
    feeds: string[];
    /** The wheel's nodes it reinforces (`->`, `~>`), in the order of its links. */
    pushesOnWheel: number[];
    /** It pushes nothing, or nothing on the wheel. */
    offWheel: boolean;
    /** Its dampening links onto a node of a reinforcing loop through the goal, with those loops. */
    brakes: Array<{ push: number; loops: string[] }>;
}

export interface PressureTest {
    /** Every driver on the wheel (the goal left out), in declaration order. */
    drivers: DriverPressure[];
    /** Every initiative, in declaration order. */
    initiatives: InitiativeLeverage[];
    /** Initiative indices, most leverage first (loops fed, then wheel nodes pushed, then declaration order); off-wheel ones last. */
    ranking: number[];
    /** Wheel drivers that no initiative reinforces. */
    unpushed: number[];
    /** False when the loop search stopped early: loop lists are then the loops found. */
    complete: boolean;
}

export function pressureTest(graph: FlywheelGraph, analysis: WheelAnalysis): PressureTest {
    const reinforcing = analysis.loops.filter(loop => loop.polarity === 'reinforcing');
    // Each node's loops, once: asking every loop about every driver is quadratic on a large ring.
    const loopsOf = graph.nodes.map((): Loop[] => []);
    for (const loop of analysis.loops) for (const node of new Set(loop.nodes)) loopsOf[node].push(loop);
    const wheelDrivers = graph.nodes.map((_, index) => index).filter(index => analysis.onWheel[index] && index !== graph.goal);
    const drivers = wheelDrivers.map(node => driverPressure(graph, analysis, reinforcing, loopsOf[node], node));
    const initiatives = graph.initiatives.map((_, index) => leverage(graph, analysis, loopsOf, index));
    const ranking = initiatives
        .map(i => i.initiative)
        .sort((a, b) => Number(initiatives[a].offWheel) - Number(initiatives[b].offWheel)
            || initiatives[b].feeds.length - initiatives[a].feeds.length
            || initiatives[b].pushesOnWheel.length - initiatives[a].pushesOnWheel.length || a - b);
    const pushed = new Set(initiatives.flatMap(i => i.pushesOnWheel));
    return { drivers, initiatives, ranking, unpushed: wheelDrivers.filter(node => !pushed.has(node)), complete: analysis.loopsComplete };
}

function driverPressure(graph: FlywheelGraph, analysis: WheelAnalysis, reinforcing: Loop[], through: Loop[], node: number): DriverPressure {
    const stopped = new Set(through);
    const survives = reinforcing.filter(loop => !stopped.has(loop)).map(loop => loop.id);
    let singlePointOfFailure: boolean | undefined = reinforcing.length > 0 && survives.length === 0;
    // A loop the search did not reach may avoid the driver, unless without it no loop through the goal is left at all.
    if (singlePointOfFailure && !analysis.loopsComplete) singlePointOfFailure = goalOnLoopWithout(graph, node) ? undefined : true;
    return { node, singlePointOfFailure, stops: through.map(loop => loop.id), survives };
}

/** Whether some loop through the goal avoids `removed`: linear work, whatever the number of loops. */
function goalOnLoopWithout(graph: FlywheelGraph, removed: number): boolean {
    const kept = { ...graph, links: graph.links.filter(link => link.source !== removed && link.target !== removed) };
    const goal = graph.goal!;
    const { fromGoal } = reachability(kept, goal, outgoingLinks(kept), incomingLinks(kept));
    return kept.links.some(link => link.target === goal && link.source !== goal && fromGoal[link.source] !== undefined);
}

function leverage(graph: FlywheelGraph, analysis: WheelAnalysis, loopsOf: Loop[][], initiative: number): InitiativeLeverage {
    const pushes = graph.initiatives[initiative].pushes;
    const reinforcingThrough = (node: number) => loopsOf[node].filter(loop => loop.polarity === 'reinforcing');
    const pushesOnWheel = [...new Set(pushes.filter(push => signOf(push.arrow) > 0 && analysis.onWheel[push.target]).map(push => push.target))];
    const fed = new Set(pushesOnWheel.flatMap(reinforcingThrough));
    // In the loops' own order (R1, R2, …).
    const feeds = analysis.loops.filter(loop => fed.has(loop)).map(loop => loop.id);
    const brakes = pushes.flatMap((push, index) => {
        if (signOf(push.arrow) > 0) return [];
        const loops = reinforcingThrough(push.target).map(loop => loop.id);
        return loops.length > 0 ? [{ push: index, loops }] : [];
    });
    return { initiative, feeds, pushesOnWheel, offWheel: !pushes.some(push => analysis.onWheel[push.target]), brakes };
}
