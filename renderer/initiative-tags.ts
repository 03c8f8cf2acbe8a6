/**
 * Initiatives as small tags outside the rim, each pointing at what it pushes. A tag goes where it
 * covers nothing already on the page (nodes, labels, marks, link lines, other tags), near the
 * drivers it points at, and preferably where its pointers cross no node, label or mark; it tries a fixed
 * list of places, so the drawing stays a pure function of the model.
 */
import { type Occupancy, textWidth, wrapText } from './annotations.js';
import { type Box, distance, type Point, polar } from './geometry.js';
import type { RenderInitiative, RenderModel } from './model.js';

export const TAG_FONT_SIZE = 11;
export const TAG_LINE_HEIGHT = TAG_FONT_SIZE + 2;
const TAG_CHARS = 20;
const TAG_LINES = 2;
const TAG_PADDING = 6;
/** How far outside the rim a tag's nearest edge may stand, and how far to each side of its drivers' angle. */
const DISTANCES = [14, 40, 70, 104, 142, 184, 230, 280, 334];
const ANGLE_STEP = 0.13;
const ANGLE_STEPS = 10;

export interface InitiativeLayout {
    initiative: RenderInitiative;
    box: Box;
    lines: string[];
    truncated: boolean;
    /** One per link, from the tag's edge to the pushed node's edge (the arrowhead's end). */
    pointers: Array<{ target: number; dampening: boolean; delayed: boolean; from: Point; to: Point }>;
}

export function placeInitiativeTags(
    model: RenderModel, centers: Map<number, Point>, radii: Map<number, number>, origin: Point, wheelRadius: number, occupancy: Occupancy
): InitiativeLayout[] {
    let unlinked = 0;
    return model.initiatives.map(initiative => {
        const { lines, truncated } = wrapText(initiative.label, TAG_CHARS, TAG_LINES);
        const width = textWidth(lines, TAG_FONT_SIZE) + 2 * TAG_PADDING;
        const height = lines.length * TAG_LINE_HEIGHT + TAG_PADDING;
        const targets = [...new Set(initiative.pushes.map(p => p.target))];
        // One that pushes nothing waits below the wheel, beside the others like it.
        const angle = targets.length > 0 ? meanAngle(targets.map(t => centers.get(t)!), origin) : Math.PI / 2 + 0.35 * unlinked++;
        const owner = `initiative ${initiative.index}`;
        const box = bestPlace(centers, radii, origin, wheelRadius, occupancy, owner, targets, angle, width, height);
        occupancy.addBox(box, 'label', owner);
        const pointers = initiative.pushes.map(push => {
            const center = centers.get(push.target)!;
            const from = nearestOnBox(box, center);
            const along = distance(from, center) || 1;
            const reach = radii.get(push.target)! + 4;
            const to = { x: center.x + ((from.x - center.x) / along) * reach, y: center.y + ((from.y - center.y) / along) * reach };
            return { target: push.target, dampening: push.dampening, delayed: push.delayed, from, to };
        });
        return { initiative, box, lines, truncated, pointers };
    });
}

/**
 * The first free place, trying each distance from the rim over a fan of angles: first where the
 * pointers also miss every other node, then anywhere free of lines, then anywhere free of things.
 */
function bestPlace(
    centers: Map<number, Point>, radii: Map<number, number>, origin: Point, wheelRadius: number,
    occupancy: Occupancy, owner: string, targets: number[], angle: number, width: number, height: number
): Box {
    const candidates: Box[] = [];
    for (const reach of DISTANCES) {
        for (let step = 0; step <= 2 * ANGLE_STEPS; step++) {
            const turn = step === 0 ? 0 : (step % 2 === 1 ? 1 : -1) * Math.ceil(step / 2) * ANGLE_STEP;
            candidates.push(outside(origin, wheelRadius + reach, angle + turn, width, height));
        }
    }
    // A pointer ends at its node's edge, where the node's own badges are: those it may pass.
    const pointersClear = (box: Box) => targets.every(target => {
        const center = centers.get(target)!;
        const from = nearestOnBox(box, center);
        const along = distance(from, center) || 1;
        const reach = radii.get(target)! + 4;
        const to = { x: center.x + ((from.x - center.x) / along) * reach, y: center.y + ((from.y - center.y) / along) * reach };
        return occupancy.isSegmentFree(from, to, `n${target}`);
    });
    return candidates.find(box => occupancy.isFree(box, owner, { lines: true }) && pointersClear(box))
        ?? candidates.find(box => occupancy.isFree(box, owner, { lines: true }))
        ?? candidates.find(box => occupancy.isFree(box, owner))
        ?? candidates[candidates.length - 1];
}

/** A box in the direction `angle` whose nearest point to `origin` is `clearance` away (never on the rim's band). */
function outside(origin: Point, clearance: number, angle: number, width: number, height: number): Box {
    let reach = clearance;
    let box: Box = { x: 0, y: 0, width, height };
    // Its centre moves out until its nearest corner or edge is clear; a few steps settle it.
    for (let step = 0; step < 4; step++) {
        const at = polar(origin, reach, angle);
        box = { x: at.x - width / 2, y: at.y - height / 2, width, height };
        const short = clearance - distance(nearestOnBox(box, origin), origin);
        if (short <= 0.5) break;
        reach += short;
    }
    return box;
}

/** The direction of the points' average, seen from `origin`. */
function meanAngle(points: Point[], origin: Point): number {
    let [x, y] = [0, 0];
    for (const p of points) {
        const d = distance(p, origin) || 1;
        x += (p.x - origin.x) / d;
        y += (p.y - origin.y) / d;
    }
    return Math.hypot(x, y) < 1e-6 ? Math.atan2(points[0].y - origin.y, points[0].x - origin.x) : Math.atan2(y, x);
}

/** The point of the box's edge nearest to `p` (outside the box). */
function nearestOnBox(box: Box, p: Point): Point {
    return { x: Math.min(Math.max(p.x, box.x), box.x + box.width), y: Math.min(Math.max(p.y, box.y), box.y + box.height) };
}
