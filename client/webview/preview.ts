/**
 * The script of the preview page (bundled for the browser). It only ever inserts SVG made by the
 * renderer, which escapes all text from the .fly file; the page's CSP allows no other script.
 */
import { EXPORT_FORMATS, exportFormat } from '../../renderer/export-formats.js';
import type { FromPreview, ToPreview } from './messages.js';
import { swapChildren } from './swap.js';

declare function acquireVsCodeApi(): { postMessage(message: FromPreview): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const viewport = document.getElementById('viewport')!;
const content = document.getElementById('content')!;
const banner = document.getElementById('banner')!;
const zoomLevel = document.getElementById('zoom-level')!;

/**
 * The view: a scale and an offset of the drawing in the viewport. Until the author zooms or pans,
 * each new drawing is fitted to the window; after that the view is kept while they type, and
 * across a window reload (the webview's state).
 */
interface View {
    scale: number;
    x: number;
    y: number;
    fitted: boolean;
}

interface State {
    uri?: string;
    view?: View;
}

const saved = (vscode.getState() as State | undefined) ?? {};
let uri = saved.uri;
let view: View = saved.view ?? { scale: 1, x: 0, y: 0, fitted: true };
const MIN_SCALE = 0.1;
const MAX_SCALE = 8;

window.addEventListener('message', (event: MessageEvent<ToPreview>) => {
    const message = event.data;
    switch (message.type) {
        case 'render': return render(message.uri, message.svg, message.notDrawn ?? []);
        case 'syntax-error': return showBanner(message.message);
        case 'highlight': return highlight(message);
        case 'rasterize': return void rasterize(message.id, message.svg, message.scale);
        case 'changes-shown': return void showChangesButton.setAttribute('aria-pressed', String(message.on));
    }
});

function render(from: string, svg: string, notDrawn: string[]): void {
    // Parsed as SVG (XML), not HTML: the renderer's output is well-formed and nothing in it runs.
    const parsed = new DOMParser().parseFromString(`<div xmlns="http://www.w3.org/1999/xhtml">${svg}</div>`, 'application/xhtml+xml');
    const root = parsed.documentElement;
    if (root.querySelector('parsererror')) return showBanner('The drawing could not be shown.');
    swapChildren(content, [...Array.from(root.children), ...notDrawn.map(notice)]);
    highlight(highlighted);
    showFailure();
    // The banner describes the text that failed to parse; this drawing is of newer text.
    banner.hidden = true;
    uri = from;
    if (view.fitted) fit();
    else apply();
    report();
}

/** Shows the view: the transform, the zoom level, and the state kept across a reload. */
function apply(): void {
    content.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
    zoomLevel.textContent = `${Math.round(view.scale * 100)}%`;
    vscode.setState({ uri, view } satisfies State);
}

/** The whole drawing in the window, centred, never larger than its own size. */
function fit(): void {
    const width = content.scrollWidth || 1;
    const height = content.scrollHeight || 1;
    const scale = Math.min(1, (viewport.clientWidth - 16) / width, (viewport.clientHeight - 16) / height);
    view = { scale: Math.max(MIN_SCALE, scale), x: Math.max(8, (viewport.clientWidth - width * scale) / 2), y: 8, fitted: true };
    apply();
}

/** Zooms by `factor` keeping the point (px, py) of the viewport where it is. */
function zoom(factor: number, px = viewport.clientWidth / 2, py = viewport.clientHeight / 2): void {
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
    const ratio = scale / view.scale;
    view = { scale, x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio, fitted: false };
    apply();
}

function pan(dx: number, dy: number): void {
    view = { ...view, x: view.x + dx, y: view.y + dy, fitted: false };
    apply();
}

// The wheel pans; with Ctrl or ⌘, or a pinch (which the browser reports as a Ctrl-wheel), it zooms.
viewport.addEventListener('wheel', event => {
    event.preventDefault();
    const box = viewport.getBoundingClientRect();
    if (event.ctrlKey || event.metaKey) zoom(Math.exp(-event.deltaY / 300), event.clientX - box.left, event.clientY - box.top);
    else pan(-event.deltaX, -event.deltaY);
}, { passive: false });

// Dragging the background pans; a press on a node stays a click.
let dragging: { x: number; y: number; id: number } | undefined;
viewport.addEventListener('pointerdown', event => {
    if (event.button !== 0 || (event.target as Element).closest('g[data-node], #banner')) return;
    dragging = { x: event.clientX, y: event.clientY, id: event.pointerId };
    viewport.setPointerCapture(event.pointerId);
    viewport.classList.add('panning');
});
viewport.addEventListener('pointermove', event => {
    if (!dragging || event.pointerId !== dragging.id) return;
    pan(event.clientX - dragging.x, event.clientY - dragging.y);
    dragging = { ...dragging, x: event.clientX, y: event.clientY };
});
const endDrag = () => {
    dragging = undefined;
    viewport.classList.remove('panning');
};
viewport.addEventListener('pointerup', endDrag);
viewport.addEventListener('pointercancel', endDrag);

document.getElementById('zoom-in')!.addEventListener('click', () => zoom(1.25));
document.getElementById('zoom-out')!.addEventListener('click', () => zoom(1 / 1.25));
document.getElementById('zoom-fit')!.addEventListener('click', fit);
window.addEventListener('keydown', event => {
    if (event.target instanceof HTMLInputElement) return;
    if (event.key === '+' || event.key === '=') zoom(1.25);
    else if (event.key === '-') zoom(1 / 1.25);
    else if (event.key === '0') fit();
});
window.addEventListener('resize', () => { if (view.fitted) fit(); });

/** What the preview left out (too large to draw), as plain text. */
function notice(text: string): HTMLElement {
    const paragraph = document.createElement('p');
    paragraph.className = 'not-drawn';
    paragraph.textContent = text;
    return paragraph;
}

/** Over the drawing, which does not move: the banner takes no room of its own. */
function showBanner(text: string): void {
    banner.textContent = `The text does not parse, so this is the last good drawing: ${text}`;
    banner.hidden = false;
    report();
}

function report(): void {
    vscode.postMessage({ type: 'rendered' });
}

/** What the cursor is on, kept so that a redraw while typing keeps it highlighted. */
let highlighted: { flywheel?: string; node?: string; link?: number } = {};

function highlight(target: { flywheel?: string; node?: string; link?: number }): void {
    highlighted = target;
    content.querySelectorAll('.highlighted').forEach(element => element.classList.remove('highlighted'));
    if (!target.flywheel) return;
    const svg = Array.from(content.querySelectorAll<SVGSVGElement>('svg[data-flywheel]')).find(s => s.dataset.flywheel === target.flywheel);
    const element = target.node !== undefined
        ? Array.from(svg?.querySelectorAll<SVGGElement>('g[data-node]') ?? []).find(g => g.dataset.node === target.node)
        : svg?.querySelector<SVGGElement>(`g[data-link="${Number(target.link)}"]`);
    element?.classList.add('highlighted');
}

content.addEventListener('click', event => {
    const node = (event.target as Element).closest<SVGGElement>('g[data-node]');
    const svg = node?.closest<SVGSVGElement>('svg[data-flywheel]');
    if (!node || !svg) return;
    if (whatIf) {
        // A second click on the failed driver brings it back; the goal cannot fail (it is what the wheel grows).
        const same = failed?.flywheel === svg.dataset.flywheel && failed?.node === node.dataset.node;
        failed = same || node.classList.contains('goal') ? undefined : { flywheel: svg.dataset.flywheel!, node: node.dataset.node! };
        showFailure();
        return;
    }
    vscode.postMessage({ type: 'reveal', flywheel: svg.dataset.flywheel!, node: node.dataset.node! });
});

/**
 * "What if this driver fails": while the toggle is on, a click on a driver fails it. The loops
 * through the goal that pass through it stop: the drawing dims them (their links that no
 * surviving loop uses, their markers) and the driver. The loops come from the drawing's own
 * `data-loops` hooks, kept across redraws as the author types.
 */
let whatIf = false;
let failed: { flywheel: string; node: string } | undefined;
const whatIfButton = document.getElementById('what-if')!;
const whatIfStatus = document.getElementById('what-if-status')!;

whatIfButton.addEventListener('click', () => {
    whatIf = !whatIf;
    if (!whatIf) failed = undefined;
    whatIfButton.setAttribute('aria-pressed', String(whatIf));
    showFailure();
});

function showFailure(): void {
    content.querySelectorAll('.stopped').forEach(element => element.classList.remove('stopped'));
    const failure = failed;
    const svg = Array.from(content.querySelectorAll<SVGSVGElement>('svg[data-flywheel]')).find(s => s.dataset.flywheel === failure?.flywheel);
    const node = svg && Array.from(svg.querySelectorAll<SVGGElement>('g[data-node]')).find(g => g.dataset.node === failure?.node);
    if (!failure || !svg || !node) {
        failed = undefined;
        whatIfStatus.textContent = whatIf ? 'Click a driver to see what stops if it fails.' : '';
        return;
    }
    const loopsOf = (element: Element) => (element.getAttribute('data-loops') ?? '').split(' ').filter(Boolean);
    const stopped = new Set(loopsOf(node));
    node.classList.add('stopped');
    const links = Array.from(svg.querySelectorAll('g[data-link]'));
    for (const link of links) {
        const loops = loopsOf(link);
        const touches = link.getAttribute('data-source') === failure.node || link.getAttribute('data-target') === failure.node;
        if (touches || (loops.length > 0 && loops.every(id => stopped.has(id)))) link.classList.add('stopped');
    }
    const markers = Array.from(svg.querySelectorAll('g[data-loop]'));
    for (const marker of markers) if (stopped.has(marker.getAttribute('data-loop')!)) marker.classList.add('stopped');
    // The markers say which loops reinforce; only the first few loops have one, so the links are asked too.
    const balancing = new Set(markers.filter(m => m.classList.contains('balancing')).map(m => m.getAttribute('data-loop')!));
    const turning = [...new Set(links.flatMap(loopsOf))].filter(id => !stopped.has(id) && !balancing.has(id));
    const stops = stopped.size === 0 ? 'no loop through the goal stops' : `${[...stopped].join(', ')} stop${stopped.size === 1 ? 's' : ''}`;
    whatIfStatus.textContent = `If ${failure.node} fails: ${stops}; ${turning.length === 0 ? 'no reinforcing loop keeps the wheel turning' : `${turning.join(', ')} keep${turning.length === 1 ? 's' : ''} turning`}.`;
}

for (const { format } of EXPORT_FORMATS) {
    document.getElementById(`export-${format}`)!.addEventListener('click', () => vscode.postMessage({ type: 'export', format }));
}
// Only the wheel preview has the toggle; the page of a comparison has no button.
const showChangesButton = document.getElementById('show-changes') ?? document.createElement('button');
showChangesButton.addEventListener('click', () => vscode.postMessage({ type: 'toggle-changes' }));

/** PNG export: the browser draws the SVG on a canvas at `scale` and hands back the bytes. */
async function rasterize(id: number, svg: string, scale: number): Promise<void> {
    try {
        const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
        const image = new Image();
        await new Promise((resolve, reject) => { image.onload = resolve; image.onerror = () => reject(new Error('the SVG could not be loaded')); image.src = url; });
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth * scale;
        canvas.height = image.naturalHeight * scale;
        const context = canvas.getContext('2d')!;
        context.scale(scale, scale);
        context.drawImage(image, 0, 0);
        URL.revokeObjectURL(url);
        vscode.postMessage({ type: 'rasterized', id, png: canvas.toDataURL(exportFormat('png').mimeType).split(',')[1] });
    } catch (error) {
        vscode.postMessage({ type: 'rasterized', id, error: String(error) });
    }
}

vscode.postMessage({ type: 'ready' });
