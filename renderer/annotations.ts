/**
 * Everything drawn beside the nodes and links, placed so that nothing covers anything else: node
 * labels, badges, the polarity and delay marks, link labels and loop markers. What is already on
 * the page is kept in an R-tree (5,000 drivers stay fast), and each piece tries a few places in a
 * fixed order, so the result is still a pure function of the model.
 */
import RBush, { type BBox } from 'rbush';
import { alongPolyline, type Box, circleBox, distance, distanceToSegment, extentOf, grow, overlaps, type Point, PolygonRows, segmentHitsBox } from './geometry.js';

export const FONT_SIZE = 13;
export const LINK_FONT_SIZE = 11;
/** An average character's width per pixel of font size: there is no DOM to measure text with. */
export const CHAR_EM = 0.6;
export const LINE_HEIGHT = FONT_SIZE + 3;
export const LINK_LINE_HEIGHT = LINK_FONT_SIZE + 2;

interface Item extends BBox {
    kind: 'node' | 'label' | 'line' | 'mark' | 'marker';
    /** The node or link it belongs to: a node's own label may touch its circle, a link's label its own line. */
    owner: string;
    box?: Box;
    circle?: { center: Point; radius: number };
    /** A run of a link's line: the segments from point `from` to point `to` of `points`. */
    line?: { points: Point[]; from: number; to: number };
}

/**
 * Segments per R-tree entry of a link's line: a line is a few dozen short segments, and one entry
 * per run of them keeps the tree small (it is built on every keystroke) while a search still
 * narrows to the runs near the spot; each run's segments are then measured one by one.
 */
const SEGMENTS_PER_ENTRY = 8;

/** What is on the page so far. */
export class Occupancy {
    private readonly tree = new RBush<Item>();

    /** What is there from the start (nodes, link lines, arrowheads), loaded at once: an R-tree builds faster in bulk. */
    constructor(start: {
        circles: Array<{ center: Point; radius: number; owner: string }>;
        polylines: Array<{ points: Point[]; owner: string }>;
        boxes: Array<{ box: Box; owner: string }>;
    }) {
        const items: Item[] = [];
        for (const { center, radius, owner } of start.circles) {
            const { minX, minY, maxX, maxY } = toBBox(circleBox(center, radius));
            items.push({ minX, minY, maxX, maxY, kind: 'node', owner, circle: { center, radius } });
        }
        for (const { points, owner } of start.polylines) {
            for (let from = 0; from + 1 < points.length; from += SEGMENTS_PER_ENTRY) {
                const to = Math.min(from + SEGMENTS_PER_ENTRY, points.length - 1);
                const { minX, minY, maxX, maxY } = extentOf(points.slice(from, to + 1));
                items.push({ minX, minY, maxX, maxY, kind: 'line', owner, line: { points, from, to } });
            }
        }
        for (const { box, owner } of start.boxes) items.push(boxItem(box, 'mark', owner));
        this.tree.load(items);
    }

    addBox(box: Box, kind: 'label' | 'mark' | 'marker', owner: string): void {
        this.tree.insert(boxItem(box, kind, owner));
    }

    /** Whether the box is free, ignoring what belongs to `owner` and, unless asked, link lines. */
    isFree(box: Box, owner: string, options: { lines?: boolean } = {}): boolean {
        return !this.tree.search(toBBox(box)).some(item => {
            if (item.owner === owner) return false;
            if (item.line) return options.lines === true && lineHitsBox(item.line, box);
            if (item.circle) return circleHitsBox(item.circle.center, item.circle.radius, box);
            return overlaps(item.box!, box);
        });
    }

    /** Whether the segment misses everything on the page (link lines aside), ignoring what belongs to `owner`. */
    isSegmentFree(a: Point, b: Point, owner: string): boolean {
        const bounds = { minX: Math.min(a.x, b.x), minY: Math.min(a.y, b.y), maxX: Math.max(a.x, b.x), maxY: Math.max(a.y, b.y) };
        return !this.tree.search(bounds).some(item => {
            if (item.owner === owner || item.line) return false;
            if (item.circle) return distanceToSegment(item.circle.center, a, b) < item.circle.radius;
            return segmentHitsBox(a, b, item.box!);
        });
    }

    /** How much of the box the things on the page (link lines aside) cover, in square pixels. */
    covered(box: Box, owner: string): number {
        let area = 0;
        for (const item of this.tree.search(toBBox(box))) {
            if (item.owner === owner || item.line) continue;
            const other = item.box ?? circleBox(item.circle!.center, item.circle!.radius);
            const w = Math.min(box.x + box.width, other.x + other.width) - Math.max(box.x, other.x);
            const h = Math.min(box.y + box.height, other.y + other.height) - Math.max(box.y, other.y);
            if (w > 0 && h > 0) area += w * h;
        }
        return area;
    }

    /** How far a point is from the nearest thing on the page, up to `reach`. */
    clearance(p: Point, reach: number): number {
        let best = reach;
        for (const item of this.tree.search({ minX: p.x - reach, minY: p.y - reach, maxX: p.x + reach, maxY: p.y + reach })) {
            let d: number;
            if (item.line) d = lineDistance(p, item.line);
            else if (item.circle) d = distance(p, item.circle.center) - item.circle.radius;
            else d = boxDistance(p, item.box!);
            if (d < best) best = Math.max(0, d);
        }
        return best;
    }
}

function toBBox(box: Box): BBox {
    return { minX: box.x, minY: box.y, maxX: box.x + box.width, maxY: box.y + box.height };
}

function boxItem(box: Box, kind: Item['kind'], owner: string): Item {
    return { minX: box.x, minY: box.y, maxX: box.x + box.width, maxY: box.y + box.height, kind, owner, box };
}

function lineHitsBox({ points, from, to }: NonNullable<Item['line']>, box: Box): boolean {
    for (let i = from; i < to; i++) if (segmentHitsBox(points[i], points[i + 1], box)) return true;
    return false;
}

function lineDistance(p: Point, { points, from, to }: NonNullable<Item['line']>): number {
    let nearest = Infinity;
    for (let i = from; i < to; i++) nearest = Math.min(nearest, distanceToSegment(p, points[i], points[i + 1]));
    return nearest;
}

function boxDistance(p: Point, box: Box): number {
    const dx = Math.max(box.x - p.x, 0, p.x - (box.x + box.width));
    const dy = Math.max(box.y - p.y, 0, p.y - (box.y + box.height));
    return Math.hypot(dx, dy);
}

function circleHitsBox(center: Point, radius: number, box: Box): boolean {
    return boxDistance(center, box) < radius;
}

/**
 * Text wrapped at spaces into lines of at most `width` characters, as even as the same number of
 * lines allows (no one-word last line); what does not fit in `maxLines` is cut with an ellipsis.
 */
export function wrapText(text: string, width: number, maxLines: number): { lines: string[]; truncated: boolean } {
    const words = text.trim().split(/\s+/).filter(Boolean);
    const greedy = breakLines(words, width);
    let lines = greedy;
    if (greedy.length > 1 && greedy.length <= maxLines) {
        for (let narrower = width - 1; narrower >= Math.ceil(width / 2); narrower--) {
            const tried = breakLines(words, narrower);
            if (tried.length !== greedy.length || tried.some(line => [...line].length > narrower)) break;
            lines = tried;
        }
    }
    const truncated = lines.length > maxLines || lines.some(line => [...line].length > width);
    const kept = lines.slice(0, maxLines).map(line => ([...line].length > width ? [...line].slice(0, width - 1).join('') + '…' : line));
    if (lines.length > maxLines) {
        const last = [...kept[maxLines - 1]];
        kept[maxLines - 1] = (last.length >= width ? last.slice(0, width - 1).join('') : last.join('')) + '…';
    }
    return { lines: kept.length > 0 ? kept : [''], truncated };
}

function breakLines(words: string[], width: number): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of words) {
        const candidate = current ? `${current} ${word}` : word;
        if ([...candidate].length <= width) {
            current = candidate;
            continue;
        }
        if (current) lines.push(current);
        current = word;
    }
    if (current) lines.push(current);
    return lines;
}

export function textWidth(lines: string[], fontSize: number): number {
    return Math.max(...lines.map(line => [...line].length)) * fontSize * CHAR_EM;
}

export type Anchor = 'start' | 'middle' | 'end';

/** The box of a label of the given size put on the side `angle` of a circle. */
export function besideCircle(center: Point, reach: number, angle: number, width: number, height: number): { box: Box; anchor: Anchor } {
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    if (cos > 0.38) return { anchor: 'start', box: { x: center.x + reach * cos, y: center.y + reach * sin - height / 2, width, height } };
    if (cos < -0.38) return { anchor: 'end', box: { x: center.x + reach * cos - width, y: center.y + reach * sin - height / 2, width, height } };
    return { anchor: 'middle', box: { x: center.x - width / 2, y: sin < 0 ? center.y - reach - height : center.y + reach, width, height } };
}

/**
 * A node's label: the first of the sides tried (from `preferred` round both ways) where it covers
 * no node, label or link; then a little further out; then over a link rather than far away; at
 * last pushed outwards along `preferred` until it is free.
 */
export function placeNodeLabel(
    occupancy: Occupancy, owner: string, center: Point, radius: number, preferred: number, width: number, height: number, thorough = true
): { box: Box; anchor: Anchor } {
    const reach = radius + 7;
    const turns = [0, 0.5, -0.5, 1, -1, 1.5, -1.5, 2, -2, 2.5, -2.5, 3, -3, 3.5, -3.5, 4];
    // A large wheel's labels look outwards only (its rim is crowded anyway): 400 nodes stay fast.
    for (const [extra, lines] of thorough ? [[0, true], [14, true], [0, false], [14, false]] as const : []) {
        for (const turn of turns) {
            const placed = besideCircle(center, reach + extra, preferred + (turn * Math.PI) / 4, width, height);
            if (occupancy.isFree(grow(placed.box, 2), owner, { lines })) return placed;
        }
    }
    for (let step = 1; step <= 60; step++) {
        const placed = besideCircle(center, reach + step * 8, preferred, width, height);
        if (occupancy.isFree(grow(placed.box, 2), owner)) return placed;
    }
    return besideCircle(center, reach, preferred, width, height);
}

/** Shorter and shorter versions of a link's label, tried in turn until one fits. */
const LINK_LABEL_SHAPES: Array<[number, number]> = [[22, 2], [16, 2], [12, 2], [16, 1], [10, 1], [6, 1]];

export interface PlacedText {
    lines: string[];
    truncated: boolean;
    box: Box;
}

/**
 * A link's label on its own line, somewhere along it, covering no node, label, mark or marker;
 * along the rim (`inwards` given), beside the line on the hub's side first, so the rim stays whole.
 * Shortened step by step until it fits; failing that, where it covers least.
 */
export function placeLinkLabel(occupancy: Occupancy, owner: string, drawn: Point[], label: string, inwards?: Point): PlacedText {
    const fractions = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
    let fallback: { text: PlacedText; cover: number } | undefined;
    for (const [width, maxLines] of LINK_LABEL_SHAPES) {
        const { lines, truncated } = wrapText(label, width, maxLines);
        const w = textWidth(lines, LINK_FONT_SIZE) + 4;
        const h = lines.length * LINK_LINE_HEIGHT + 2;
        const beside = h / 2 + 5;
        const sides = inwards ? [1, 0, -1, 2, -2] : [0, 1, -1, 2, -2];
        for (const side of sides) {
            for (const fraction of fractions) {
                const { at, angle } = alongPolyline(drawn, fraction);
                const normal = { x: -Math.sin(angle), y: Math.cos(angle) };
                const towards = inwards && (inwards.x - at.x) * normal.x + (inwards.y - at.y) * normal.y < 0 ? -1 : 1;
                const offset = towards * side * beside;
                const box = { x: at.x + normal.x * offset - w / 2, y: at.y + normal.y * offset - h / 2, width: w, height: h };
                const text = { lines, truncated, box };
                if (occupancy.isFree(grow(box, 1), owner)) return text;
                const cover = occupancy.covered(box, owner);
                if (!fallback || cover < fallback.cover) fallback = { text, cover };
            }
        }
    }
    return fallback!.text;
}

/**
 * The best spot inside a polygon for a loop marker: the one farthest from everything (up to 2.2
 * times its radius), preferring spots no other loop (`rivals`, read by `contains` only) encloses. A coarse grid first, then a finer
 * one round the best two spots. The polygons are read row by row (PolygonRows), and a spot is
 * measured only as far as it could still beat the best ones so far: the grid costs about its
 * number of points, not points × polygon edges × loops.
 */
export function placeMarker(occupancy: Occupancy, polygon: Point[], rivals: PolygonRows[], radius: number): Point {
    const reach = 2.2 * radius;
    const own = new PolygonRows(polygon, reach);
    const bounds = own.extent;
    const nestedAt = (x: number, y: number): number => {
        let nested = 0;
        for (const rival of rivals) {
            const b = rival.extent;
            if (x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY && rival.contains(x, y)) nested++;
        }
        return nested;
    };
    // A spot's score: its room (capped at `reach`), less 100 when it has less than its radius, less
    // 3 radii for each other loop round it. `floor`: a spot that cannot score above it is not
    // worth measuring further (it returns -Infinity then, as outside ones do).
    const score = (x: number, y: number, floor: number): number => {
        if (!own.contains(x, y)) return -Infinity;
        const penalty = nestedAt(x, y) * 3 * radius;
        if (reach - penalty <= floor) return -Infinity;
        const edge = own.edgeDistance(x, y);
        // Room grows with distance, and never exceeds the distance to its own loop's links.
        if (edge - (edge >= radius ? 0 : 100) - penalty <= floor) return -Infinity;
        // Too near its own loop's links: no need to look round for anything else.
        const room = edge < radius ? edge : Math.min(occupancy.clearance({ x, y }, reach), edge);
        return room - (room >= radius ? 0 : 100) - penalty;
    };
    const width = bounds.maxX - bounds.minX;
    const height = bounds.maxY - bounds.minY;
    const step = Math.max(4, Math.max(width, height) / 14);
    // The two best grid spots, best first; a tie goes to the spot met first (top to bottom, then left to right).
    const seeds: Array<{ at: Point; score: number }> = [];
    for (let y = bounds.minY + step / 2; y < bounds.maxY; y += step) {
        for (let x = bounds.minX + step / 2; x < bounds.maxX; x += step) {
            const value = score(x, y, seeds.length < 2 ? -Infinity : seeds[1].score);
            if (value === -Infinity) continue;
            const spot = { at: { x, y }, score: value };
            if (seeds.length === 0 || value > seeds[0].score) seeds.unshift(spot);
            else if (seeds.length === 1 || value > seeds[1].score) seeds.splice(1, 0, spot);
            seeds.length = Math.min(seeds.length, 2);
        }
    }
    let best = seeds[0];
    for (const seed of seeds) {
        for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
                const at = { x: seed.at.x + (dx * step) / 2, y: seed.at.y + (dy * step) / 2 };
                const value = score(at.x, at.y, best.score + 1e-9);
                if (value > best.score + 1e-9) best = { at, score: value };
            }
        }
    }
    if (best) return best.at;
    // A polygon too thin to hold a grid point: a point along its edge.
    return alongPolyline([...polygon, polygon[0]], 0.25).at;
}
