/**
 * The course of each link. Links along the rim or an ear follow their arc; a link against that
 * direction runs just inside it; any other link between wheel nodes curves inwards, deeper the
 * wider the angle it spans (so links over nested stretches nest instead of crossing); links to
 * the hub or to drivers off the wheel are near-straight. A pair of links both ways bows apart.
 */
import RBush, { type BBox } from 'rbush';
import { distance, distanceToSegment, extentOf, type Point, polar } from './geometry.js';
import type { RenderLink } from './model.js';
import { shortestTurn, type WheelPlan } from './wheel-plan.js';

export type LinkShape = 'rim' | 'inner' | 'chord' | 'spoke';

export interface Route {
    shape: LinkShape;
    /** From the source's centre to the target's. */
    full: Point[];
    /** Cut back to the nodes' edges: what is drawn, the arrowhead at its end. */
    drawn: Point[];
}

export interface RouteEnds {
    center: Point;
    plan: WheelPlan;
    /** Every node's centre and radius. */
    centers: Map<number, Point>;
    radii: Map<number, number>;
    links: RenderLink[];
}

/** Room left between a node's edge and a link's start, and before the arrowhead's tip. */
const START_GAP = 2;
const END_GAP = 5;

export function routeLinks(ends: RouteEnds): Route[] {
    const pairs = new Set(ends.links.map(l => `${l.source} ${l.target}`));
    // The nodes in an R-tree: a course looks only at the nodes near it.
    const nodes = new RBush<NodeItem>();
    nodes.load([...ends.centers].map(([node, c]) => {
        const r = ends.radii.get(node)! + 5;
        return { minX: c.x - r, minY: c.y - r, maxX: c.x + r, maxY: c.y + r, node, center: c, room: r };
    }));
    return ends.links.map(link => routeLink(link, ends, nodes, pairs.has(`${link.target} ${link.source}`)));
}

interface NodeItem extends BBox {
    node: number;
    center: Point;
    room: number;
}

function routeLink(link: RenderLink, ends: RouteEnds, nodes: RBush<NodeItem>, bothWays: boolean): Route {
    const { plan, center } = ends;
    const s = plan.at.get(link.source);
    const t = plan.at.get(link.target);
    const side = link.source < link.target ? 1 : -1;
    const from = ends.centers.get(link.source)!;
    const to = ends.centers.get(link.target)!;
    let shape: LinkShape;
    let course: (detour: number) => Point[];
    if (!s || !t || s.level < 0 || t.level < 0) {
        shape = 'spoke';
        // Both ways: each bows to its own left, so the pair makes a lens (the normal turns with the direction).
        course = detour => bowed(from, to, (bothWays ? 30 : 0) + detour);
    } else {
        const forward = plan.along.get(`${link.source} ${link.target}`);
        const backward = plan.along.get(`${link.target} ${link.source}`);
        const turn = shortestTurn(t.angle - s.angle);
        if (bothWays && (forward !== undefined || backward !== undefined) && !(s.level === 0 && t.level === 0)) {
            // A pair off the rim (a petal): each bows to its own left, making a lens.
            shape = 'inner';
            course = detour => bowed(from, to, 20 + detour);
        } else if (forward !== undefined) {
            shape = s.level === 0 && t.level === 0 ? 'rim' : 'inner';
            course = detour => polarCurve(center, s, t, forward, detour);
        } else if (backward !== undefined) {
            shape = 'inner';
            course = detour => polarCurve(center, s, t, -backward, 20 + detour);
        } else if (Math.abs(turn) <= SHORT_TURN) {
            // Between near neighbours: an arc dipping towards the hub, deeper the wider it spans.
            shape = 'chord';
            const depth = 26 + (Math.abs(turn) / Math.PI) * 0.8 * Math.min(s.radius, t.radius);
            course = detour => polarCurve(center, s, t, turn, depth + (bothWays ? 16 * side : 0) + Math.abs(detour));
        } else {
            // Across the wheel: a curve bending towards the hub.
            shape = 'chord';
            course = detour => bent(from, to, center, 0.35, (bothWays ? 18 : 0) + detour);
        }
    }
    // Around any node in the way: the first detour that passes none.
    let best: { drawn: Point[]; full: Point[]; hits: number; detour: number } | undefined;
    for (const detour of DETOURS) {
        const full = course(detour);
        const drawn = cut(full, from, ends.radii.get(link.source)! + START_GAP, to, ends.radii.get(link.target)! + END_GAP);
        const hits = nodesHit(drawn, link, nodes);
        if (!best || hits < best.hits) best = { drawn, full, hits, detour };
        if (hits === 0) break;
    }
    // A rim link that had to leave the rim is no longer an arc of it.
    return { shape: shape === 'rim' && best!.detour !== 0 ? 'inner' : shape, full: best!.full, drawn: best!.drawn };
}

const SHORT_TURN = (80 * Math.PI) / 180;
const DETOURS = [0, 26, -26, 52, -52, 80, -80];

/** How many nodes (other than its ends) a course passes through, with a little room round each. */
function nodesHit(course: Point[], link: RenderLink, nodes: RBush<NodeItem>): number {
    let hits = 0;
    for (const item of nodes.search(extentOf(course))) {
        if (item.node === link.source || item.node === link.target) continue;
        for (let i = 0; i + 1 < course.length; i++) {
            if (distanceToSegment(item.center, course[i], course[i + 1]) < item.room) {
                hits++;
                break;
            }
        }
    }
    return hits;
}

/**
 * From s to t turning by `turn` about the centre, the radius moving from one to the other and
 * dipping `dip` towards the centre in the middle.
 */
function polarCurve(center: Point, s: { angle: number; radius: number }, t: { angle: number; radius: number }, turn: number, dip: number): Point[] {
    const along = Math.abs(turn) * Math.max(s.radius, t.radius) + Math.abs(t.radius - s.radius) + dip;
    const steps = Math.max(4, Math.min(24, Math.ceil(along / 18)));
    const floor = Math.min(s.radius, t.radius) * 0.12;
    return Array.from({ length: steps + 1 }, (_, i) => {
        const u = i / steps;
        const radius = Math.max(floor, s.radius + (t.radius - s.radius) * u - dip * Math.sin(Math.PI * u));
        return polar(center, radius, s.angle + turn * u);
    });
}

/** A quadratic curve from a to b whose control point is pulled towards `center` by `pull`, and `aside` sideways. */
function bent(a: Point, b: Point, center: Point, pull: number, aside: number): Point[] {
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const length = distance(a, b) || 1;
    const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
    const control = { x: mid.x + (center.x - mid.x) * pull + normal.x * aside, y: mid.y + (center.y - mid.y) * pull + normal.y * aside };
    const steps = 16;
    return Array.from({ length: steps + 1 }, (_, i) => {
        const u = i / steps;
        const [wa, wc, wb] = [(1 - u) * (1 - u), 2 * u * (1 - u), u * u];
        return { x: wa * a.x + wc * control.x + wb * b.x, y: wa * a.y + wc * control.y + wb * b.y };
    });
}

/** A line from a to b bowed sideways by `bow` at its middle. */
function bowed(a: Point, b: Point, bow: number): Point[] {
    const length = distance(a, b) || 1;
    const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
    const steps = bow === 0 ? 1 : 8;
    return Array.from({ length: steps + 1 }, (_, i) => {
        const u = i / steps;
        const offset = bow * Math.sin(Math.PI * u);
        return { x: a.x + (b.x - a.x) * u + normal.x * offset, y: a.y + (b.y - a.y) * u + normal.y * offset };
    });
}

/** The polyline without what lies within `r1` of c1 at its start and within `r2` of c2 at its end. */
function cut(points: Point[], c1: Point, r1: number, c2: Point, r2: number): Point[] {
    let result = points;
    let i = 0;
    while (i + 1 < result.length && distance(result[i + 1], c1) < r1) i++;
    result = [boundary(result[i], result[i + 1] ?? result[i], c1, r1), ...result.slice(i + 1)];
    let j = result.length - 1;
    while (j - 1 > 0 && distance(result[j - 1], c2) < r2) j--;
    result = [...result.slice(0, j), boundary(result[j], result[j - 1] ?? result[j], c2, r2)];
    return result.length >= 2 ? result : [points[0], points[points.length - 1]];
}

/** On the segment from `inside` to `outside`, the point at distance r from c (the segment crosses that circle). */
function boundary(inside: Point, outside: Point, c: Point, r: number): Point {
    if (distance(outside, c) < r) return outside;
    // |inside + t·d − c| = r, for the t in [0, 1] where the segment leaves the circle.
    const d = { x: outside.x - inside.x, y: outside.y - inside.y };
    const m = { x: inside.x - c.x, y: inside.y - c.y };
    const a = d.x * d.x + d.y * d.y;
    const b = 2 * (m.x * d.x + m.y * d.y);
    const k = m.x * m.x + m.y * m.y - r * r;
    const t = a === 0 ? 0 : Math.min(1, Math.max(0, (-b + Math.sqrt(Math.max(0, b * b - 4 * a * k))) / (2 * a)));
    return { x: inside.x + d.x * t, y: inside.y + d.y * t };
}
