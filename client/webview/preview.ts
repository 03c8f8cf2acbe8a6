/**
 * The script of the preview page (bundled for the browser). It only ever inserts SVG made by the
 * renderer, which escapes all text from the .fly file; the page's CSP allows no other script.
 */
import type { FromPreview, ToPreview } from './messages.js';
import { swapChildren } from './swap.js';

declare function acquireVsCodeApi(): { postMessage(message: FromPreview): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const content = document.getElementById('content')!;
const banner = document.getElementById('banner')!;

window.addEventListener('message', (event: MessageEvent<ToPreview>) => {
    const message = event.data;
    switch (message.type) {
        case 'render': return render(message.uri, message.svg, message.notDrawn ?? []);
        case 'syntax-error': return showBanner(message.message);
        case 'highlight': return highlight(message);
        case 'rasterize': return void rasterize(message.id, message.svg, message.scale);
    }
});

function render(uri: string, svg: string, notDrawn: string[]): void {
    // Parsed as SVG (XML), not HTML: the renderer's output is well-formed and nothing in it runs.
    const parsed = new DOMParser().parseFromString(`<div xmlns="http://www.w3.org/1999/xhtml">${svg}</div>`, 'application/xhtml+xml');
    const root = parsed.documentElement;
    if (root.querySelector('parsererror')) return showBanner('The drawing could not be shown.');
    swapChildren(content, [...Array.from(root.children), ...notDrawn.map(notice)]);
    highlight(highlighted);
    banner.hidden = true;
    vscode.setState({ uri });
    report();
}

/** What the preview left out (too large to draw), as plain text. */
function notice(text: string): HTMLElement {
    const paragraph = document.createElement('p');
    paragraph.className = 'not-drawn';
    paragraph.textContent = text;
    return paragraph;
}

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
    if (node && svg) vscode.postMessage({ type: 'reveal', flywheel: svg.dataset.flywheel!, node: node.dataset.node! });
});

document.getElementById('export-svg')!.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'svg' }));
document.getElementById('export-png')!.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'png' }));

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
        vscode.postMessage({ type: 'rasterized', id, png: canvas.toDataURL('image/png').split(',')[1] });
    } catch (error) {
        vscode.postMessage({ type: 'rasterized', id, error: String(error) });
    }
}

vscode.postMessage({ type: 'ready' });
