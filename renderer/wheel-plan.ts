/**
 * Where each node of the wheel stands, in polar terms around the wheel's centre, the way people
 * draw flywheels: one loop through the goal (the spine) is the rim, clockwise from the goal at
 * 12 o'clock; every other node hangs off it on an "ear" (a path of new nodes from one placed node
 * to another, an ear decomposition of the wheel), drawn as an arc inside the rim between the ear's
 * ends, so each other loop closes visibly as rim plus inner arc instead of chords across the hub.
 * Nested ears go deeper, overlapping ones on separate levels. A hub-shaped wheel (no loop through
 * the goal longer than goal → driver → goal) is drawn with the goal at the hub instead.
 */
import type { RenderModel } from './model.js';

export interface PolarPlace {
    angle: number;
    radius: number;
    /** 0 on the rim, 1… on the inner arcs, deeper for nested ears; -1 at the hub. */
    level: number;
}

export interface WheelPlan {
    hub: boolean;
    /** The rim's nodes, clockwise from 12 o'clock. */
    rim: number[];
    at: Map<number, PolarPlace>;
    /** `"s t"` → the angle swept from s to t by a link drawn along the rim or an ear (clockwise > 0). */
    along: Map<string, number>;
    wheelRadius: number;
}

/** An ear: a path through new nodes between two placed ones, in the direction of its links. */
interface Ear {
    from: number;
    nodes: number[];
    to: number;
}

const BASE_RADIUS = 200;
/** The room one node takes along the rim: its circle and the space around it. */
const RIM_SLOT = 2 * (17 + 34);
/** The room one node takes along an inner arc; more when the arc's links carry labels. */
const INNER_SLOT = 84;
const LABELLED_INNER_SLOT = 120;
const LEVEL_STEP = 82;
const TWO_PI = 2 * Math.PI;

export function planWheel(model: RenderModel, spine: number[]): WheelPlan {
    const goal = model.nodes.find(n => n.placement === 'goal')!.index;
    const onWheel = model.nodes.filter(n => n.placement !== 'off').map(n => n.index);
    const out = outNeighbours(model);
    if (spine.length <= 2 && onWheel.length >= 3) return hubPlan(model, goal, onWheel, out);

    const placed = new Set(spine);
    const rim = [...spine];
    const unplaced = () => onWheel.filter(n => !placed.has(n));
    // The first ears decide what else goes on the rim: a loop that leaves and comes back to the
    // same node, or a detour between rim neighbours, is a stretch of the rim itself.
    const firstEars = findEars(rim, placed, new Set(unplaced()), out);
    const inner: Ear[] = [];
    for (const ear of firstEars) {
        const a = rim.indexOf(ear.from);
        const b = rim.indexOf(ear.to);
        if (ear.from === ear.to && ear.nodes.length >= 2) {
            insertAt(rim, a === 0 ? rim.length : a, ear.nodes);
        } else if (b === (a + 1) % rim.length) {
            insertAt(rim, a + 1, ear.nodes);
        } else {
            inner.push(ear);
            continue;
        }
        ear.nodes.forEach(n => placed.add(n));
    }
    const wheelRadius = Math.max(BASE_RADIUS, (rim.length * RIM_SLOT) / TWO_PI);
    const at = new Map<number, PolarPlace>();
    rim.forEach((node, i) => at.set(node, { angle: -Math.PI / 2 + (i * TWO_PI) / rim.length, radius: wheelRadius, level: 0 }));
    const along = new Map<string, number>();
    if (rim.length > 1) {
        rim.forEach((node, i) => {
            const next = rim[(i + 1) % rim.length];
            if (out.get(node)?.has(next)) along.set(`${node} ${next}`, TWO_PI / rim.length);
        });
    }

    // Inner ears, generation by generation (an ear may hang off an earlier ear's nodes).
    const placedEars: Array<{ start: number; sweep: number; level: number }> = [];
    let generation = inner.filter(ear => ear.nodes.every(n => !placed.has(n)));
    let radius = wheelRadius;
    while (true) {
        const shaped = generation.map(ear => ({ ear, ...interval(ear, at, wheelRadius) }))
            .sort((a, b) => Math.abs(a.sweep) - Math.abs(b.sweep) || a.ear.from - b.ear.from);
        for (const item of shaped) {
            const { ear } = item;
            const endLevel = Math.max(at.get(ear.from)!.level, at.get(ear.to)!.level);
            const level = Math.max(endLevel + 1, 1 + Math.max(0, ...placedEars.filter(p => arcsOverlap(p, item)).map(p => p.level)));
            radius = Math.max(radius, 130 + 95 * level);
            const r = levelRadius(wheelRadius, level);
            const slot = earIsLabelled(ear, model) ? LABELLED_INNER_SLOT : INNER_SLOT;
            const needed = ((ear.nodes.length + 1) * slot) / Math.max(r, 40);
            let { start, sweep } = item;
            if (Math.abs(sweep) < needed) {
                const middle = start + sweep / 2;
                sweep = (sweep < 0 ? -1 : 1) * Math.min(needed, TWO_PI * 0.9);
                start = middle - sweep / 2;
            }
            placedEars.push({ start, sweep, level });
            const chain = [ear.from, ...ear.nodes, ear.to];
            ear.nodes.forEach((node, i) => {
                at.set(node, { angle: start + (sweep * (i + 1)) / (ear.nodes.length + 1), radius: r, level });
                placed.add(node);
            });
            for (let i = 0; i + 1 < chain.length; i++) {
                const from = at.get(chain[i])!;
                const to = at.get(chain[i + 1])!;
                along.set(`${chain[i]} ${chain[i + 1]}`, shortestTurn(to.angle - from.angle));
            }
        }
        const left = new Set(unplaced());
        if (left.size === 0) break;
        generation = findEars([...placed], placed, left, out);
        if (generation.length === 0) {
            // Cannot happen on a wheel (every wheel node lies on a loop through the goal); kept total.
            for (const node of left) at.set(node, { angle: Math.PI / 2, radius: wheelRadius / 2, level: 1 });
            break;
        }
    }
    // Deep levels need a larger wheel; the levels' radii were relative, so scale them out.
    if (radius > wheelRadius) {
        const grown = radius;
        for (const [node, place] of at) at.set(node, { ...place, radius: levelRadius(grown, place.level) });
        return { hub: false, rim, at, along, wheelRadius: grown };
    }
    return { hub: false, rim, at, along, wheelRadius };
}

function earIsLabelled(ear: Ear, model: RenderModel): boolean {
    const chain = [ear.from, ...ear.nodes, ear.to];
    const along = (source: number, target: number) => chain.some((node, i) => i + 1 < chain.length && source === node && target === chain[i + 1]);
    return model.links.some(link => link.label !== undefined && along(link.source, link.target));
}

function levelRadius(wheelRadius: number, level: number): number {
    return Math.max(40, wheelRadius - LEVEL_STEP * level);
}

/** The goal at the hub, every other wheel node on the rim in the order its links suggest. */
function hubPlan(model: RenderModel, goal: number, onWheel: number[], out: Map<number, Set<number>>): WheelPlan {
    const drivers = onWheel.filter(n => n !== goal);
    // Drivers linked to each other sit side by side: a walk along driver-to-driver links.
    const rim: number[] = [];
    const seen = new Set<number>();
    const visit = (node: number) => {
        if (seen.has(node)) return;
        seen.add(node);
        rim.push(node);
        for (const next of [...(out.get(node) ?? [])].sort((a, b) => a - b)) if (next !== goal && drivers.includes(next)) visit(next);
    };
    drivers.forEach(visit);
    const wheelRadius = Math.max(BASE_RADIUS * 1.25, (rim.length * RIM_SLOT * 1.3) / TWO_PI);
    const at = new Map<number, PolarPlace>([[goal, { angle: 0, radius: 0, level: -1 }]]);
    rim.forEach((node, i) => at.set(node, { angle: -Math.PI / 2 + (i * TWO_PI) / rim.length, radius: wheelRadius, level: 0 }));
    const along = new Map<string, number>();
    rim.forEach((node, i) => {
        const next = rim[(i + 1) % rim.length];
        if (rim.length > 1 && out.get(node)?.has(next)) along.set(`${node} ${next}`, TWO_PI / rim.length);
    });
    void model;
    return { hub: true, rim, at, along, wheelRadius };
}

/** The angular stretch an ear spans: from its start node's angle to its end node's, the short way. */
function interval(ear: Ear, at: Map<number, PolarPlace>, wheelRadius: number): { start: number; sweep: number } {
    const a = at.get(ear.from)!.angle;
    if (ear.from === ear.to) return { start: a, sweep: 0 };
    const forward = mod(at.get(ear.to)!.angle - a, TWO_PI);
    void wheelRadius;
    return { start: a, sweep: forward <= Math.PI ? forward : forward - TWO_PI };
}

function arcsOverlap(a: { start: number; sweep: number }, b: { start: number; sweep: number }): boolean {
    const norm = (arc: { start: number; sweep: number }) => (arc.sweep < 0 ? { start: arc.start + arc.sweep, sweep: -arc.sweep } : arc);
    const p = norm(a);
    const q = norm(b);
    const epsilon = 1e-6;
    if (p.sweep < epsilon && q.sweep < epsilon) return Math.abs(mod(p.start - q.start + Math.PI, TWO_PI) - Math.PI) < 0.3;
    return mod(q.start - p.start, TWO_PI) < p.sweep - epsilon || mod(p.start - q.start, TWO_PI) < q.sweep - epsilon
        || (p.sweep < epsilon && mod(p.start - q.start, TWO_PI) <= q.sweep) || (q.sweep < epsilon && mod(q.start - p.start, TWO_PI) <= p.sweep);
}

/**
 * Disjoint ears out of the placed nodes: from each placed node in turn, the shortest path along
 * links through nodes not yet placed (nor taken by an earlier ear) back to a placed node.
 */
function findEars(order: number[], placed: Set<number>, free: Set<number>, out: Map<number, Set<number>>): Ear[] {
    const ears: Ear[] = [];
    const taken = new Set<number>();
    for (const start of order) {
        for (let ear = earFrom(start, placed, free, taken, out); ear; ear = earFrom(start, placed, free, taken, out)) {
            ears.push(ear);
            ear.nodes.forEach(n => taken.add(n));
        }
    }
    return ears;
}

function earFrom(start: number, placed: Set<number>, free: Set<number>, taken: Set<number>, out: Map<number, Set<number>>): Ear | undefined {
    const parent = new Map<number, number>();
    const queue: number[] = [];
    for (const next of sorted(out.get(start))) {
        if (free.has(next) && !taken.has(next) && !parent.has(next)) {
            parent.set(next, start);
            queue.push(next);
        }
    }
    for (let head = 0; head < queue.length; head++) {
        const node = queue[head];
        for (const next of sorted(out.get(node))) {
            if (placed.has(next)) {
                const nodes = [node];
                for (let p = parent.get(node)!; p !== start; p = parent.get(p)!) nodes.unshift(p);
                return { from: start, nodes, to: next };
            }
            if (free.has(next) && !taken.has(next) && !parent.has(next)) {
                parent.set(next, node);
                queue.push(next);
            }
        }
    }
    return undefined;
}

function sorted(set: Set<number> | undefined): number[] {
    return set ? [...set].sort((a, b) => a - b) : [];
}

export function outNeighbours(model: RenderModel): Map<number, Set<number>> {
    const out = new Map<number, Set<number>>();
    for (const link of model.links) {
        if (link.source === link.target) continue;
        if (!out.has(link.source)) out.set(link.source, new Set());
        out.get(link.source)!.add(link.target);
    }
    return out;
}

/** An angle difference brought into (−π, π]. */
export function shortestTurn(angle: number): number {
    return Math.PI - mod(Math.PI - angle, TWO_PI);
}

export function mod(value: number, modulus: number): number {
    return ((value % modulus) + modulus) % modulus;
}

/** `list.splice(at, 0, ...items)` without an argument spread (an ear of thousands of nodes overflows the stack). */
function insertAt<T>(list: T[], at: number, items: readonly T[]): void {
    const tail = list.splice(at);
    for (const item of items) list.push(item);
    for (const item of tail) list.push(item);
}
