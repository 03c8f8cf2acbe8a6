/**
 * The pressure test of one flywheel as plain data by name: what `flywheel report --format json`
 * writes and what its Markdown is made from. Read from the graph, its wheel analysis and the
 * pressure test (`analysis/pressure.ts`); nothing here judges anything again.
 */
import type { Arrow, DriverKind, FlywheelGraph } from './analysis/graph.js';
import type { WheelAnalysis } from './analysis/analyze.js';
import type { Polarity } from './analysis/loops.js';
import type { PressureTest } from './analysis/pressure.js';

export interface ReportedLoop {
    id: string;
    polarity: Polarity;
    delayed: boolean;
    /** Node names from the goal back to the goal. */
    path: string[];
    /** `arrows[i]` links `path[i]` to `path[i + 1]`. */
    arrows: Arrow[];
}

export interface ReportedDriver {
    name: string;
    label: string;
    kinds: DriverKind[];
    /** The loops through the goal it is on: they stop when it fails. */
    loops: string[];
    /** True: it fails, the wheel stops; false: `survivingLoops` keep turning; null: the loop search stopped early and cannot tell. */
    singlePointOfFailure: boolean | null;
    survivingLoops: string[];
    /** The initiatives that reinforce it. */
    pushedBy: string[];
}

export interface ReportedInitiative {
    /** 1 for the most leverage. */
    rank: number;
    name: string;
    label: string;
    pushes: Array<{ target: string; arrow: Arrow; label?: string }>;
    /** The reinforcing loops through the goal it feeds; their number is its leverage. */
    feeds: string[];
    leverage: number;
    offWheel: boolean;
    /** Its dampening links onto drivers of reinforcing loops, with the loops they brake. */
    brakes: Array<{ target: string; loops: string[] }>;
}

export interface FlywheelReport {
    name: string;
    label: string;
    /** The goal's name; null without one (then there is no wheel to test). */
    goal: string | null;
    /** False when the loop search stopped early: the loops listed are the ones found. */
    loopsComplete: boolean;
    loops: ReportedLoop[];
    /** Wheel drivers in declaration order. */
    drivers: ReportedDriver[];
    singlePointsOfFailure: string[];
    /** Most leverage first. */
    initiatives: ReportedInitiative[];
    /** Initiatives to say no to: they push nothing on the wheel. */
    offWheel: string[];
    /** Wheel drivers no initiative reinforces. */
    unpushed: string[];
}

export function flywheelReport(graph: FlywheelGraph, analysis: WheelAnalysis, pressure: PressureTest): FlywheelReport {
    const name = (node: number) => graph.nodes[node].name;
    const loops = analysis.loops.map(loop => ({
        id: loop.id, polarity: loop.polarity, delayed: loop.delayed,
        path: [...loop.nodes, loop.nodes[0]].map(name),
        arrows: loop.links.map(link => graph.links[link].arrow)
    }));
    const drivers = pressure.drivers.map(driver => ({
        name: name(driver.node),
        label: graph.nodes[driver.node].label,
        kinds: graph.nodes[driver.node].kinds,
        loops: driver.stops,
        singlePointOfFailure: driver.singlePointOfFailure ?? null,
        survivingLoops: driver.survives,
        pushedBy: pressure.initiatives.filter(i => i.pushesOnWheel.includes(driver.node)).map(i => graph.initiatives[i.initiative].name)
    }));
    const initiatives = pressure.ranking.map((index, rank) => {
        const initiative = graph.initiatives[index];
        const leverage = pressure.initiatives[index];
        return {
            rank: rank + 1,
            name: initiative.name,
            label: initiative.label,
            pushes: initiative.pushes.map(push => ({
                target: name(push.target), arrow: push.arrow, ...(push.label === undefined ? {} : { label: push.label })
            })),
            feeds: leverage.feeds,
            leverage: leverage.feeds.length,
            offWheel: leverage.offWheel,
            brakes: leverage.brakes.map(brake => ({ target: name(initiative.pushes[brake.push].target), loops: brake.loops }))
        };
    });
    return {
        name: graph.name,
        label: graph.label,
        goal: graph.goal === undefined ? null : name(graph.goal),
        loopsComplete: analysis.loopsComplete,
        loops,
        drivers,
        singlePointsOfFailure: drivers.filter(d => d.singlePointOfFailure === true).map(d => d.name),
        initiatives,
        offWheel: initiatives.filter(i => i.offWheel).map(i => i.name),
        unpushed: pressure.unpushed.map(name)
    };
}
