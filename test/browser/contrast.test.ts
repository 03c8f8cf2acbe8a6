/**
 * Contrast in the preview, from the computed styles in headless Chromium: in each of VS Code's
 * four kinds of theme, every stroke, arrowhead and mark keeps WCAG's 3:1 non-text contrast
 * against what it is drawn on (4.5:1 for text). The page is the real preview page with the real
 * script; the theme is what VS Code puts on a webview: a body class and its colour variables
 * (the default themes' values: Light Modern, Dark Modern, Dark High Contrast, Light High Contrast).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { previewHtml } from '../../client/preview-html.js';
import { renderSvg } from '../../renderer/svg.js';
import { modelsOf } from '../renderer/render-helpers.js';
import { launchChromium, serve } from './chromium.js';

const THEME_KINDS: Record<string, { bodyClass: string; colours: Record<string, string> }> = {
    light: {
        bodyClass: 'vscode-light',
        colours: {
            'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', descriptionForeground: '#3b3b3b', 'charts-blue': '#1a85ff',
            'charts-red': '#e51400', 'charts-yellow': '#bf8803', 'editorWarning-foreground': '#bf8803', focusBorder: '#005fb8', 'panel-border': '#e5e5e5'
        }
    },
    dark: {
        bodyClass: 'vscode-dark',
        colours: {
            'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', descriptionForeground: '#9d9d9d', 'charts-blue': '#3794ff',
            'charts-red': '#f14c4c', 'charts-yellow': '#cca700', 'editorWarning-foreground': '#cca700', focusBorder: '#0078d4', 'panel-border': '#2b2b2b'
        }
    },
    'high contrast dark': {
        bodyClass: 'vscode-high-contrast',
        colours: {
            'editor-background': '#000000', 'editor-foreground': '#ffffff', descriptionForeground: '#ffffffb3', 'charts-blue': '#3794ff',
            'charts-red': '#f48771', 'charts-yellow': '#ffd370', 'editorWarning-foreground': '#ffd370', focusBorder: '#f38518',
            contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518', 'panel-border': '#6fc3df'
        }
    },
    'high contrast light': {
        bodyClass: 'vscode-high-contrast-light',
        colours: {
            'editor-background': '#ffffff', 'editor-foreground': '#292929', descriptionForeground: '#292929b3', 'charts-blue': '#1a85ff',
            'charts-red': '#b5200d', 'charts-yellow': '#895503', 'editorWarning-foreground': '#895503', focusBorder: '#006bbd',
            contrastBorder: '#0f4a85', contrastActiveBorder: '#006bbd', 'panel-border': '#0f4a85'
        }
    }
};

/** Every feature the drawing has: rim, inner and off-wheel links, dampening and delays, badges, markers, labels, notes. */
const FILES = ['examples/airbnb.fly', 'examples/b2b-saas-plg.fly', 'examples/broken/balancing-loop.fly', 'examples/broken/broken-loop.fly'];

let server: { origin: string; close(): void };
let browser: Browser;

beforeAll(async () => {
    server = await serve(path => {
        if (path === '/preview.js') return { type: 'text/javascript', body: readFileSync('out/webview/preview.js') };
        return { type: 'text/html', body: previewHtml({ cspSource: server.origin, nonce: 'n0nce', scriptUri: `${server.origin}/preview.js` }) };
    });
    browser = await launchChromium();
});

afterAll(async () => {
    await browser?.close();
    server?.close();
});

type Rgba = [number, number, number, number];

/** What the page draws, each with the colour it is painted in and the colour it is painted on. */
interface Painted {
    what: string;
    text: boolean;
    colour: Rgba;
    on: Rgba;
}

async function openThemed(kind: string, overrides: Record<string, string> = {}): Promise<Page> {
    const { bodyClass } = THEME_KINDS[kind];
    const colours = { ...THEME_KINDS[kind].colours, ...overrides };
    const page = await browser.newPage();
    await page.addInitScript(() => {
        (window as unknown as { acquireVsCodeApi: unknown }).acquireVsCodeApi = () => ({
            postMessage: () => undefined, getState: () => undefined, setState: () => undefined
        });
    });
    await page.goto(server.origin);
    await page.evaluate(({ bodyClass, colours }) => {
        document.body.classList.add(bodyClass);
        for (const [name, value] of Object.entries(colours)) document.documentElement.style.setProperty(`--vscode-${name}`, value);
    }, { bodyClass, colours });
    const svgs: string[] = [];
    for (const file of FILES) svgs.push(...(await modelsOf(readFileSync(file, 'utf8'))).map(model => renderSvg(model)));
    await page.evaluate(svg => window.postMessage({ type: 'render', uri: 'file:///a.fly', svg }, '*'), svgs.join('\n'));
    await page.waitForFunction(() => document.querySelectorAll('#content svg').length > 0);
    return page;
}

/** Reads every painted stroke and fill off the page (halos in the background colour are not drawn marks). */
async function painted(page: Page): Promise<Painted[]> {
    return page.evaluate(() => {
        const canvas = document.createElement('canvas').getContext('2d')!;
        // The browser's own colour parser: any CSS colour (rgb(), color(srgb …) from color-mix) to RGBA.
        const rgba = (colour: string): [number, number, number, number] | undefined => {
            if (!colour || colour === 'none' || colour.startsWith('url')) return undefined;
            canvas.clearRect(0, 0, 1, 1);
            canvas.fillStyle = '#000';
            canvas.fillStyle = colour;
            canvas.fillRect(0, 0, 1, 1);
            const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
            return [r, g, b, a / 255];
        };
        const background = rgba(getComputedStyle(document.body).backgroundColor)!;
        const band = document.querySelector('.wheel-rim');
        const bandColour = band ? rgba(getComputedStyle(band).stroke) : undefined;
        const same = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) < 2 / 255 + (i === 3 ? 0.01 : 0));
        const found: Array<{ what: string; text: boolean; colour: [number, number, number, number]; on: [number, number, number, number] }> = [];
        const describe = (element: Element) => {
            const group = element.closest('[data-node], [data-source], [data-loop], .legend, .badge');
            const hook = group ? ['data-node', 'data-source', 'data-target', 'data-loop'].map(a => group.getAttribute(a)).filter(Boolean).join('→') : '';
            return `${element.localName}.${element.getAttribute('class') ?? ''} in ${group?.getAttribute('class') ?? 'svg'} ${hook}`;
        };
        for (const element of Array.from(document.querySelectorAll('#content svg *'))) {
            if (!(element instanceof SVGGraphicsElement) || element.closest('defs') && !element.closest('marker')) continue;
            if (['g', 'svg', 'title', 'defs', 'marker', 'rect'].includes(element.localName) || element.classList.contains('wheel-rim')) continue;
            const style = getComputedStyle(element);
            const text = element.localName === 'text' || element.localName === 'tspan';
            // What a link on the rim is drawn on is the rim's band.
            const on = element.closest('.link.rim') && bandColour ? bandColour : background;
            const fill = rgba(style.fill);
            const stroke = Number.parseFloat(style.strokeWidth) > 0 ? rgba(style.stroke) : undefined;
            if (text) {
                if (fill && element.textContent?.trim()) found.push({ what: describe(element), text: true, colour: fill, on });
                continue;
            }
            // A shape is seen by its outline or its fill, whichever stands out: take the one that does most.
            const candidates = [stroke, fill].filter((c): c is [number, number, number, number] => c !== undefined && !same(c, background));
            if (candidates.length === 0) continue;
            found.push({ what: describe(element), text: false, colour: candidates[0], on, ...(candidates[1] ? { alternative: candidates[1] } : {}) });
        }
        return found;
    });
}

function luminance([r, g, b]: Rgba): number {
    const channel = (v: number) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** A translucent colour as it shows over what it is on. */
function over(colour: Rgba, on: Rgba): Rgba {
    const a = colour[3];
    return [0, 1, 2].map(i => colour[i] * a + on[i] * (1 - a)).concat(1) as Rgba;
}

function contrast(colour: Rgba, on: Rgba): number {
    const [l1, l2] = [luminance(over(colour, on)), luminance(on)];
    return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}

function failing(all: Painted[]): string[] {
    return [...new Set(all.filter(p => {
        const alternative = (p as Painted & { alternative?: Rgba }).alternative;
        const best = Math.max(contrast(p.colour, p.on), alternative ? contrast(alternative, p.on) : 0);
        return best < (p.text ? 4.5 : 3);
    }).map(p => `${p.what}: ${contrast(p.colour, p.on).toFixed(2)}`))];
}

describe('contrast of every drawn element', () => {
    test.each(Object.keys(THEME_KINDS))('in the %s theme: strokes and marks at least 3:1, text at least 4.5:1', async kind => {
        const page = await openThemed(kind);
        const all = await painted(page);
        await page.close();
        expect(all.filter(p => p.text).length).toBeGreaterThan(50);
        expect(all.filter(p => !p.text).length).toBeGreaterThan(50);
        expect(failing(all)).toEqual([]);
    });

    test('the measure catches a theme whose link colour is too faint', async () => {
        const page = await openThemed('light', { descriptionForeground: '#d0d0d0' });
        const found = failing(await painted(page));
        await page.close();
        expect(found.some(f => f.startsWith('path.course in link'))).toBe(true);
        expect(found.some(f => f.startsWith('tspan') || f.startsWith('text.link-label') || f.startsWith('text'))).toBe(true);
    });
});
