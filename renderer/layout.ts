/**
 * Where everything goes. The wheel's plan (wheel-plan.ts: the spine as the rim, clockwise from the
 * goal at 12 o'clock, other loops as inner arcs) is chosen among the longest loops through the
 * goal by the number of crossing links it leaves (a bounded search); links are routed
 * (routes.ts); drivers off the wheel stand outside the rim beside what they link to, their
 * diagnostic written under them; then labels, badges, marks and loop markers are placed where
 * they cover nothing (annotations.ts). A pure function of the model: the same text always gives
 * the same drawing.
 */
import {
    type Anchor, CHAR_EM, FONT_SIZE, LINE_HEIGHT, Occupancy, placeLinkLabel, placeMarker, placeNodeLabel, type PlacedText, textWidth, wrapText
} from './annotations.js';
import { alongPolyline, type Box, boxAround, circleBox, crossing, distance, f, grow, type Point, polar, PolygonRows, signedArea, smoothPath } from './geometry.js';
import { type InitiativeLayout, placeInitiativeTags } from './initiative-tags.js';
import type { RenderLink, RenderLoop, RenderModel, RenderNode } from './model.js';
import { type LinkShape, type Route, routeLinks } from './routes.js';
import { planWheel, shortestTurn, type WheelPlan } from './wheel-plan.js';

export { type Box, f, overlaps, type Point } from './geometry.js';
export type { LinkShape } from './routes.js';
export type { InitiativeLayout } from './initiative-tags.js';

export interface NodeLayout {
    node: RenderNode;
    center: Point;
    radius: number;
    /** The label's lines (wrapped, maybe cut) and the box they take, the note's line included. */
    lines: string[];
    truncated: boolean;
    labelBox: Box;
    anchor: Anchor;
    /** For a driver off the wheel: its diagnostic, in one line, drawn under its label. */
    note?: { text: string; truncated: boolean };
    badges: Array<{ kind: 'cost' | 'quality'; at: Point }>;
}

export interface LinkLayout {
    link: RenderLink;
    shape: LinkShape;
    /** SVG path data, cut back to the nodes' edges; the arrowhead is at its end. */
    path: string;
    /** The drawn course as a polyline (for placing things beside it). */
    points: Point[];
    /** A dampening link's `−`, beside the line near the arrowhead. */
    minus?: Point;
    /** A delayed link's double bar across the line: its middle and the line's direction there. */
    delay?: { at: Point; angle: number };
    label?: PlacedText;
    /** A visual diff's note on what changed about the link. */
    tag?: PlacedText;
}

export interface LoopMarker {
    loop: RenderLoop;
    at: Point;
    /** Which way the loop turns on the page. */
    clockwise: boolean;
}

export interface Layout {
    width: number;
    height: number;
    center: Point;
    wheelRadius: number;
    /** The goal at the hub (a hub-shaped wheel) rather than at 12 o'clock on the rim. */
    hub: boolean;
    nodes: NodeLayout[];
    links: LinkLayout[];
    markers: LoopMarker[];
    /** Initiatives' tags outside the rim, with their pointers. */
    initiatives: InitiativeLayout[];
    /** Top of the legend area. */
    legendTop: number;
}

export const GOAL_RADIUS = 28;
export const DRIVER_RADIUS = 17;
export const MARKER_RADIUS = 13;
/** The labels' allowance: the goal's label is never cut. */
const LABEL_CHARS = 22;
const LABEL_LINES = 3;
const NOTE_CHARS = 56;
/** The narrowest page: small wheels are drawn at their own size, so text stays legible in a narrow preview. */
const MIN_WIDTH = 640;
/** Room above the drawing for the flywheel's title. */
const TITLE_SPACE = 64;
/**
 * The crossing search tries this many spines, and only on wheels this small (it routes every link
 * once per spine and compares every pair); larger wheels also place their labels more simply.
 */
const SPINES_TRIED = 4;
const SEARCH_LIMIT = 80;
const SEARCH_LINKS = 60;
/** Loop markers are drawn for this many loops (the legend lists as many). */
export const MARKED_LOOPS = 10;

/** Where the nodes stand, around (0, 0), before anything else is placed: the wheel's plan and every node's centre. */
export interface NodePlacement {
    plan?: WheelPlan;
    centers: Map<number, Point>;
}

/** What a drawing adds to the plain one (the visual diff): given node places, and text to place beside nodes and links. */
export interface LayoutOptions {
    placement?: NodePlacement;
    /** A line under a node's label, instead of its diagnostic's. */
    notes?: Map<number, string>;
    /** A short text beside a link, placed like its label. */
    tags?: Map<number, string>;
}

/** No goal: no plan, and the drivers on a circle of this radius. */
const NO_PLAN_RADIUS = 190;

export function placeNodes(model: RenderModel): NodePlacement {
    const goal = model.nodes.find(n => n.placement === 'goal');
    const plan = goal ? bestPlan(model) : undefined;
    const centers = new Map<number, Point>();
    for (const [node, place] of plan?.at ?? []) centers.set(node, polar({ x: 0, y: 0 }, place.radius, place.angle));
    for (const [node, at] of placeOffWheel(model, plan, plan?.wheelRadius ?? NO_PLAN_RADIUS)) centers.set(node, at);
    return { plan, centers };
}

export function layoutWheel(model: RenderModel, options: LayoutOptions = {}): Layout {
    const { plan, centers } = options.placement ?? placeNodes(model);
    const wheelRadius = plan?.wheelRadius ?? NO_PLAN_RADIUS;
    const origin = { x: 0, y: 0 };
    const radii = new Map<number, number>();
    for (const node of model.nodes) radii.set(node.index, node.placement === 'goal' ? GOAL_RADIUS : DRIVER_RADIUS);

    const links = model.links.filter(link => link.source !== link.target);
    const routes = routeLinks({ center: origin, plan: plan ?? emptyPlan(wheelRadius), centers, radii, links });
    const occupancy = new Occupancy({
        circles: model.nodes.map(node => ({ center: centers.get(node.index)!, radius: radii.get(node.index)! + 3, owner: `n${node.index}` })),
        // A large wheel's labels do not look for room between the lines: it saves placing every segment.
        polylines: model.nodes.length <= SEARCH_LIMIT ? routes.map((route, i) => ({ points: route.drawn, owner: `l${links[i].index}` })) : [],
        // Arrowheads are taken too: nothing may cover one.
        boxes: routes.map((route, i) => ({ box: circleBox(route.drawn[route.drawn.length - 1], 7), owner: `l${links[i].index}` }))
    });

    const nodes = placeLabels(model, centers, radii, plan, origin, occupancy, routes, links, options.notes);
    const linkLayouts = links.map((link, i) => markLink(link, routes[i], occupancy));
    linkLayouts.forEach(layout => {
        if (layout.link.label) {
            const owner = `label l${layout.link.index}`;
            layout.label = placeLinkLabel(occupancy, owner, layout.points, layout.link.label, layout.shape === 'rim' ? origin : undefined);
            occupancy.addBox(layout.label.box, 'label', owner);
        }
    });
    linkLayouts.forEach(layout => {
        const tag = options.tags?.get(layout.link.index);
        if (tag === undefined) return;
        const owner = `tag l${layout.link.index}`;
        layout.tag = placeLinkLabel(occupancy, owner, layout.points, tag, layout.shape === 'rim' ? origin : undefined);
        occupancy.addBox(layout.tag.box, 'label', owner);
    });
    const markers = plan ? placeMarkers(model, links, routes, occupancy) : [];
    const tags = placeInitiativeTags(model, centers, radii, origin, wheelRadius, occupancy);

    // Laid out around (0, 0); now moved into a page with the title above and the legend below.
    let [left, right, top, bottom] = [Infinity, -Infinity, Infinity, -Infinity];
    const take = (b: Box) => {
        left = Math.min(left, b.x);
        right = Math.max(right, b.x + b.width);
        top = Math.min(top, b.y);
        bottom = Math.max(bottom, b.y + b.height);
    };
    for (const n of nodes) {
        take(n.labelBox);
        take(grow(circleBox(n.center, n.radius), 10));
    }
    for (const route of routes) for (const p of route.drawn) take({ x: p.x, y: p.y, width: 0, height: 0 });
    for (const l of linkLayouts) for (const text of [l.label, l.tag]) if (text) take(text.box);
    for (const m of markers) take(circleBox(m.at, MARKER_RADIUS + 4));
    for (const tag of tags) take(grow(tag.box, 4));
    if (plan) take(grow(circleBox(origin, wheelRadius), 8));
    const width = Math.max(MIN_WIDTH, Math.ceil(right - left + 48));
    const shift = { x: width / 2 - (left + right) / 2, y: TITLE_SPACE - top };
    const move = (p: Point) => ({ x: p.x + shift.x, y: p.y + shift.y });
    const moveBox = (b: Box) => ({ ...b, x: b.x + shift.x, y: b.y + shift.y });
    const legendTop = bottom + shift.y + 36;
    return {
        width,
        height: legendTop,
        center: move(origin),
        wheelRadius,
        hub: plan?.hub ?? false,
        // Written out rather than spread: V8 copies a spread object property by property, thousands of times a keystroke.
        nodes: nodes.map(n => ({
            node: n.node, center: move(n.center), radius: n.radius, lines: n.lines, truncated: n.truncated, labelBox: moveBox(n.labelBox),
            anchor: n.anchor, note: n.note, badges: n.badges.map(b => ({ kind: b.kind, at: move(b.at) }))
        })),
        links: linkLayouts.map(l => {
            const points = l.points.map(move);
            return {
                link: l.link,
                shape: l.shape,
                path: l.shape === 'rim' && plan ? rimArc(points, move(origin), wheelRadius) : smoothPath(points),
                points,
                minus: l.minus && move(l.minus),
                delay: l.delay && { ...l.delay, at: move(l.delay.at) },
                label: l.label && { ...l.label, box: moveBox(l.label.box) },
                tag: l.tag && { ...l.tag, box: moveBox(l.tag.box) }
            };
        }),
        markers: markers.map(m => ({ ...m, at: move(m.at) })),
        initiatives: tags.map(tag => ({
            ...tag, box: moveBox(tag.box), pointers: tag.pointers.map(p => ({ ...p, from: move(p.from), to: move(p.to) }))
        })),
        legendTop
    };
}

/** A link along the rim as the arc it is (exact, and short to write): clockwise from its first point to its last. */
function rimArc(points: Point[], center: Point, radius: number): string {
    const [start, end] = [points[0], points[points.length - 1]];
    const angle = (p: Point) => Math.atan2(p.y - center.y, p.x - center.x);
    const sweep = (((angle(end) - angle(start)) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    return `M ${f(start.x)} ${f(start.y)} A ${f(radius)} ${f(radius)} 0 ${sweep > Math.PI ? 1 : 0} 1 ${f(end.x)} ${f(end.y)}`;
}

function emptyPlan(wheelRadius: number): WheelPlan {
    return { hub: false, rim: [], at: new Map(), along: new Map(), wheelRadius };
}

/**
 * The plan with the fewest crossing links, among the wheels whose rim is one of the longest
 * reinforcing loops through the goal (the longest first, so ties keep the one that shows most).
 */
function bestPlan(model: RenderModel): WheelPlan {
    const candidates = spines(model);
    const small = model.nodes.length <= SEARCH_LIMIT && model.links.length <= SEARCH_LINKS;
    const tried = small ? candidates.slice(0, SPINES_TRIED) : candidates.slice(0, 1);
    let best: { plan: WheelPlan; crossings: number } | undefined;
    for (const spine of tried) {
        const plan = planWheel(model, spine);
        if (tried.length === 1) return plan;
        const crossings = countCrossings(model, plan);
        if (!best || crossings < best.crossings) best = { plan, crossings };
        if (crossings === 0) break;
    }
    return best!.plan;
}

function spines(model: RenderModel): number[][] {
    const goal = model.nodes.find(n => n.placement === 'goal')!.index;
    const reinforcing = model.loops.filter(l => l.reinforcing);
    const pool = reinforcing.length > 0 ? reinforcing : model.loops;
    const ordered = pool.map((loop, i) => ({ loop, i })).sort((a, b) => b.loop.nodes.length - a.loop.nodes.length || a.i - b.i);
    return ordered.length > 0 ? ordered.map(o => o.loop.nodes) : [[goal]];
}

/** Pairs of links whose courses cross away from a node they share, for one plan (off-wheel links left out). */
function countCrossings(model: RenderModel, plan: WheelPlan): number {
    const centers = new Map<number, Point>();
    const radii = new Map<number, number>();
    for (const [node, place] of plan.at) {
        centers.set(node, polar({ x: 0, y: 0 }, place.radius, place.angle));
        radii.set(node, model.nodes[node].placement === 'goal' ? GOAL_RADIUS : DRIVER_RADIUS);
    }
    const links = model.links.filter(l => l.source !== l.target && plan.at.has(l.source) && plan.at.has(l.target));
    const routes = routeLinks({ center: { x: 0, y: 0 }, plan, centers, radii, links });
    return crossingPairs(links, routes.map(r => r.drawn), centers);
}

export function crossingPairs(links: RenderLink[], courses: Point[][], centers: Map<number, Point>): number {
    const boxes = courses.map(boxAround);
    let count = 0;
    for (let i = 0; i < links.length; i++) {
        for (let j = i + 1; j < links.length; j++) {
            if (!boxesTouch(boxes[i], boxes[j])) continue;
            const shared = [links[i].source, links[i].target].filter(n => n === links[j].source || n === links[j].target);
            if (coursesCross(courses[i], courses[j], shared.map(n => centers.get(n)!))) count++;
        }
    }
    return count;
}

function boxesTouch(a: Box, b: Box): boolean {
    return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

function coursesCross(a: Point[], b: Point[], near: Point[]): boolean {
    for (let i = 0; i + 1 < a.length; i++) {
        for (let k = 0; k + 1 < b.length; k++) {
            const at = crossing(a[i], a[i + 1], b[k], b[k + 1]);
            if (at && near.every(c => distance(at, c) > GOAL_RADIUS + 12)) return true;
        }
    }
    return false;
}

/**
 * Drivers off the wheel: outside the rim, at the angle of what they link to (through other
 * off-wheel drivers if need be), spread so that none overlap; with no goal at all, every driver
 * on a circle.
 */
function placeOffWheel(model: RenderModel, plan: WheelPlan | undefined, wheelRadius: number): Map<number, Point> {
    const off = model.nodes.filter(n => n.placement === 'off');
    const result = new Map<number, Point>();
    if (!plan) {
        off.forEach((node, i) => result.set(node.index, polar({ x: 0, y: 0 }, wheelRadius, -Math.PI / 2 + (i * 2 * Math.PI) / Math.max(off.length, 1))));
        return result;
    }
    const angleOf = new Map<number, number>();
    for (const [node, place] of plan.at) angleOf.set(node, place.level < 0 ? Math.PI / 2 : place.angle);
    // Anchored in rounds: first those linked to the wheel, then those linked to an anchored one.
    const remaining = new Set(off.map(n => n.index));
    for (let changed = true; changed;) {
        changed = false;
        for (const node of [...remaining]) {
            const link = model.links.find(l => (l.source === node && angleOf.has(l.target)) || (l.target === node && angleOf.has(l.source)));
            if (!link) continue;
            const other = link.source === node ? link.target : link.source;
            angleOf.set(node, angleOf.get(other)! + (plan.at.has(other) ? 0.22 : 0));
            remaining.delete(node);
            changed = true;
        }
    }
    const radius = wheelRadius + 125;
    const wanted = off.map(node => ({ node: node.index, angle: angleOf.get(node.index) ?? Math.PI / 2 }))
        .sort((a, b) => a.angle - b.angle || a.node - b.node);
    const gap = 2 * Math.asin(Math.min(1, 95 / radius));
    let previous = -Infinity;
    for (const { node, angle } of wanted) {
        const placed = Math.max(angle, previous + gap);
        result.set(node, polar({ x: 0, y: 0 }, radius, placed));
        previous = placed;
    }
    return result;
}

function placeLabels(
    model: RenderModel, centers: Map<number, Point>, radii: Map<number, number>, plan: WheelPlan | undefined, origin: Point,
    occupancy: Occupancy, routes: Route[], links: RenderLink[], notes: Map<number, string> = new Map()
): NodeLayout[] {
    // The goal first, then the rim, then the inner arcs, then the drivers off the wheel.
    const rank = (node: RenderNode) => (node.placement === 'goal' ? 0 : node.placement === 'off' ? 3 : (plan?.at.get(node.index)?.level ?? 0) === 0 ? 1 : 2);
    const order = [...model.nodes].sort((a, b) => rank(a) - rank(b) || a.index - b.index);
    const placed = new Map<number, NodeLayout>();
    for (const node of order) {
        const center = centers.get(node.index)!;
        const radius = radii.get(node.index)!;
        const { lines, truncated } = node.placement === 'goal' ? wrapText(node.label, LABEL_CHARS, 12) : wrapText(node.label, LABEL_CHARS, LABEL_LINES);
        const note = notes.has(node.index) ? oneLine(notes.get(node.index)!) : noteOf(model, node);
        const width = Math.max(textWidth(lines, node.placement === 'goal' ? 15 : FONT_SIZE), note ? [...note.text].length * 11 * CHAR_EM : 0);
        const height = lines.length * LINE_HEIGHT + (note ? 15 : 0);
        const level = plan?.at.get(node.index)?.level ?? 0;
        const outwards = Math.atan2(center.y - origin.y, center.x - origin.x);
        // Rim and outer nodes look outwards; inner ones towards the hub; the hub's goal upwards.
        const preferred = level < 0 ? -Math.PI / 2 : level > 0 ? outwards + Math.PI : distance(center, origin) < 1 ? -Math.PI / 2 : outwards;
        // Its own owner: a label may cover nothing, its own node included.
        const { box, anchor } = placeNodeLabel(occupancy, `label n${node.index}`, center, radius, preferred, width, height, model.nodes.length <= SEARCH_LIMIT);
        occupancy.addBox(box, 'label', `label n${node.index}`);
        placed.set(node.index, { node, center, radius, lines, truncated, labelBox: box, anchor, note, badges: [] });
    }
    // Where links meet each node, as angles: the badges keep away from them.
    const meeting = new Map<number, number[]>();
    const meet = (node: number, p: Point) => {
        const c = centers.get(node)!;
        if (!meeting.has(node)) meeting.set(node, []);
        meeting.get(node)!.push(Math.atan2(p.y - c.y, p.x - c.x));
    };
    routes.forEach((route, i) => {
        meet(links[i].source, route.drawn[0]);
        meet(links[i].target, route.drawn[route.drawn.length - 1]);
    });
    for (const layout of placed.values()) layout.badges = placeBadges(layout, meeting.get(layout.node.index) ?? [], occupancy);
    return model.nodes.map(n => placed.get(n.index)!);
}

/** A driver off the wheel says why, in one line: the first sentence of its diagnostic. */
function noteOf(model: RenderModel, node: RenderNode): { text: string; truncated: boolean } | undefined {
    if (node.placement !== 'off') return undefined;
    const diagnostic = model.diagnostics.find(d => d.node === node.index && d.severity === 'error') ?? model.diagnostics.find(d => d.node === node.index);
    if (!diagnostic) return undefined;
    const sentence = diagnostic.message.split(/(?<=[.:])\s/)[0].replace(/[:.]$/, '');
    const note = oneLine(sentence);
    return { text: note.text, truncated: note.truncated || sentence !== diagnostic.message };
}

function oneLine(text: string): { text: string; truncated: boolean } {
    const { lines, truncated } = wrapText(text, NOTE_CHARS, 1);
    return { text: lines[0], truncated };
}

/** Badges go where no link meets the node (never on an arrowhead) and no label is. */
function placeBadges(layout: NodeLayout, touching: number[], occupancy: Occupancy): NodeLayout['badges'] {
    const kinds = layout.node.kinds;
    if (kinds.length === 0) return [];
    const { center, radius, node } = layout;
    const candidates = [-45, -135, 45, 135, -90, 0, 90, 180, -22, -68, 22, 68, -112, -158, 112, 158].map(d => (d * Math.PI) / 180);
    const badges: NodeLayout['badges'] = [];
    const taken: number[] = [];
    for (const kind of kinds) {
        // The sides farthest from every link first; the first of them that is free wins.
        const ranked = candidates.map((angle, i) => ({
            angle,
            away: Math.min(Math.PI, ...[...touching, ...taken].map(t => Math.abs(shortestTurn(angle - t)))) - i * 1e-3
        })).sort((a, b) => b.away - a.away);
        const best = ranked.find(c => occupancy.isFree(circleBox(polar(center, radius + 3, c.angle), 7), `n${node.index}`, { lines: true })) ?? ranked[0];
        const at = polar(center, radius + 3, best.angle);
        badges.push({ kind, at });
        taken.push(best.angle);
        occupancy.addBox(circleBox(at, 7), 'mark', `n${node.index}`);
    }
    return badges;
}

/** A dampening link's `−` near its arrowhead, a delay's double bar across its middle. */
function markLink(link: RenderLink, route: Route, occupancy: Occupancy): LinkLayout {
    const points = route.drawn;
    const layout: LinkLayout = { link, shape: route.shape, path: '', points };
    const owner = `l${link.index}`;
    const length = points.slice(1).reduce((sum, p, i) => sum + distance(points[i], p), 0) || 1;
    if (link.dampening) {
        const { at, angle } = alongPolyline(points, Math.max(0.5, 1 - 20 / length));
        const sides = [1, -1].map(side => ({ x: at.x - Math.sin(angle) * 10 * side, y: at.y + Math.cos(angle) * 10 * side }));
        layout.minus = sides.find(p => occupancy.isFree(circleBox(p, 5), owner, { lines: true })) ?? sides[0];
        occupancy.addBox(circleBox(layout.minus, 6), 'mark', owner);
    }
    if (link.delayed) {
        const { at, angle } = alongPolyline(points, 0.5);
        layout.delay = { at, angle };
        occupancy.addBox(circleBox(at, 8), 'mark', owner);
    }
    return layout;
}

/** One marker for each loop through the goal (the first MARKED_LOOPS), inside the region the loop's links enclose. */
function placeMarkers(model: RenderModel, links: RenderLink[], routes: Route[], occupancy: Occupancy): LoopMarker[] {
    const routeOf = new Map(links.map((link, i) => [link.index, routes[i]]));
    const loops = model.loops.slice(0, MARKED_LOOPS);
    const polygons = loops.map(loop => loop.links.flatMap(link => routeOf.get(link)?.full ?? []));
    // Read by every other loop's marker: worked out once.
    const regions = polygons.map(polygon => new PolygonRows(polygon));
    return loops.map((loop, i) => {
        const polygon = polygons[i];
        const at = placeMarker(occupancy, polygon, regions.filter((_, k) => k !== i), MARKER_RADIUS);
        occupancy.addBox(circleBox(at, MARKER_RADIUS + 2), 'marker', `m${loop.id}`);
        return { loop, at, clockwise: signedArea(polygon) > 0 };
    });
}
