/**
 * The visual diff: the new version of a flywheel drawn by the same layout and SVG as the preview,
 * with what changed marked (core/change-overlay.ts says what). Added drivers and links are ringed
 * and underlined in green; removed ones stay, ghosted in pink and dashed, where the old drawing had
 * them; changed ones are ringed in orange, with a note under the driver (`was merchants`,
 * `now cost`) or a tag on the link (`was reinforcing`, `now delayed`); gained, changed and lost
 * loops are marked in the legend. An unchanged wheel is the plain drawing, byte for byte.
 *
 * Stable layout: every node the two versions share stands exactly where the old version's
 * drawing put it (relative to the wheel's centre), and removed ones where they were. Added nodes
 * go where the new version's own drawing would put them, turned and scaled into the old frame by
 * the shared nodes around them, then moved to the nearest free spot.
 */
import type { ChangeOverlay, LinkMark, NodeMark } from '../core/change-overlay.js';
import { type Arrow, isDelayed, signOf } from '../core/analysis/graph.js';
import type { LoopInfo } from '../core/semantic-diff.js';
import { distance, polar, type Point } from './geometry.js';
import { DRIVER_RADIUS, layoutWheel, type NodePlacement, placeNodes } from './layout.js';
import type { RenderLink, RenderModel, RenderNode } from './model.js';
import { type DrawingMarks, drawLayout, type KeyItem, type LegendRow, loopPieces, type Mark, renderSvg, type SvgOptions, type Theme } from './svg.js';
import { mod, type PolarPlace, type WheelPlan } from './wheel-plan.js';

/** The diff's colours, beside the drawing's own (svg.ts THEMES). */
export const CHANGE_COLOURS: Record<Theme, Record<'added' | 'removed' | 'changed', string>> = {
    light: { added: '#1a7f37', removed: '#bf3989', changed: '#bc4c00' },
    dark: { added: '#3fb950', removed: '#db61a2', changed: '#f0883e' }
};

/** Two nodes' centres are never closer than this when an added node is fitted in. */
const NODE_SPACING = 2 * DRIVER_RADIUS + 46;

export function renderChangeSvg(before: RenderModel | undefined, after: RenderModel | undefined, overlay: ChangeOverlay, options: SvgOptions = {}): string {
    if (after && overlay.unchanged) return renderSvg(after, options);
    const base = after ?? { ...before!, nodes: [], links: [], loops: [], innerLoops: [], initiatives: [], diagnostics: [], loopsComplete: true };
    const union = withGhosts(base, before, overlay);
    const placement = stablePlacement(union, before, after, overlay);
    const notes = new Map<number, string>();
    const tags = new Map<number, string>();
    const nodeMarks = new Map<number, Mark>();
    const linkMarks = new Map<number, Mark>();
    overlay.nodes.forEach((mark, j) => {
        if (!mark) return;
        const note = nodeNote(mark, base.nodes[j].name);
        if (note) notes.set(j, note);
        nodeMarks.set(j, { change: mark.change, text: note ?? mark.change });
    });
    overlay.removedNodes.forEach((_, k) => {
        notes.set(base.nodes.length + k, 'removed');
        nodeMarks.set(base.nodes.length + k, { change: 'removed', text: 'removed' });
    });
    overlay.links.forEach((mark, l) => {
        if (!mark) return;
        const tag = linkTag(mark, base.links[l]);
        if (tag) tags.set(l, tag);
        linkMarks.set(l, { change: mark.change, text: tag ?? mark.change });
    });
    overlay.removedLinks.forEach((_, k) => linkMarks.set(base.links.length + k, { change: 'removed', text: 'removed' }));
    const loopMarks = new Map<string, Mark>([
        ...overlay.loopsGained.map((loop): [string, Mark] => [loop.id, { change: 'added', text: 'new' }]),
        ...overlay.loopsChanged.map(({ from, to }): [string, Mark] => [to.id, { change: 'changed', text: loopChange(from, to) }])
    ]);
    const theme = options.theme ?? 'light';
    const marks: DrawingMarks = {
        node: index => nodeMarks.get(index),
        link: index => linkMarks.get(index),
        loop: id => loopMarks.get(id),
        initiative: name => overlay.initiatives.get(name),
        title: titleMark(overlay),
        legend: [...lostLoopRows(overlay.loopsLost, before), ...removedInitiativeRows(overlay.initiativesRemoved)],
        key: KEY,
        css: CHANGE_CSS.replace(/var\(--fw-(added|removed|changed)\)/g, (_, name: 'added' | 'removed' | 'changed') => CHANGE_COLOURS[theme][name])
    };
    return drawLayout(union, layoutWheel(union, { placement, notes, tags }), options, marks);
}

/** The new version's model with the removed nodes and links appended, as they were. */
function withGhosts(base: RenderModel, before: RenderModel | undefined, overlay: ChangeOverlay): RenderModel {
    const n = base.nodes.length;
    const ghosts = overlay.removedNodes.map(({ old }, k): RenderNode => {
        const was = before!.nodes[old];
        // A removed goal is drawn as a ghost driver: the new version's goal is the goal.
        return { index: n + k, name: was.name, label: was.label, kinds: was.kinds, placement: was.placement === 'off' ? 'off' : 'wheel', loops: [], singlePointOfFailure: false };
    });
    const end = (e: ChangeOverlay['removedLinks'][number]['source']) => ('node' in e ? e.node : n + e.removed);
    const ghostLinks = overlay.removedLinks.map((removed, k): RenderLink => {
        const was = before!.links[removed.old];
        return { ...was, index: base.links.length + k, source: end(removed.source), target: end(removed.target), range: undefined };
    });
    return { ...base, nodes: [...base.nodes, ...ghosts], links: [...base.links, ...ghostLinks] };
}

/**
 * Shared nodes where the old drawing had them, removed ones too; added ones fitted in. The
 * routes need a wheel plan: each placed node's polar place, and which links follow the rim or an
 * inner arc (the old plan's, else the new one's, with the sweep recomputed from where the ends now are).
 */
function stablePlacement(union: RenderModel, before: RenderModel | undefined, after: RenderModel | undefined, overlay: ChangeOverlay): NodePlacement {
    const old = before ? placeNodes(before) : { centers: new Map<number, Point>() };
    const now = after ? placeNodes(after) : { centers: new Map<number, Point>() };
    const n = after?.nodes.length ?? 0;
    const oldOf = new Map<number, number>();
    for (const [i, j] of overlay.matching) oldOf.set(j, i);
    overlay.removedNodes.forEach((r, k) => oldOf.set(n + k, r.old));
    const centers = new Map<number, Point>();
    for (const [u, i] of oldOf) centers.set(u, old.centers.get(i)!);

    const oldRadius = old.plan?.wheelRadius ?? now.plan?.wheelRadius ?? 190;
    const scale = oldRadius / (now.plan?.wheelRadius ?? oldRadius);
    const turn = angleMap([...overlay.matching].map(([i, j]) => [now.centers.get(j)!, old.centers.get(i)!]));
    for (let j = 0; j < n; j++) {
        if (oldOf.has(j)) continue;
        const wanted = now.centers.get(j)!;
        const r = Math.hypot(wanted.x, wanted.y) * scale;
        centers.set(j, freeSpot(r, turn(Math.atan2(wanted.y, wanted.x)), centers));
    }
    if (!old.plan && !now.plan) return { centers };

    const at = new Map<number, PolarPlace>();
    for (const [u, c] of centers) {
        const level = (oldOf.has(u) ? old.plan?.at.get(oldOf.get(u)!)?.level : undefined) ?? (u < n ? now.plan?.at.get(u)?.level : undefined);
        if (level !== undefined) at.set(u, { angle: Math.atan2(c.y, c.x), radius: level < 0 ? 0 : Math.hypot(c.x, c.y), level });
    }
    const along = new Map<string, number>();
    for (const link of union.links) {
        const [s, t] = [at.get(link.source), at.get(link.target)];
        if (!s || !t) continue;
        const [os, ot] = [oldOf.get(link.source), oldOf.get(link.target)];
        const sweepBefore = os !== undefined && ot !== undefined ? old.plan?.along.get(`${os} ${ot}`) : undefined;
        const sweepNow = link.source < n && link.target < n ? now.plan?.along.get(`${link.source} ${link.target}`) : undefined;
        const sweep = sweepBefore ?? sweepNow;
        if (!sweep) continue;
        const delta = t.angle - s.angle;
        along.set(`${link.source} ${link.target}`, sweep > 0 ? mod(delta, 2 * Math.PI) : -mod(-delta, 2 * Math.PI));
    }
    const hub = old.plan?.hub ?? now.plan?.hub ?? false;
    const plan: WheelPlan = { hub, rim: [], at, along, wheelRadius: oldRadius };
    return { plan, centers };
}

/**
 * New-drawing angles to old-drawing angles, piecewise linear between the shared nodes (sorted
 * round the wheel by their new angle); with one shared node a turn, with none the identity.
 */
function angleMap(pairs: Array<[Point, Point]>): (angle: number) => number {
    const anchors = pairs.filter(([a, b]) => Math.hypot(a.x, a.y) > 1 && Math.hypot(b.x, b.y) > 1)
        .map(([a, b]) => ({ now: mod(Math.atan2(a.y, a.x), 2 * Math.PI), was: Math.atan2(b.y, b.x) }))
        .sort((a, b) => a.now - b.now);
    if (anchors.length === 0) return angle => angle;
    return angle => {
        const at = mod(angle, 2 * Math.PI);
        let k = anchors.findIndex(a => a.now > at) - 1;
        if (k < 0) k = anchors.length - 1;
        const [a, b] = [anchors[k], anchors[(k + 1) % anchors.length]];
        const spanNow = mod(b.now - a.now, 2 * Math.PI) || 2 * Math.PI;
        const spanWas = mod(b.was - a.was, 2 * Math.PI) || 2 * Math.PI;
        return a.was + (mod(at - a.now, 2 * Math.PI) / spanNow) * spanWas;
    };
}

/** The nearest spot to (r, angle) at NODE_SPACING from every placed centre: along the circle first, then further out. */
function freeSpot(r: number, angle: number, placed: Map<number, Point>): Point {
    const free = (p: Point) => [...placed.values()].every(c => distance(c, p) >= NODE_SPACING);
    for (const radius of r < 1 ? [0, NODE_SPACING, 2 * NODE_SPACING] : [r, r - 40, r + 40, r + 90, r + 140, r + 200]) {
        const step = radius < 1 ? 0 : 24 / radius;
        for (let k = 0; k <= (step === 0 ? 0 : Math.ceil(Math.PI / step)); k++) {
            for (const side of k === 0 ? [0] : [1, -1]) {
                const p = polar({ x: 0, y: 0 }, radius, angle + side * k * step);
                if (free(p)) return p;
            }
        }
    }
    return polar({ x: 0, y: 0 }, r + 260, angle);
}

/** Under a changed driver, in a few words: what it was, what it is now. */
function nodeNote(mark: NodeMark, name: string): string | undefined {
    const parts = [
        mark.change === 'added' ? 'new' : undefined,
        mark.renamedFrom !== undefined ? `renamed ${mark.renamedFrom} → ${name}` : undefined,
        mark.relabelled ? (mark.relabelled.from === undefined ? 'label added' : `was “${mark.relabelled.from}”`) : undefined,
        ...mark.kindsGained.map(kind => `now ${kind}`),
        ...mark.kindsLost.map(kind => `no longer ${kind}`),
        mark.becameGoal ? 'now the goal' : undefined,
        mark.descriptionChanged ? 'description changed' : undefined
    ].filter((part): part is string => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
}

/** On a changed link: what its arrow and label were. */
function linkTag(mark: LinkMark, link: RenderLink): string | undefined {
    const parts: string[] = [];
    if (mark.arrowFrom) parts.push(...arrowChange(mark.arrowFrom, link));
    if (mark.relabelled) parts.push(mark.relabelled.from === undefined ? 'label added' : `was “${mark.relabelled.from}”`);
    return parts.length > 0 ? parts.join(', ') : undefined;
}

function arrowChange(from: Arrow, link: RenderLink): string[] {
    const parts: string[] = [];
    if ((signOf(from) < 0) !== link.dampening) parts.push(`was ${signOf(from) < 0 ? 'dampening' : 'reinforcing'}`);
    if (isDelayed(from) !== link.delayed) parts.push(link.delayed ? 'now delayed' : 'no longer delayed');
    return parts;
}

/** A loop along the same nodes that now brakes or waits: its old id changes with its polarity. */
function loopChange(from: LoopInfo, to: LoopInfo): string {
    const parts = [
        from.polarity !== to.polarity ? `was ${from.id}, ${from.polarity}` : undefined,
        from.delayed !== to.delayed ? (to.delayed ? 'was not delayed' : 'no longer delayed') : undefined
    ];
    return parts.filter(Boolean).join(', ');
}

function titleMark(overlay: ChangeOverlay): Mark | undefined {
    const parts = [
        overlay.diff.status === 'added' ? 'new flywheel' : overlay.diff.status === 'removed' ? 'removed' : undefined,
        overlay.renamedFrom !== undefined ? `was ${overlay.renamedFrom}` : undefined,
        overlay.relabelledFrom ? (overlay.relabelledFrom.from === undefined ? 'title added' : `was “${overlay.relabelledFrom.from}”`) : undefined
    ].filter((part): part is string => part !== undefined);
    if (parts.length === 0) return undefined;
    const change = overlay.diff.status === 'added' ? 'added' : overlay.diff.status === 'removed' ? 'removed' : overlay.renamedFrom !== undefined ? 'renamed' : 'changed';
    return { change, text: `(${parts.join(', ')})` };
}

/** The loops the old version had and the new one does not, in the old version's words. */
function lostLoopRows(lost: LoopInfo[], before: RenderModel | undefined): LegendRow[] {
    if (lost.length === 0 || !before) return [];
    const labelOf = new Map(before.nodes.map(node => [node.name, node.label]));
    return [
        { parts: [{ text: 'Loops lost', className: 'heading' }], change: 'removed' },
        ...lost.map((loop): LegendRow => {
            const arrows = loop.arrows.map(arrow => ({ dampening: signOf(arrow) < 0, delayed: isDelayed(arrow) }));
            const pieces = loopPieces(loop.nodes.map(name => labelOf.get(name) ?? name), arrows);
            const kind = loop.polarity === 'reinforcing' ? 'reinforcing' : 'balancing';
            return { parts: [{ text: loop.id, className: `loop-id ${kind}` }, { text: ` ${pieces.join(' ')}${loop.delayed ? ' (delayed)' : ''}` }], change: 'removed' };
        })
    ];
}

/** The initiatives the old version had and the new one does not (an initiative has no place on the wheel to ghost it at). */
function removedInitiativeRows(removed: ChangeOverlay['initiativesRemoved']): LegendRow[] {
    if (removed.length === 0) return [];
    return [
        { parts: [{ text: 'Initiatives removed', className: 'heading' }], change: 'removed' },
        ...removed.map(({ name, label }): LegendRow => ({ parts: [{ text: label === name ? name : `${label} (${name})` }], change: 'removed' }))
    ];
}

const KEY: KeyItem[] = [
    { sample: 22, text: 'added', draw: (x, y) => `<g class="change-sample added"><circle cx="${x + 9}" cy="${y}" r="8"/></g>` },
    { sample: 22, text: 'removed (where it was)', draw: (x, y) => `<g class="change-sample removed"><circle cx="${x + 9}" cy="${y}" r="8"/></g>` },
    { sample: 22, text: 'changed (what it was beside it)', draw: (x, y) => `<g class="change-sample changed"><circle cx="${x + 9}" cy="${y}" r="8"/></g>` }
];

/**
 * The marks' looks, in `var(--fw-added)`, `var(--fw-removed)` and `var(--fw-changed)`: written in
 * per theme for a standalone drawing, mapped to the editor's theme by a page that shows it.
 */
export const CHANGE_CSS = `
.flywheel .change-ring { fill: none; stroke-width: 4; }
.flywheel .loop-marker .change-ring { stroke-width: 2.5; }
.flywheel [data-change="added"] > .change-ring { stroke: var(--fw-added); }
.flywheel [data-change="changed"] > .change-ring, .flywheel [data-change="renamed"] > .change-ring { stroke: var(--fw-changed); }
.flywheel .link .change-halo { fill: none; stroke-width: 9; stroke-linecap: round; stroke-opacity: 0.45; }
.flywheel .link[data-change="added"] .change-halo { stroke: var(--fw-added); }
.flywheel .link[data-change="changed"] .change-halo { stroke: var(--fw-changed); }
.flywheel .node .note.change-note, .flywheel .title .change-note { fill: var(--fw-changed); font-style: normal; font-weight: 700; }
.flywheel .node[data-change="added"] .note.change-note, .flywheel .title[data-change="added"] .change-note { fill: var(--fw-added); }
.flywheel .change-tag { fill: var(--fw-changed); font-size: 11px; font-weight: 700; text-anchor: middle; stroke: var(--fw-bg); stroke-width: 4; stroke-linejoin: round; paint-order: stroke; }
.flywheel [data-change="removed"] { opacity: 0.7; }
.flywheel [data-change="removed"] > .change-ring, .flywheel [data-change="removed"] .change-halo { stroke: none; }
.flywheel .node[data-change="removed"] circle.body { fill: var(--fw-bg); stroke: var(--fw-removed); stroke-dasharray: 3 3; }
.flywheel .node[data-change="removed"] .label, .flywheel .node[data-change="removed"] .note.change-note, .flywheel .title[data-change="removed"] .change-note { fill: var(--fw-removed); }
.flywheel .link[data-change="removed"] path.course { stroke: var(--fw-removed); stroke-dasharray: 5 4; }
.flywheel .link[data-change="removed"] .minus, .flywheel .link[data-change="removed"] .link-label { fill: var(--fw-removed); }
.flywheel .link[data-change="removed"] .delay-mark { stroke: var(--fw-removed); }
.flywheel .legend text[data-change="added"] { fill: var(--fw-added); }
.flywheel .legend text[data-change="changed"] { fill: var(--fw-changed); }
.flywheel .legend text[data-change="removed"], .flywheel .legend text[data-change="removed"] tspan { fill: var(--fw-removed); }
.flywheel .initiative[data-change="added"] rect.tag { stroke: var(--fw-added); stroke-width: 2.5; }
.flywheel .initiative[data-change="changed"] rect.tag { stroke: var(--fw-changed); stroke-width: 2.5; }
.flywheel .key .change-sample circle { fill: var(--fw-node); stroke-width: 3; }
.flywheel .key .change-sample.added circle { stroke: var(--fw-added); }
.flywheel .key .change-sample.changed circle { stroke: var(--fw-changed); }
.flywheel .key .change-sample.removed circle { stroke: var(--fw-removed); stroke-width: 2; stroke-dasharray: 3 3; }
`;
