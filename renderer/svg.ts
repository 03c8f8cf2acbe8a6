/**
 * The layout as SVG text. Every piece of text from a `.fly` file (names, labels, doc comments,
 * messages) goes through `escapeXml`, so it is never read as markup. Colours are CSS custom
 * properties with light and dark defaults, so the VS Code preview can map them to its theme.
 */
import { f, layoutWheel, type Layout, type LinkLayout, type NodeLayout } from './layout.js';
import type { RenderModel } from './model.js';

export type Theme = 'light' | 'dark';

export interface SvgOptions {
    theme?: Theme;
    /** Embed the style sheet (exports, `flywheel render`); the preview page brings its own. */
    standalone?: boolean;
}

/** The drawing's colours, per theme. The preview maps them to VS Code's theme instead. */
export const THEMES: Record<Theme, Record<string, string>> = {
    light: {
        bg: '#ffffff', fg: '#1f2328', muted: '#59636e', rim: '#d1d9e0', node: '#f6f8fa', accent: '#0969da',
        goal: '#bf8700', link: '#59636e', dampen: '#cf222e', warning: '#9a6700', highlight: '#8250df'
    },
    dark: {
        bg: '#0d1117', fg: '#e6edf3', muted: '#9198a1', rim: '#3d444d', node: '#151b23', accent: '#4493f8',
        goal: '#d29922', link: '#9198a1', dampen: '#f85149', warning: '#d29922', highlight: '#ab7df8'
    }
};

/** The shapes' looks, in terms of the colours `var(--fw-NAME)`. */
export const FLYWHEEL_CSS = `
.flywheel { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
.flywheel .background { fill: var(--fw-bg); }
.flywheel text { fill: var(--fw-fg); font-size: 13px; }
.flywheel .title { font-size: 18px; font-weight: 600; }
.flywheel .rim { fill: none; stroke: var(--fw-rim); stroke-width: 10; }
.flywheel .node circle.body { fill: var(--fw-node); stroke: var(--fw-accent); stroke-width: 2.5; }
.flywheel .node.goal circle.body { fill: var(--fw-goal); stroke: var(--fw-goal); }
.flywheel .node.goal circle.halo { fill: none; stroke: var(--fw-goal); stroke-width: 2; opacity: 0.45; }
.flywheel .node.goal .label { font-weight: 700; font-size: 15px; }
.flywheel .node.off circle.body { stroke: var(--fw-warning); stroke-dasharray: 4 3; }
.flywheel .node.off .label { fill: var(--fw-warning); }
.flywheel .badge circle { fill: var(--fw-bg); stroke: var(--fw-muted); stroke-width: 1; }
.flywheel .badge text { font-size: 10px; font-weight: 700; text-anchor: middle; dominant-baseline: central; }
.flywheel .link path { fill: none; stroke: var(--fw-link); stroke-width: 1.8; }
.flywheel .link.rim path { stroke-width: 2.6; }
.flywheel .link.dampening path { stroke: var(--fw-dampen); }
.flywheel .link.delayed path { stroke-dasharray: 7 4; }
.flywheel .link .mark { font-size: 13px; font-weight: 700; text-anchor: middle; dominant-baseline: central; }
.flywheel .link .mark-bg { fill: var(--fw-bg); }
.flywheel .link.dampening .mark { fill: var(--fw-dampen); }
.flywheel .arrowhead { fill: var(--fw-link); }
.flywheel .arrowhead.dampening { fill: var(--fw-dampen); }
.flywheel .legend text { font-size: 12px; fill: var(--fw-muted); }
.flywheel .legend .loop-id { font-weight: 700; fill: var(--fw-fg); }
.flywheel .legend .loop-id.balancing { fill: var(--fw-dampen); }
.flywheel .highlighted circle.body, .flywheel .highlighted path { stroke: var(--fw-highlight); stroke-width: 4; }
`;

/**
 * The style sheet with the theme's colours written in: exported files must look right in any
 * viewer, and rasterisers such as resvg do not resolve CSS custom properties.
 */
export function standaloneCss(theme: Theme): string {
    return FLYWHEEL_CSS.replace(/var\(--fw-([a-z]+)\)/g, (_, name: string) => THEMES[theme][name]);
}

export function renderSvg(model: RenderModel, options: SvgOptions = {}): string {
    const layout = layoutWheel(model);
    const legend = legendLines(model);
    const height = layout.legendTop + legend.length * 18 + 16;
    // The legend's lines are as wide as they are; the page grows to hold the longest.
    const width = Math.max(layout.width, Math.ceil(Math.max(...legend.map(line => [...`${line.id ?? ''} ${line.text}`].length)) * 6.6 + 48));
    const theme = options.theme ?? 'light';
    const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${f(height)}" width="${width}" height="${f(height)}" class="flywheel theme-${theme}" data-flywheel="${escapeXml(model.name)}" role="img" aria-labelledby="fw-title-${escapeXml(model.name)}">`,
        `<title id="fw-title-${escapeXml(model.name)}">${escapeXml(model.label)}</title>`,
        options.standalone ? `<style>${standaloneCss(theme)}</style>` : '',
        '<defs>',
        '<marker id="fw-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker>',
        '<marker id="fw-arrow-dampening" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path class="arrowhead dampening" d="M0,0 L10,5 L0,10 z"/></marker>',
        '</defs>',
        `<rect class="background" x="0" y="0" width="${width}" height="${f(height)}"/>`,
        `<text class="title" x="24" y="34">${escapeXml(model.label)}</text>`,
        layout.nodes.some(n => n.node.placement !== 'off')
            ? `<circle class="rim" cx="${f(layout.center.x)}" cy="${f(layout.center.y)}" r="${f(layout.wheelRadius)}"/>`
            : '',
        '<g class="links">', ...layout.links.map(link => renderLink(link, model)), '</g>',
        '<g class="nodes">', ...layout.nodes.map(node => renderNode(node, model)), '</g>',
        renderLegend(legend, layout),
        '</svg>'
    ];
    return parts.filter(Boolean).join('\n') + '\n';
}

function renderNode(layout: NodeLayout, model: RenderModel): string {
    const { node, center, radius } = layout;
    const classes = ['node', node.placement, ...node.kinds].join(' ');
    const tooltip = [
        `${node.label} (${node.name})`,
        node.placement === 'goal' ? 'goal' : [...node.kinds, 'driver'].join(' '),
        node.doc,
        node.loops.length > 0 ? `loops: ${node.loops.join(', ')}` : undefined,
        ...model.diagnostics.filter(d => d.node === node.index).map(d => `${d.severity}: ${d.message}`)
    ].filter(Boolean).join('\n');
    const halo = node.placement === 'goal' ? `<circle class="halo" cx="${f(center.x)}" cy="${f(center.y)}" r="${f(radius + 6)}"/>` : '';
    const badges = node.kinds.map((kind, i) => {
        const x = center.x + radius * 0.85 + i * 15;
        const y = center.y - radius * 0.85;
        return `<g class="badge ${kind}"><circle cx="${f(x)}" cy="${f(y)}" r="7"/><text x="${f(x)}" y="${f(y)}">${kind === 'cost' ? '$' : '★'}</text></g>`;
    }).join('');
    const { labelBox, anchor, lines } = layout;
    const textX = anchor === 'start' ? labelBox.x : anchor === 'end' ? labelBox.x + labelBox.width : labelBox.x + labelBox.width / 2;
    const spans = lines.map((line, i) => `<tspan x="${f(textX)}" y="${f(labelBox.y + 13 + i * 16)}">${escapeXml(line)}</tspan>`).join('');
    return `<g id="node-${escapeXml(node.name)}" class="${classes}" data-node="${escapeXml(node.name)}" data-index="${node.index}">`
        + `<title>${escapeXml(tooltip)}</title>${halo}<circle class="body" cx="${f(center.x)}" cy="${f(center.y)}" r="${radius}"/>${badges}`
        + `<text class="label" text-anchor="${anchor}">${spans}</text></g>`;
}

function renderLink(layout: LinkLayout, model: RenderModel): string {
    const { link } = layout;
    const source = model.nodes[link.source].name;
    const target = model.nodes[link.target].name;
    const arrow = `${link.delayed ? '~' : '-'}${link.dampening ? '|' : '>'}`;
    const classes = ['link', layout.shape, link.dampening ? 'dampening' : 'reinforcing', link.delayed ? 'delayed' : ''].filter(Boolean).join(' ');
    const marks = [link.dampening ? '−' : '', link.delayed ? '‖' : ''].join('');
    const mark = marks
        ? `<circle class="mark-bg" cx="${f(layout.middle.x)}" cy="${f(layout.middle.y)}" r="${marks.length > 1 ? 11 : 8}"/><text class="mark" x="${f(layout.middle.x)}" y="${f(layout.middle.y)}">${marks}</text>`
        : '';
    const tooltip = `${source} ${arrow} ${target}${link.label ? `: ${link.label}` : ''}`;
    return `<g id="link-${link.index}" class="${classes}" data-link="${link.index}" data-source="${escapeXml(source)}" data-target="${escapeXml(target)}">`
        + `<title>${escapeXml(tooltip)}</title><path d="${layout.path}" marker-end="url(#fw-arrow${link.dampening ? '-dampening' : ''})"/>${mark}</g>`;
}

interface LegendLine {
    id?: string;
    reinforcing?: boolean;
    text: string;
}

const LEGEND_LOOPS = 10;

function legendLines(model: RenderModel): LegendLine[] {
    const names = (nodes: number[]) => [...nodes, nodes[0]].map(n => model.nodes[n].name).join(' → ');
    const lines: LegendLine[] = model.loops.slice(0, LEGEND_LOOPS).map(loop => ({
        id: loop.id, reinforcing: loop.reinforcing, text: `${names(loop.nodes)}${loop.delayed ? ' (delayed)' : ''}`
    }));
    const more = model.loops.length - LEGEND_LOOPS;
    if (more > 0 || !model.loopsComplete) {
        lines.push({ text: `${more > 0 ? `… and ${more} more loops` : ''}${model.loopsComplete ? '' : ' (listing stopped early)'}`.trim() });
    }
    if (model.loops.length === 0) lines.push({ text: model.nodes.some(n => n.placement === 'goal') ? 'No loop passes through the goal yet.' : 'No goal yet: growth in what?' });
    lines.push({ text: '$ cost driver   ★ quality driver   − dampening link   ‖ delayed link   dashed: off the wheel' });
    return lines;
}

function renderLegend(lines: LegendLine[], layout: Layout): string {
    const rows = lines.map((line, i) => {
        const y = layout.legendTop + i * 18;
        const id = line.id ? `<tspan class="loop-id ${line.reinforcing ? 'reinforcing' : 'balancing'}">${escapeXml(line.id)}</tspan> ` : '';
        return `<text x="24" y="${f(y)}">${id}${escapeXml(line.text)}</text>`;
    });
    return ['<g class="legend">', ...rows, '</g>'].join('\n');
}

/** Text as XML character data or attribute value: never markup. */
export function escapeXml(text: string): string {
    return text.replace(/[&<>"']/g, char => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!)
        // Characters XML 1.0 forbids would make the whole drawing unreadable: control characters,
        // and halves of surrogate pairs (an editor's text can hold one; the fuzzer found it).
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
