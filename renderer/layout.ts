/**
 * Where everything goes: the wheel's nodes on a circle, clockwise from the goal at 12 o'clock in
 * the order of the wheel's longest reinforcing loop; other wheel links as chords; drivers off the
 * wheel outside the rim. A pure function of the model: the same text always gives the same drawing.
 */
import RBush, { type BBox } from 'rbush';
import type { RenderLink, RenderModel, RenderNode } from './model.js';

export interface Point {
    x: number;
    y: number;
}

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface NodeLayout {
    node: RenderNode;
    center: Point;
    radius: number;
    /** The label's lines (wrapped, maybe truncated) and the box they take. */
    lines: string[];
    truncated: boolean;
    labelBox: Box;
    anchor: 'start' | 'middle' | 'end';
}

export type LinkShape = 'rim' | 'chord' | 'spoke';

export interface LinkLayout {
    link: RenderLink;
    shape: LinkShape;
    /** SVG path data, already shortened to the nodes' edges. */
    path: string;
    /** Where a polarity or delay mark goes. */
    middle: Point;
}

export interface Layout {
    width: number;
    height: number;
    center: Point;
    wheelRadius: number;
    offRadius: number;
    nodes: NodeLayout[];
    links: LinkLayout[];
    /** Top of the legend area. */
    legendTop: number;
}

export const GOAL_RADIUS = 28;
export const DRIVER_RADIUS = 17;
const FONT_SIZE = 13;
/** An average character's width at FONT_SIZE: there is no DOM to measure text, so estimate. */
export const CHAR_WIDTH = FONT_SIZE * 0.6;
const LINE_HEIGHT = FONT_SIZE + 3;
const MAX_LINE_CHARS = 18;
const MAX_LINES = 2;
const LABEL_GAP = 8;
/** The narrowest page: small wheels are drawn at their own size, so text stays legible in a narrow preview. */
const MIN_WIDTH = 640;
/** Room above the drawing for the flywheel's title. */
const TITLE_SPACE = 64;

export function layoutWheel(model: RenderModel): Layout {
    const order = wheelOrder(model);
    // Up to 12 drivers share one radius, so adding a driver moves the others only along the rim.
    const wheelRadius = Math.max(230, (order.length * 2 * (DRIVER_RADIUS + 34)) / (2 * Math.PI));
    const offRadius = wheelRadius + 120;
    const origin = { x: 0, y: 0 };
    const angles = new Map<number, number>();
    order.forEach((node, i) => angles.set(node, -Math.PI / 2 + (i * 2 * Math.PI) / order.length));
    placeOffWheel(model, angles, order.length, offRadius).forEach((angle, node) => angles.set(node, angle));
    const placed = model.nodes.map(node => {
        const angle = angles.get(node.index)!;
        const distance = node.placement === 'off' ? offRadius : wheelRadius;
        const at = { x: distance * Math.cos(angle), y: distance * Math.sin(angle) };
        return placeLabel(node, at, node.placement === 'goal' ? GOAL_RADIUS : DRIVER_RADIUS, angle);
    });
    separateLabels(placed, angles);

    // Laid out around (0, 0); now moved into a page with the title above and the legend below.
    const boxes = [
        ...placed.flatMap(n => [
            n.labelBox,
            { x: n.center.x - n.radius - 16, y: n.center.y - n.radius - 16, width: 2 * n.radius + 32, height: 2 * n.radius + 32 }
        ]),
        { x: -wheelRadius - 8, y: -wheelRadius - 8, width: 2 * wheelRadius + 16, height: 2 * wheelRadius + 16 }
    ];
    const left = Math.min(...boxes.map(b => b.x));
    const right = Math.max(...boxes.map(b => b.x + b.width));
    const top = Math.min(...boxes.map(b => b.y));
    const bottom = Math.max(...boxes.map(b => b.y + b.height));
    const width = Math.max(MIN_WIDTH, Math.ceil(right - left + 48));
    const shift = { x: width / 2 - (left + right) / 2, y: TITLE_SPACE - top };
    const center = { x: origin.x + shift.x, y: origin.y + shift.y };
    const nodes = placed.map(n => ({
        ...n,
        center: { x: n.center.x + shift.x, y: n.center.y + shift.y },
        labelBox: { ...n.labelBox, x: n.labelBox.x + shift.x, y: n.labelBox.y + shift.y }
    }));
    const position = new Map(nodes.map(n => [n.node.index, n]));
    const rimNeighbours = new Set(order.map((node, i) => `${node} ${order[(i + 1) % order.length]}`));
    const links = model.links
        .filter(link => link.source !== link.target)
        .map(link => layoutLink(link, position.get(link.source)!, position.get(link.target)!, center, wheelRadius, rimNeighbours));
    const legendTop = bottom + shift.y + 36;
    return { width, height: legendTop, center, wheelRadius, offRadius, nodes, links, legendTop };
}

/**
 * The wheel's nodes in drawing order: the goal, then its longest reinforcing loop (the one that
 * shows most of the wheel), then each other wheel node where it puts the most links on the rim
 * (between linked neighbours) and breaks the fewest.
 */
export function wheelOrder(model: RenderModel): number[] {
    const goal = model.nodes.find(n => n.placement === 'goal');
    if (!goal) return [];
    const onWheel = model.nodes.filter(n => n.placement !== 'off').map(n => n.index);
    if (onWheel.length === 1) return [goal.index];
    const reinforcing = model.loops.filter(l => l.reinforcing);
    const candidates = reinforcing.length > 0 ? reinforcing : model.loops;
    const spine = candidates.reduce((best, loop) => (loop.nodes.length > best.nodes.length ? loop : best), candidates[0]);
    const order = spine ? [...spine.nodes] : [goal.index];
    const neighbours = neighboursOf(model);
    const ordered = new Set(order);
    for (const node of onWheel.filter(n => !ordered.has(n))) {
        order.splice(bestInsertion(order, node, neighbours), 0, node);
    }
    return order;
}

/**
 * Where `node` goes in the ring: after position p − 1 for the p (from 1; 0 stays the goal's) that
 * puts the most links on the rim minus those it breaks, the first such p on a tie. Only a place
 * beside a neighbour can gain; elsewhere the gain is 0 where the rim has a gap and −1 where it
 * has a link, so the ring need not be scanned in full for every node (5,000 drivers took 4.8 s).
 */
function bestInsertion(order: number[], node: number, neighbours: Map<number, Set<number>>): number {
    const linked = (a: number, b: number) => neighbours.get(a)?.has(b) ?? false;
    const gain = (p: number) => {
        const before = order[p - 1];
        const after = order[p % order.length];
        return Number(linked(before, node)) + Number(linked(node, after)) - Number(linked(before, after));
    };
    let best = 1;
    let bestGain = -1;
    for (const neighbour of neighbours.get(node) ?? []) {
        const i = order.indexOf(neighbour);
        if (i < 0) continue;
        for (const p of [i + 1, i === 0 ? order.length : i]) {
            const g = gain(p);
            if (g > bestGain || (g === bestGain && p < best)) {
                best = p;
                bestGain = g;
            }
        }
    }
    if (bestGain >= 1) return best;
    // The first gap in the rim gains 0 too; it wins if it comes first.
    const end = bestGain === 0 ? best : order.length + 1;
    for (let p = 1; p < end; p++) {
        if (!linked(order[p - 1], order[p % order.length])) return p;
    }
    return best;
}

/** Each node's neighbours, whichever way the link goes. */
function neighboursOf(model: RenderModel): Map<number, Set<number>> {
    const neighbours = new Map<number, Set<number>>();
    const add = (a: number, b: number) => {
        if (!neighbours.has(a)) neighbours.set(a, new Set());
        neighbours.get(a)!.add(b);
    };
    for (const link of model.links) {
        add(link.source, link.target);
        add(link.target, link.source);
    }
    return neighbours;
}

/** Angles for drivers off the wheel: beside the wheel node they link with, spread so none overlap. */
function placeOffWheel(model: RenderModel, wheelAngles: Map<number, number>, wheelSize: number, radius: number): Map<number, number> {
    const off = model.nodes.filter(n => n.placement === 'off');
    const wanted = off.map(node => {
        const neighbour = model.links.find(l =>
            (l.source === node.index && wheelAngles.has(l.target)) || (l.target === node.index && wheelAngles.has(l.source)));
        const anchor = neighbour ? wheelAngles.get(neighbour.source === node.index ? neighbour.target : neighbour.source)! : Math.PI / 2;
        // Half a slot aside, so the spoke does not hide behind the wheel node's label.
        return { node: node.index, angle: anchor + Math.PI / Math.max(wheelSize, 4) };
    }).sort((a, b) => a.angle - b.angle || a.node - b.node);
    const gap = 2 * Math.asin(Math.min(1, 75 / radius));
    const angles = new Map<number, number>();
    let previous = -Infinity;
    for (const { node, angle } of wanted) {
        const placed = Math.max(angle, previous + gap);
        angles.set(node, placed);
        previous = placed;
    }
    return angles;
}

function placeLabel(node: RenderNode, center: Point, radius: number, angle: number): NodeLayout {
    const { lines, truncated } = wrapLabel(node.label);
    const width = Math.max(...lines.map(line => line.length)) * CHAR_WIDTH;
    const height = lines.length * LINE_HEIGHT;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const reach = radius + LABEL_GAP;
    let anchor: NodeLayout['anchor'];
    let box: Box;
    if (cos > 0.35) {
        anchor = 'start';
        box = { x: center.x + reach, y: center.y - height / 2, width, height };
    } else if (cos < -0.35) {
        anchor = 'end';
        box = { x: center.x - reach - width, y: center.y - height / 2, width, height };
    } else {
        anchor = 'middle';
        const y = sin < 0 ? center.y - reach - height : center.y + reach;
        box = { x: center.x - width / 2, y, width, height };
    }
    return { node, center, radius, lines, truncated, labelBox: box, anchor };
}

/**
 * Pushes a label that would cover an earlier label or another node outwards along its own radius,
 * a step at a time, in a fixed order: readable, and still a pure function of the model. What is
 * already taken (every node's circle, the labels settled so far) is kept in an R-tree, so each
 * step looks only at what is near (comparing with everything made 5,000 drivers quadratic).
 */
function separateLabels(nodes: NodeLayout[], angles: Map<number, number>): void {
    const taken = new RBush<TakenBox>();
    taken.load(nodes.map(n => takenBox({ x: n.center.x - n.radius, y: n.center.y - n.radius, width: 2 * n.radius, height: 2 * n.radius }, n)));
    for (const node of nodes) {
        const angle = angles.get(node.node.index)!;
        const step = { x: 6 * Math.cos(angle), y: 6 * Math.sin(angle) };
        const blocked = () => taken.search(takenBox(node.labelBox)).some(item => item.owner !== node && overlaps(item.box, node.labelBox));
        for (let tries = 0; tries < 40 && blocked(); tries++) {
            node.labelBox = { ...node.labelBox, x: node.labelBox.x + step.x, y: node.labelBox.y + step.y };
        }
        taken.insert(takenBox(node.labelBox));
    }
}

/** A box in the R-tree's terms; `owner` is the node a circle belongs to (its own label may touch it). */
interface TakenBox extends BBox {
    box: Box;
    owner?: NodeLayout;
}

function takenBox(box: Box, owner?: NodeLayout): TakenBox {
    return { minX: box.x, minY: box.y, maxX: box.x + box.width, maxY: box.y + box.height, box, owner };
}

export function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Up to two lines of at most 18 characters, broken at spaces; the rest is cut with an ellipsis. */
export function wrapLabel(label: string): { lines: string[]; truncated: boolean } {
    const words = label.trim().split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let current = '';
    for (const word of words) {
        const candidate = current ? `${current} ${word}` : word;
        if ([...candidate].length <= MAX_LINE_CHARS) {
            current = candidate;
            continue;
        }
        if (current) lines.push(current);
        current = word;
    }
    if (current) lines.push(current);
    const truncated = lines.length > MAX_LINES || lines.some(line => [...line].length > MAX_LINE_CHARS);
    const kept = lines.slice(0, MAX_LINES).map(line => ([...line].length > MAX_LINE_CHARS ? [...line].slice(0, MAX_LINE_CHARS - 1).join('') + '…' : line));
    if (lines.length > MAX_LINES) {
        const last = [...kept[MAX_LINES - 1]];
        kept[MAX_LINES - 1] = (last.length >= MAX_LINE_CHARS ? last.slice(0, MAX_LINE_CHARS - 1).join('') : last.join('')) + '…';
    }
    return { lines: kept.length > 0 ? kept : [''], truncated };
}

function layoutLink(link: RenderLink, from: NodeLayout, to: NodeLayout, center: Point, wheelRadius: number, rim: Set<string>): LinkLayout {
    const bothOnWheel = from.node.placement !== 'off' && to.node.placement !== 'off';
    if (bothOnWheel && rim.has(`${link.source} ${link.target}`)) {
        return rimArc(link, from, to, center, wheelRadius, true);
    }
    if (bothOnWheel && rim.has(`${link.target} ${link.source}`)) {
        return rimArc(link, from, to, center, wheelRadius, false);
    }
    // A chord bends towards the hub; a spoke to an off-wheel driver bends a little less.
    const pull = bothOnWheel ? 0.45 : 0.15;
    const mid = { x: (from.center.x + to.center.x) / 2, y: (from.center.y + to.center.y) / 2 };
    // The two directions of a pair bend to different sides, so they never draw over each other.
    const side = link.source < link.target ? 1 : -1;
    const dx = to.center.x - from.center.x;
    const dy = to.center.y - from.center.y;
    const length = Math.hypot(dx, dy) || 1;
    const control = {
        x: mid.x + (center.x - mid.x) * pull + (-dy / length) * 18 * side,
        y: mid.y + (center.y - mid.y) * pull + (dx / length) * 18 * side
    };
    const start = towards(from.center, control, from.radius + 2);
    const end = towards(to.center, control, to.radius + 6);
    const middle = { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y };
    return { link, shape: bothOnWheel ? 'chord' : 'spoke', path: `M ${f(start.x)} ${f(start.y)} Q ${f(control.x)} ${f(control.y)} ${f(end.x)} ${f(end.y)}`, middle };
}

/** An arc along the rim between neighbours; backwards links run just inside the rim. */
function rimArc(link: RenderLink, from: NodeLayout, to: NodeLayout, center: Point, wheelRadius: number, clockwise: boolean): LinkLayout {
    const radius = clockwise ? wheelRadius : wheelRadius - 14;
    const angleOf = (p: Point) => Math.atan2(p.y - center.y, p.x - center.x);
    const direction = clockwise ? 1 : -1;
    const startAngle = angleOf(from.center) + (direction * (from.radius + 2)) / radius;
    const endAngle = angleOf(to.center) - (direction * (to.radius + 6)) / radius;
    const at = (angle: number) => ({ x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) });
    const start = at(startAngle);
    const end = at(endAngle);
    let sweep = endAngle - startAngle;
    if (clockwise && sweep < 0) sweep += 2 * Math.PI;
    if (!clockwise && sweep > 0) sweep -= 2 * Math.PI;
    const largeArc = Math.abs(sweep) > Math.PI ? 1 : 0;
    const middle = at(startAngle + sweep / 2);
    const path = `M ${f(start.x)} ${f(start.y)} A ${f(radius)} ${f(radius)} 0 ${largeArc} ${clockwise ? 1 : 0} ${f(end.x)} ${f(end.y)}`;
    return { link, shape: 'rim', path, middle };
}

function towards(from: Point, to: Point, distance: number): Point {
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy) || 1;
    return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance };
}

/** Coordinates to one decimal: stable text, small files. */
export function f(value: number): string {
    return (Math.round(value * 10) / 10).toString();
}
