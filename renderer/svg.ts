/**
 * The layout as SVG text. Every piece of text from a `.fly` file (names, labels, doc comments,
 * messages) goes through `escapeXml`, so it is never read as markup. Colours are CSS custom
 * properties with light and dark defaults, so the VS Code preview can map them to its theme.
 *
 * The structure, which the contract's drawing hooks and tools (the visual diff) build on:
 *   svg.flywheel[data-flywheel]
 *     circle.wheel-rim (the rim's band; not drawn for a hub-shaped wheel)
 *     g.links > g.link[data-link][data-source][data-target][data-label?][data-loops]
 *                 > title, path.course (arrowhead as marker-end), text.minus?, path.delay-mark?, text.link-label?
 *     g.initiatives > g.initiative[data-initiative] > title, path.pointer[data-target]*, rect.tag, text.tag-label
 *     g.nodes > g.node[data-node][data-index][data-loops] > title, circle.halo?, circle.failure-ring?, circle.body, g.badge*, text.label, text.note?
 *     g.loop-markers > g.loop-marker[data-loop] > title, circle, path.loop-arrow, path.loop-arrowhead, text
 *     g.legend > text rows; g.legend.key > g.link-sample, g.badge, g.node-sample, g.marker-sample (one drawn sample per glyph,
 *       none of them carrying a hook or the classes link, node or loop-marker)
 * Marks added on top (such as `data-change`) go on these groups.
 */
import { CHAR_EM, LINK_FONT_SIZE, LINK_LINE_HEIGHT } from './annotations.js';
import type { Point } from './geometry.js';
import { TAG_FONT_SIZE, TAG_LINE_HEIGHT } from './initiative-tags.js';
import { f, type InitiativeLayout, type Layout, layoutWheel, type LinkLayout, type LoopMarker, MARKED_LOOPS, type NodeLayout } from './layout.js';
import type { RenderLink, RenderModel } from './model.js';

export type Theme = 'light' | 'dark';

export interface SvgOptions {
    theme?: Theme;
    /** Embed the style sheet (exports, `flywheel render`); the preview page brings its own. */
    standalone?: boolean;
}

/** The drawing's colours, per theme. The preview maps them to VS Code's theme instead. */
export const THEMES: Record<Theme, Record<string, string>> = {
    light: {
        bg: '#ffffff', fg: '#1f2328', muted: '#59636e', rim: '#e6eaef', node: '#f6f8fa', accent: '#0969da', accenttext: '#0969da',
        goal: '#bf8700', goaledge: '#9a6700', link: '#59636e', dampen: '#cf222e', warning: '#9a6700', highlight: '#8250df'
    },
    dark: {
        bg: '#0d1117', fg: '#e6edf3', muted: '#9198a1', rim: '#262c36', node: '#151b23', accent: '#4493f8', accenttext: '#4493f8',
        goal: '#d29922', goaledge: '#d29922', link: '#9198a1', dampen: '#f85149', warning: '#d29922', highlight: '#ab7df8'
    }
};

/**
 * One font stack for the preview, its exports and `flywheel render`: named families only
 * (`system-ui` means nothing to a rasteriser such as resvg), so each machine resolves the same face.
 */
export const FONT_STACK = '"DejaVu Sans", "Segoe UI", "Helvetica Neue", Helvetica, Arial, sans-serif';

/** The shapes' looks, in terms of the colours `var(--fw-NAME)`. */
export const FLYWHEEL_CSS = `
.flywheel { font-family: ${FONT_STACK}; }
.flywheel .background { fill: var(--fw-bg); }
.flywheel text { fill: var(--fw-fg); font-size: 13px; font-weight: 400; }
.flywheel .title { font-size: 18px; font-weight: 700; }
.flywheel .wheel-rim { fill: none; stroke: var(--fw-rim); stroke-width: 12; }
.flywheel .node circle.body { fill: var(--fw-node); stroke: var(--fw-accent); stroke-width: 2.5; }
.flywheel .node.goal circle.body { fill: var(--fw-goal); stroke: var(--fw-goaledge); }
.flywheel .node.goal circle.halo { fill: none; stroke: var(--fw-goaledge); stroke-width: 2; }
.flywheel .node .label, .flywheel .node .note { stroke: var(--fw-bg); stroke-width: 3; stroke-linejoin: round; paint-order: stroke; }
.flywheel .node.goal .label { font-weight: 700; font-size: 15px; }
.flywheel .node.off circle.body { stroke: var(--fw-warning); stroke-dasharray: 4 3; }
.flywheel .node.off .label, .flywheel .node .note { fill: var(--fw-warning); }
.flywheel .node .note { font-size: 11px; font-style: italic; }
.flywheel .badge circle { fill: var(--fw-bg); stroke: var(--fw-fg); stroke-width: 1.2; }
.flywheel .badge text { font-size: 10px; font-weight: 700; text-anchor: middle; }
.flywheel .link path.course { fill: none; stroke: var(--fw-link); stroke-width: 1.8; }
.flywheel .link.rim path.course { stroke-width: 2.6; }
.flywheel .link.dampening path.course { stroke: var(--fw-dampen); }
.flywheel .link.delayed path.course { stroke-dasharray: 7 4; }
.flywheel .link .minus { fill: var(--fw-dampen); font-size: 17px; font-weight: 700; text-anchor: middle; }
.flywheel .link .delay-mark { fill: none; stroke: var(--fw-link); stroke-width: 2.2; }
.flywheel .link.dampening .delay-mark { stroke: var(--fw-dampen); }
.flywheel .link .link-label { fill: var(--fw-muted); font-size: ${LINK_FONT_SIZE}px; font-style: italic; text-anchor: middle; stroke: var(--fw-bg); stroke-width: 4; stroke-linejoin: round; paint-order: stroke; }
.flywheel .arrowhead { fill: var(--fw-link); }
.flywheel .arrowhead.dampening { fill: var(--fw-dampen); }
.flywheel .loop-marker circle { fill: var(--fw-bg); }
.flywheel .loop-marker .loop-arrow { fill: none; stroke: var(--fw-accent); stroke-width: 1.6; }
.flywheel .loop-marker .loop-arrowhead { fill: var(--fw-accent); }
.flywheel .loop-marker text { font-size: 11px; font-weight: 700; text-anchor: middle; fill: var(--fw-accenttext); }
.flywheel .loop-marker.balancing .loop-arrow { stroke: var(--fw-dampen); }
.flywheel .loop-marker.balancing .loop-arrowhead, .flywheel .loop-marker.balancing text { fill: var(--fw-dampen); }
.flywheel .legend text { font-size: 12px; fill: var(--fw-muted); }
.flywheel .legend .heading { font-weight: 700; fill: var(--fw-fg); }
.flywheel .legend .loop-id { font-weight: 700; fill: var(--fw-accenttext); }
.flywheel .legend .loop-id.balancing { fill: var(--fw-dampen); }
.flywheel .legend .inner-loop-id { font-weight: 700; fill: var(--fw-accenttext); }
.flywheel .legend .inner-loop-id.balancing { fill: var(--fw-dampen); }
.flywheel .key .link-sample path.course { fill: none; stroke: var(--fw-link); stroke-width: 1.8; }
.flywheel .key .link-sample.dampening path.course { stroke: var(--fw-dampen); }
.flywheel .key .link-sample.delayed path.course { stroke-dasharray: 7 4; }
.flywheel .key .link-sample .minus { fill: var(--fw-dampen); font-size: 17px; font-weight: 700; text-anchor: middle; }
.flywheel .key .link-sample .delay-mark { fill: none; stroke: var(--fw-link); stroke-width: 2.2; }
.flywheel .key .node-sample circle { fill: var(--fw-node); stroke: var(--fw-warning); stroke-width: 2; stroke-dasharray: 4 3; }
.flywheel .key .marker-sample circle { fill: var(--fw-bg); }
.flywheel .key .marker-sample .loop-arrow { fill: none; stroke: var(--fw-accent); stroke-width: 1.6; }
.flywheel .key .marker-sample .loop-arrowhead { fill: var(--fw-accent); }
.flywheel .key .marker-sample text { font-size: 11px; font-weight: 700; text-anchor: middle; fill: var(--fw-accenttext); }
.flywheel .node circle.failure-ring { fill: none; stroke: var(--fw-dampen); stroke-width: 2; stroke-dasharray: 3 2; }
.flywheel .initiative rect.tag { fill: var(--fw-bg); stroke: var(--fw-accent); stroke-width: 1.2; }
.flywheel .initiative .tag-label { font-size: ${TAG_FONT_SIZE}px; fill: var(--fw-fg); text-anchor: middle; }
.flywheel .initiative .pointer { fill: none; stroke: var(--fw-accent); stroke-width: 1.2; stroke-dasharray: 3 2; }
.flywheel .initiative .pointer.dampening { stroke: var(--fw-dampen); }
.flywheel .pointerhead { fill: var(--fw-accent); }
.flywheel .pointerhead.dampening { fill: var(--fw-dampen); }
.flywheel .initiative.brakes rect.tag { stroke: var(--fw-dampen); }
.flywheel .initiative.off-wheel rect.tag { stroke: var(--fw-warning); stroke-dasharray: 4 3; }
.flywheel .initiative.off-wheel .tag-label { fill: var(--fw-warning); }
.flywheel .stopped { opacity: 0.2; }
.flywheel .highlighted circle.body, .flywheel .highlighted path.course { stroke: var(--fw-highlight); stroke-width: 4; }
`;

/**
 * The style sheet with the theme's colours written in: exported files must look right in any
 * viewer, and rasterisers such as resvg do not resolve CSS custom properties.
 */
export function standaloneCss(theme: Theme, extra = ''): string {
    return (FLYWHEEL_CSS + extra).replace(/var\(--fw-([a-z]+)\)/g, (_, name: string) => THEMES[theme][name]);
}

const LEGEND_ROW = 18;
const LEGEND_FONT = 12;

/**
 * What a drawing marks on top of the plain one (the visual diff, diff-drawing.ts): per node, link
 * and loop the `data-change` hook and a sentence for the tooltip, legend rows after the loops, key
 * samples and their style. With none, the drawing is the plain one, byte for byte.
 */
export interface DrawingMarks {
    node(index: number): Mark | undefined;
    link(index: number): Mark | undefined;
    loop(id: string): Mark | undefined;
    /** By the initiative's name. */
    initiative?(name: string): Mark | undefined;
    /** Appended to the title. */
    title?: Mark;
    legend: LegendRow[];
    key: KeyItem[];
    css: string;
}

export interface Mark {
    change: string;
    /** Said in the tooltip (and, for the title, after it). */
    text: string;
}

export function renderSvg(model: RenderModel, options: SvgOptions = {}): string {
    return drawLayout(model, layoutWheel(model), options);
}

export function drawLayout(model: RenderModel, layout: Layout, options: SvgOptions = {}, marks?: DrawingMarks): string {
    const width = layout.width;
    const legend = [...legendRows(model, width - 48, marks), ...(marks?.legend ?? [])];
    const keyTop = layout.legendTop + legend.length * LEGEND_ROW + 8;
    const key = renderKey(keyTop, width, marks?.key);
    const height = key.bottom + 16;
    const theme = options.theme ?? 'light';
    const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${f(height)}" width="${width}" height="${f(height)}" class="flywheel theme-${theme}" data-flywheel="${escapeXml(model.name)}" role="img" aria-labelledby="fw-title-${escapeXml(model.name)}">`,
        `<title id="fw-title-${escapeXml(model.name)}">${escapeXml(model.label)}</title>`,
        options.standalone ? `<style>${standaloneCss(theme, marks?.css)}</style>` : '',
        '<defs>',
        arrowMarker('fw-arrow', 'arrowhead'),
        arrowMarker('fw-arrow-dampening', 'arrowhead dampening'),
        model.initiatives.length > 0 ? arrowMarker('fw-pointer', 'pointerhead', 8) : '',
        model.initiatives.some(i => i.pushes.some(p => p.dampening)) ? arrowMarker('fw-pointer-dampening', 'pointerhead dampening', 8) : '',
        '</defs>',
        `<rect class="background" x="0" y="0" width="${width}" height="${f(height)}"/>`,
        `<text class="title" x="24" y="34"${changeHook(marks?.title)}>${escapeXml(model.label)}${marks?.title ? ` <tspan class="change-note">${escapeXml(marks.title.text)}</tspan>` : ''}</text>`,
        layout.nodes.some(n => n.node.placement !== 'off') && !layout.hub
            ? `<circle class="wheel-rim" cx="${f(layout.center.x)}" cy="${f(layout.center.y)}" r="${f(layout.wheelRadius)}"/>`
            : '',
        '<g class="links">', ...layout.links.map(link => renderLink(link, model, marks?.link(link.link.index))), '</g>',
        layout.initiatives.length > 0 ? ['<g class="initiatives">', ...layout.initiatives.map(tag => renderInitiative(tag, model, marks?.initiative?.(tag.initiative.name))), '</g>'].join('\n') : '',
        '<g class="nodes">', ...layout.nodes.map(node => renderNode(node, model, marks?.node(node.node.index))), '</g>',
        '<g class="loop-markers">', ...layout.markers.map(marker => renderMarker(marker, marks?.loop(marker.loop.id))), '</g>',
        renderLegend(legend, layout.legendTop),
        key.svg,
        '</svg>'
    ];
    return parts.filter(Boolean).join('\n') + '\n';
}

function arrowMarker(id: string, className: string, size = 11): string {
    return `<marker id="${id}" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="${size}" markerHeight="${size}" orient="auto-start-reverse"><path class="${className}" d="M0,0 L10,5 L0,10 z"/></marker>`;
}

/** Text drawn centred on a point: its baseline a little below the middle (no dominant-baseline, which rasterisers differ on). */
function centredY(y: number, fontSize: number): string {
    return f(y + fontSize * 0.36);
}

/** ` data-change="…"`, or nothing. */
function changeHook(mark: Mark | undefined): string {
    return mark ? ` data-change="${escapeXml(mark.change)}"` : '';
}

function renderNode(layout: NodeLayout, model: RenderModel, mark?: Mark): string {
    const { node, center, radius } = layout;
    const classes = ['node', node.placement, ...node.kinds, ...(node.singlePointOfFailure ? ['single-point'] : [])].join(' ');
    const tooltip = [
        `${node.label} (${node.name})`,
        node.placement === 'goal' ? 'goal' : [...node.kinds, 'driver'].join(' '),
        node.doc,
        node.loops.length > 0 ? `loops: ${node.loops.join(', ')}` : undefined,
        node.singlePointOfFailure ? 'single point of failure: if it fails, every reinforcing loop through the goal stops' : undefined,
        ...model.diagnostics.filter(d => d.node === node.index).map(d => `${d.severity}: ${d.message}`),
        mark?.text
    ].filter(Boolean).join('\n');
    const halo = node.placement === 'goal' ? `<circle class="halo" cx="${f(center.x)}" cy="${f(center.y)}" r="${f(radius + 6)}"/>` : '';
    const failureRing = node.singlePointOfFailure ? `<circle class="failure-ring" cx="${f(center.x)}" cy="${f(center.y)}" r="${f(radius + 4)}"/>` : '';
    const badges = layout.badges.map(({ kind, at }) =>
        `<g class="badge ${kind}"><circle cx="${f(at.x)}" cy="${f(at.y)}" r="7"/><text x="${f(at.x)}" y="${centredY(at.y, 10)}">${kind === 'cost' ? '$' : '★'}</text></g>`).join('');
    const { labelBox, anchor, lines } = layout;
    const textX = anchor === 'start' ? labelBox.x : anchor === 'end' ? labelBox.x + labelBox.width : labelBox.x + labelBox.width / 2;
    const spans = lines.map((line, i) => `<tspan x="${f(textX)}" y="${f(labelBox.y + 13 + i * 16)}">${escapeXml(line)}</tspan>`).join('');
    const note = layout.note
        ? `<text class="${mark ? 'note change-note' : 'note'}" text-anchor="${anchor}" x="${f(textX)}" y="${f(labelBox.y + lines.length * 16 + 11)}">${escapeXml(layout.note.text)}</text>`
        : '';
    const changeRing = mark ? `<circle class="change-ring" cx="${f(center.x)}" cy="${f(center.y)}" r="${f(radius + (halo ? 10 : failureRing ? 9 : 5))}"/>` : '';
    return `<g id="node-${escapeXml(node.name)}" class="${classes}" data-node="${escapeXml(node.name)}" data-index="${node.index}" data-loops="${escapeXml(node.loops.join(' '))}"${changeHook(mark)}>`
        + `<title>${escapeXml(tooltip)}</title>${changeRing}${halo}${failureRing}<circle class="body" cx="${f(center.x)}" cy="${f(center.y)}" r="${radius}"/>${badges}`
        + `<text class="label" text-anchor="${anchor}">${spans}</text>${note}</g>`;
}

function arrowOf(link: RenderLink): string {
    return `${link.delayed ? '~' : '-'}${link.dampening ? '|' : '>'}`;
}

function renderLink(layout: LinkLayout, model: RenderModel, mark?: Mark): string {
    const { link } = layout;
    const source = model.nodes[link.source].name;
    const target = model.nodes[link.target].name;
    const classes = ['link', layout.shape, link.dampening ? 'dampening' : 'reinforcing', link.delayed ? 'delayed' : ''].filter(Boolean).join(' ');
    const minus = layout.minus ? `<text class="minus" x="${f(layout.minus.x)}" y="${centredY(layout.minus.y, 17)}">−</text>` : '';
    const delay = layout.delay ? `<path class="delay-mark" d="${doubleBar(layout.delay.at, layout.delay.angle)}"/>` : '';
    const tooltip = [`${source} ${arrowOf(link)} ${target}${link.label ? `: ${link.label}` : ''}`, mark?.text].filter(Boolean).join('\n');
    const label = layout.label ? `<text class="link-label">${textLines(layout.label.lines, layout.label.box)}</text>` : '';
    const tag = layout.tag ? `<text class="change-tag">${textLines(layout.tag.lines, layout.tag.box)}</text>` : '';
    const labelHook = link.label !== undefined ? ` data-label="${escapeXml(link.label)}"` : '';
    const loops = loopsOfLinks(model).get(link.index) ?? [];
    const underline = mark ? `<path class="change-halo" d="${layout.path}"/>` : '';
    return `<g id="link-${link.index}" class="${classes}" data-link="${link.index}" data-source="${escapeXml(source)}" data-target="${escapeXml(target)}"${labelHook} data-loops="${escapeXml(loops.join(' '))}"${changeHook(mark)}>`
        + `<title>${escapeXml(tooltip)}</title>${underline}<path class="course" d="${layout.path}" marker-end="url(#fw-arrow${link.dampening ? '-dampening' : ''})"/>${minus}${delay}${label}${tag}</g>`;
}

function renderInitiative(layout: InitiativeLayout, model: RenderModel, mark: Mark | undefined): string {
    const { initiative, box } = layout;
    const pushed = [...new Set(initiative.pushes.map(p => model.nodes[p.target].name))];
    const tooltip = [
        `${initiative.label} (${initiative.name})`,
        'initiative',
        initiative.doc,
        pushed.length > 0 ? `pushes ${pushed.join(', ')}` : 'pushes nothing',
        initiative.offWheel ? 'off the wheel: say no to it, or link it to a wheel driver' : `feeds ${initiative.feeds.length > 0 ? initiative.feeds.join(', ') : 'no reinforcing loop'}`,
        ...model.diagnostics.filter(d => d.initiative === initiative.index).map(d => `${d.severity}: ${d.message}`),
        mark?.text
    ].filter(Boolean).join('\n');
    const pointers = layout.pointers.map(p => `<path class="pointer${p.dampening ? ' dampening' : ''}${p.delayed ? ' delayed' : ''}" data-target="${escapeXml(model.nodes[p.target].name)}" `
        + `d="M ${f(p.from.x)} ${f(p.from.y)} L ${f(p.to.x)} ${f(p.to.y)}" marker-end="url(#fw-pointer${p.dampening ? '-dampening' : ''})"/>`).join('');
    const spans = layout.lines.map((line, i) => `<tspan x="${f(box.x + box.width / 2)}" y="${f(box.y + 3 + TAG_FONT_SIZE * 0.9 + i * TAG_LINE_HEIGHT)}">${escapeXml(line)}</tspan>`).join('');
    const classes = ['initiative', ...(initiative.offWheel ? ['off-wheel'] : []), ...(initiative.pushes.some(p => p.dampening) ? ['brakes'] : [])].join(' ');
    const change = mark ? ` data-change="${escapeXml(mark.change)}"` : '';
    return `<g class="${classes}" data-initiative="${escapeXml(initiative.name)}"${change}><title>${escapeXml(tooltip)}</title>${pointers}`
        + `<rect class="tag" x="${f(box.x)}" y="${f(box.y)}" width="${f(box.width)}" height="${f(box.height)}" rx="4"/><text class="tag-label">${spans}</text></g>`;
}

const linkLoops = new WeakMap<RenderModel, Map<number, string[]>>();

/** The ids of the loops through the goal each link is on (the preview dims them when a driver fails), worked out once per model. */
function loopsOfLinks(model: RenderModel): Map<number, string[]> {
    let byLink = linkLoops.get(model);
    if (!byLink) {
        byLink = new Map();
        for (const loop of model.loops) for (const link of new Set(loop.links)) byLink.set(link, [...(byLink.get(link) ?? []), loop.id]);
        linkLoops.set(model, byLink);
    }
    return byLink;
}

/** A link's label or tag: its lines centred in its box. */
function textLines(lines: string[], box: { x: number; y: number; width: number }): string {
    return lines.map((line, i) => `<tspan x="${f(box.x + box.width / 2)}" y="${f(box.y + 1 + LINK_FONT_SIZE * 0.9 + i * LINK_LINE_HEIGHT)}">${escapeXml(line)}</tspan>`).join('');
}

/** The standard delay mark: two short parallel bars across the link. */
function doubleBar(at: Point, angle: number, half = 6): string {
    const along = { x: Math.cos(angle), y: Math.sin(angle) };
    const across = { x: -along.y, y: along.x };
    return [-2.2, 2.2].map(offset => {
        const c = { x: at.x + along.x * offset, y: at.y + along.y * offset };
        return `M ${f(c.x - across.x * half)} ${f(c.y - across.y * half)} L ${f(c.x + across.x * half)} ${f(c.y + across.y * half)}`;
    }).join(' ');
}

/** A loop's id in a small circular arrow turning the way the loop turns on the page. */
function loopGlyph(at: Point, clockwise: boolean, id: string, radius = 12): string {
    const direction = clockwise ? 1 : -1;
    const start = -Math.PI / 2 + direction * 0.5;
    const end = start + direction * (2 * Math.PI - 1.0);
    const p = (angle: number, r = radius) => ({ x: at.x + r * Math.cos(angle), y: at.y + r * Math.sin(angle) });
    const [a, b] = [p(start), p(end)];
    const arc = `M ${f(a.x)} ${f(a.y)} A ${radius} ${radius} 0 1 ${clockwise ? 1 : 0} ${f(b.x)} ${f(b.y)}`;
    // The head: a small triangle at the arc's end, pointing along it.
    const tangent = end + direction * (Math.PI / 2);
    const tip = { x: b.x + 4.5 * Math.cos(tangent), y: b.y + 4.5 * Math.sin(tangent) };
    const [w1, w2] = [p(end, radius + 3.5), p(end, radius - 3.5)];
    const head = `M ${f(tip.x)} ${f(tip.y)} L ${f(w1.x)} ${f(w1.y)} L ${f(w2.x)} ${f(w2.y)} z`;
    return `<circle cx="${f(at.x)}" cy="${f(at.y)}" r="${radius + 2}"/><path class="loop-arrow" d="${arc}"/><path class="loop-arrowhead" d="${head}"/>`
        + `<text x="${f(at.x)}" y="${centredY(at.y, 11)}">${escapeXml(id)}</text>`;
}

function renderMarker(marker: LoopMarker, mark?: Mark): string {
    const { loop } = marker;
    const kind = loop.reinforcing ? 'reinforcing' : 'balancing';
    const tooltip = [`${loop.id}: ${kind} loop${loop.delayed ? ' (delayed)' : ''}`, mark?.text].filter(Boolean).join('\n');
    const ring = mark ? `<circle class="change-ring" cx="${f(marker.at.x)}" cy="${f(marker.at.y)}" r="${MARKER_RING}"/>` : '';
    return `<g class="loop-marker ${kind}" data-loop="${escapeXml(loop.id)}"${changeHook(mark)}><title>${escapeXml(tooltip)}</title>${ring}${loopGlyph(marker.at, marker.clockwise, loop.id)}</g>`;
}

/** Around a changed loop's marker. */
const MARKER_RING = 19;

export interface LegendRow {
    /** A row's pieces: plain text, or a loop id. */
    parts: Array<{ text: string; className?: string }>;
    indent?: boolean;
    /** The row's `data-change`. */
    change?: string;
}

/**
 * The loops in the author's words: display labels, each link's own arrow (→ reinforcing,
 * ⊣ dampening, ‖ before a delayed one); the loops through the goal, then the wheel's inner loops.
 * Long loops wrap at an arrow.
 */
function legendRows(model: RenderModel, width: number, marks?: DrawingMarks): LegendRow[] {
    const perLine = Math.max(30, Math.floor(width / (LEGEND_FONT * CHAR_EM)));
    const rows: LegendRow[] = [];
    const path = (nodes: number[], links: number[]) => loopPieces(nodes.map(n => model.nodes[n].label), links.map(l => model.links[l]));
    const addLoop = (id: string, className: string, pieces: string[], suffix = '', change?: string) => {
        const lines: string[] = [];
        let current = '';
        for (const piece of pieces) {
            const next = current ? `${current} ${piece}` : piece;
            if ([...next].length + id.length + 1 > perLine && current) {
                lines.push(current);
                current = piece;
            } else current = next;
        }
        lines.push(current + suffix);
        lines.forEach((line, i) => rows.push({ parts: i === 0 ? [{ text: id, className }, { text: ` ${line}` }] : [{ text: line }], indent: i > 0, change }));
    };
    if (model.loops.length > 0) rows.push({ parts: [{ text: 'Loops through the goal', className: 'heading' }] });
    for (const loop of model.loops.slice(0, MARKED_LOOPS)) {
        const mark = marks?.loop(loop.id);
        const suffix = `${loop.delayed ? ' (delayed)' : ''}${mark ? ` (${mark.text})` : ''}`;
        addLoop(loop.id, `loop-id ${loop.reinforcing ? 'reinforcing' : 'balancing'}`, path(loop.nodes, loop.links), suffix, mark?.change);
    }
    const more = model.loops.length - MARKED_LOOPS;
    if (more > 0 || !model.loopsComplete) {
        rows.push({ parts: [{ text: `${more > 0 ? `… and ${more} more loops` : ''}${model.loopsComplete ? '' : ' (listing stopped early)'}`.trim() }] });
    }
    if (model.loops.length === 0) rows.push({ parts: [{ text: model.nodes.some(n => n.placement === 'goal') ? 'No loop passes through the goal yet.' : 'No goal yet: growth in what?' }] });
    const singlePoints = model.nodes.filter(n => n.singlePointOfFailure);
    if (singlePoints.length > 0) {
        // Wrapped at a comma, like a long loop.
        const heading = 'Single points of failure (ringed):';
        const lines: string[] = [];
        let current = '';
        singlePoints.forEach((node, i) => {
            const piece = `${node.label}${i < singlePoints.length - 1 ? ',' : ''}`;
            const next = current ? `${current} ${piece}` : piece;
            if ([...next].length + (lines.length === 0 ? heading.length + 1 : 0) > perLine && current) {
                lines.push(current);
                current = piece;
            } else current = next;
        });
        lines.push(current);
        lines.forEach((line, i) => rows.push(i === 0
            ? { parts: [{ text: heading, className: 'heading' }, { text: ` ${line}` }] }
            : { parts: [{ text: line }], indent: true }));
    }
    if (model.innerLoops.length > 0) {
        rows.push({ parts: [{ text: 'Inner loops (not through the goal)', className: 'heading' }] });
        for (const loop of model.innerLoops) addLoop(loop.reinforcing ? '↻' : '↺', `inner-loop-id ${loop.reinforcing ? 'reinforcing' : 'balancing'}`, path(loop.nodes, loop.links), loop.reinforcing ? '' : ' (balancing)');
    }
    return rows;
}

/** A loop as the legend writes it: labels, and each link's arrow (→ reinforcing, ⊣ dampening, ‖ before a delayed one). */
export function loopPieces(labels: string[], links: Array<{ dampening: boolean; delayed: boolean }>): string[] {
    const pieces = [labels[0]];
    links.forEach((link, i) => pieces.push(`${link.delayed ? '‖' : ''}${link.dampening ? '⊣' : '→'} ${labels[(i + 1) % labels.length]}`));
    return pieces;
}

function renderLegend(rows: LegendRow[], top: number): string {
    const lines = rows.map((row, i) => {
        const y = top + i * LEGEND_ROW;
        const spans = row.parts.map(part => (part.className ? `<tspan class="${part.className}">${escapeXml(part.text)}</tspan>` : escapeXml(part.text))).join('');
        return `<text x="${row.indent ? 48 : 24}" y="${f(y)}"${row.change ? ` data-change="${escapeXml(row.change)}"` : ''}>${spans}</text>`;
    });
    return ['<g class="legend">', ...lines, '</g>'].join('\n');
}

/** The key: a small drawn sample of each glyph and what it means, wrapping to the page's width. */
/** One sample in the key: its drawing at (x, y), its width, what it means. */
export interface KeyItem {
    draw: (x: number, y: number) => string;
    text: string;
    sample: number;
}

function renderKey(top: number, width: number, extra: KeyItem[] = []): { svg: string; bottom: number } {
    const items: KeyItem[] = [
        { sample: 30, text: 'reinforcing link', draw: (x, y) => `<g class="link-sample reinforcing"><path class="course" d="M ${x} ${y} L ${x + 26} ${y}" marker-end="url(#fw-arrow)"/></g>` },
        { sample: 30, text: 'dampening link', draw: (x, y) => `<g class="link-sample dampening"><path class="course" d="M ${x} ${y} L ${x + 26} ${y}" marker-end="url(#fw-arrow-dampening)"/><text class="minus" x="${x + 18}" y="${centredY(y - 9, 17)}">−</text></g>` },
        { sample: 30, text: 'delayed link', draw: (x, y) => `<g class="link-sample delayed"><path class="course" d="M ${x} ${y} L ${x + 26} ${y}" marker-end="url(#fw-arrow)"/><path class="delay-mark" d="${doubleBar({ x: x + 12, y }, 0)}"/></g>` },
        { sample: 18, text: 'cost driver', draw: (x, y) => `<g class="badge cost"><circle cx="${x + 7}" cy="${y}" r="7"/><text x="${x + 7}" y="${centredY(y, 10)}">$</text></g>` },
        { sample: 18, text: 'quality driver', draw: (x, y) => `<g class="badge quality"><circle cx="${x + 7}" cy="${y}" r="7"/><text x="${x + 7}" y="${centredY(y, 10)}">★</text></g>` },
        { sample: 22, text: 'off the wheel', draw: (x, y) => `<g class="node-sample off"><circle cx="${x + 8}" cy="${y}" r="8"/></g>` },
        { sample: 32, text: 'loop and its turn (R reinforcing, B balancing)', draw: (x, y) => `<g class="marker-sample">${loopGlyph({ x: x + 14, y }, true, 'R')}</g>` },
        ...extra
    ];
    const parts: string[] = [];
    let x = 24;
    let y = top + 10;
    for (const item of items) {
        const itemWidth = item.sample + 6 + [...item.text].length * LEGEND_FONT * CHAR_EM + 18;
        if (x + itemWidth > width - 24 && x > 24) {
            x = 24;
            y += 30;
        }
        parts.push(item.draw(x, y), `<text x="${f(x + item.sample + 6)}" y="${centredY(y, LEGEND_FONT)}">${escapeXml(item.text)}</text>`);
        x += itemWidth;
    }
    return { svg: ['<g class="legend key">', ...parts, '</g>'].join('\n'), bottom: y + 18 };
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Any character escapeXml changes (or may: a surrogate may be half a pair). Most names and labels have none. */
// eslint-disable-next-line no-control-regex
const XML_UNSAFE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

/** Text as XML character data or attribute value: never markup. */
export function escapeXml(text: string): string {
    if (!XML_UNSAFE.test(text)) return text;
    return text.replace(/[&<>"']/g, char => XML_ESCAPES[char])
        // Characters XML 1.0 forbids would make the whole drawing unreadable: control characters,
        // and halves of surrogate pairs (an editor's text can hold one; the fuzzer found it).
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
