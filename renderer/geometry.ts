/** Plane geometry for the layout: points, boxes, segments, polygons and smooth paths. Pure. */

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

export function polar(center: Point, radius: number, angle: number): Point {
    return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
}

export function distance(a: Point, b: Point): number {
    return Math.hypot(a.x - b.x, a.y - b.y);
}

export function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function grow(box: Box, by: number): Box {
    return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

export function circleBox(center: Point, radius: number): Box {
    return { x: center.x - radius, y: center.y - radius, width: 2 * radius, height: 2 * radius };
}

/** The corners of the smallest upright box round the points, as an R-tree searches for it. */
export interface Extent {
    minX: number;
    minY: number;
    maxX: number;
    maxY: number;
}

/** A loop, not `Math.min(...xs)`: a spread of thousands of points overflows the stack. */
export function extentOf(points: Iterable<Point>): Extent {
    const extent = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (const p of points) {
        extent.minX = Math.min(extent.minX, p.x);
        extent.minY = Math.min(extent.minY, p.y);
        extent.maxX = Math.max(extent.maxX, p.x);
        extent.maxY = Math.max(extent.maxY, p.y);
    }
    return extent;
}

export function boxAround(points: Point[]): Box {
    const { minX, minY, maxX, maxY } = extentOf(points);
    return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Where segments ab and cd cross (not merely touch at an end), if they do. */
export function crossing(a: Point, b: Point, c: Point, d: Point): Point | undefined {
    const r = { x: b.x - a.x, y: b.y - a.y };
    const s = { x: d.x - c.x, y: d.y - c.y };
    const denominator = r.x * s.y - r.y * s.x;
    if (Math.abs(denominator) < 1e-9) return undefined;
    const t = ((c.x - a.x) * s.y - (c.y - a.y) * s.x) / denominator;
    const u = ((c.x - a.x) * r.y - (c.y - a.y) * r.x) / denominator;
    if (t <= 0 || t >= 1 || u <= 0 || u >= 1) return undefined;
    return { x: a.x + t * r.x, y: a.y + t * r.y };
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
    return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Whether the segment ab passes through the box (Liang–Barsky clipping). */
export function segmentHitsBox(a: Point, b: Point, box: Box): boolean {
    let t0 = 0;
    let t1 = 1;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const edges: Array<[number, number]> = [[-dx, a.x - box.x], [dx, box.x + box.width - a.x], [-dy, a.y - box.y], [dy, box.y + box.height - a.y]];
    for (const [p, q] of edges) {
        if (p === 0) {
            if (q < 0) return false;
            continue;
        }
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
        if (t0 > t1) return false;
    }
    return true;
}

/**
 * A polygon asked about many points row by row (a grid search): where it crosses each row's
 * horizontal line is worked out once per row, and only the edges near a row are measured. The
 * answers are those of `insidePolygon` and `distanceToSegment`, bit for bit: the same arithmetic.
 */
export class PolygonRows {
    readonly extent: Extent;
    private readonly xs: Float64Array;
    private readonly ys: Float64Array;
    /** Per row, worked out when first asked: where the edges cross it, and which edges are near it. */
    private readonly crossingRows = new Map<number, Float64Array>();
    private readonly nearRows = new Map<number, Int32Array>();

    /** `reach`: how far `edgeDistance` looks. */
    constructor(polygon: Point[], private readonly reach = 0) {
        this.extent = extentOf(polygon);
        // Filled in a loop: `Float64Array.from` with a mapping function goes through the iterator protocol.
        this.xs = new Float64Array(polygon.length);
        this.ys = new Float64Array(polygon.length);
        for (let i = 0; i < polygon.length; i++) {
            this.xs[i] = polygon[i].x;
            this.ys[i] = polygon[i].y;
        }
    }

    /** Whether (x, y) is inside, as `insidePolygon` says. */
    contains(x: number, y: number): boolean {
        const crossings = this.crossingsAt(y);
        let inside = false;
        for (let i = 0; i < crossings.length; i++) if (x < crossings[i]) inside = !inside;
        return inside;
    }

    /** The distance from (x, y) to the nearest edge, or `reach` if none is nearer. */
    edgeDistance(x: number, y: number): number {
        const near = this.nearAt(y);
        const { xs, ys, reach } = this;
        const n = xs.length;
        let best = reach;
        for (let k = 0; k < near.length; k++) {
            const i = near[k];
            const j = i + 1 === n ? 0 : i + 1;
            const ax = xs[i];
            const bx = xs[j];
            if ((ax < bx ? ax : bx) - reach > x || (ax > bx ? ax : bx) + reach < x) continue;
            const ay = ys[i];
            const dx = bx - ax;
            const dy = ys[j] - ay;
            const lengthSquared = dx * dx + dy * dy;
            const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
            const d = Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
            if (d < best) best = d;
        }
        return best;
    }

    /** Where the row's horizontal line crosses the edges (for `contains`). */
    private crossingsAt(y: number): Float64Array {
        let row = this.crossingRows.get(y);
        if (row) return row;
        const { xs, ys } = this;
        const crossings: number[] = [];
        // The same test and arithmetic as insidePolygon, whose edge runs from point i to point j = i − 1.
        for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) !== (ys[j] > y)) crossings.push(((xs[j] - xs[i]) * (y - ys[i])) / (ys[j] - ys[i]) + xs[i]);
        }
        row = Float64Array.from(crossings);
        this.crossingRows.set(y, row);
        return row;
    }

    /** The edges within `reach` of the row vertically (for `edgeDistance`). */
    private nearAt(y: number): Int32Array {
        let row = this.nearRows.get(y);
        if (row) return row;
        const { xs, ys, reach } = this;
        const near: number[] = [];
        for (let i = 0; i < xs.length; i++) {
            const j = i + 1 === xs.length ? 0 : i + 1;
            if (Math.min(ys[i], ys[j]) - reach <= y && Math.max(ys[i], ys[j]) + reach >= y) near.push(i);
        }
        row = Int32Array.from(near);
        this.nearRows.set(y, row);
        return row;
    }
}

export function insidePolygon(p: Point, polygon: Point[]): boolean {
    let inside = false;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
        const a = polygon[i];
        const b = polygon[j];
        if ((a.y > p.y) !== (b.y > p.y) && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
}

/** Positive when the polygon runs clockwise on screen (y grows downwards). */
export function signedArea(polygon: Point[]): number {
    let sum = 0;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) sum += (polygon[j].x * polygon[i].y) - (polygon[i].x * polygon[j].y);
    return sum / 2;
}

/** A smooth path through the points (Catmull–Rom as cubic Béziers), in SVG path data. */
export function smoothPath(points: Point[]): string {
    const parts = [`M ${f(points[0].x)} ${f(points[0].y)}`];
    for (let i = 0; i + 1 < points.length; i++) {
        const p0 = points[Math.max(0, i - 1)];
        const p1 = points[i];
        const p2 = points[i + 1];
        const p3 = points[Math.min(points.length - 1, i + 2)];
        const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
        const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
        parts.push(`C ${f(c1.x)} ${f(c1.y)} ${f(c2.x)} ${f(c2.y)} ${f(p2.x)} ${f(p2.y)}`);
    }
    return parts.join(' ');
}

/** The point at `fraction` of a polyline's length, and the direction there (radians). */
export function alongPolyline(points: Point[], fraction: number): { at: Point; angle: number } {
    const lengths = points.slice(1).map((p, i) => distance(points[i], p));
    const total = lengths.reduce((a, b) => a + b, 0);
    let remaining = Math.max(0, Math.min(1, fraction)) * total;
    for (let i = 0; i < lengths.length; i++) {
        if (remaining <= lengths[i] || i === lengths.length - 1) {
            const t = lengths[i] === 0 ? 0 : Math.min(1, remaining / lengths[i]);
            const a = points[i];
            const b = points[i + 1];
            return { at: { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }, angle: Math.atan2(b.y - a.y, b.x - a.x) };
        }
        remaining -= lengths[i];
    }
    return { at: points[0], angle: 0 };
}

export function polylineLength(points: Point[]): number {
    return points.slice(1).reduce((sum, p, i) => sum + distance(points[i], p), 0);
}

/**
 * Coordinates to one decimal: stable text, small files. Written from the integer number of tenths
 * (what `(Math.round(value * 10) / 10).toString()` prints, digit for digit): a drawing writes
 * thousands of coordinates, and an integer turns into text much faster than a fraction does.
 */
export function f(value: number): string {
    const tenths = Math.round(value * 10);
    if (!Number.isSafeInteger(tenths)) return (tenths / 10).toString();
    const whole = Math.trunc(tenths / 10);
    const tenth = Math.abs(tenths % 10);
    if (tenth === 0) return `${whole}`;
    return `${tenths < 0 && whole === 0 ? '-0' : whole}.${tenth}`;
}
