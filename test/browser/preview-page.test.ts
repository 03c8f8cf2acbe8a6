/**
 * The preview page in headless Chromium, as the webview runs it: the real page HTML and CSP,
 * the real bundled script, drawings from the real renderer. Labels full of markup run nothing.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { newNonce, previewHtml } from '../../client/preview-html.js';
import type { FromPreview, ToPreview } from '../../client/webview/messages.js';
import { renderSvg } from '../../renderer/svg.js';
import { modelsOf } from '../renderer/render-helpers.js';
import { hostileFlywheel, XSS_PAYLOADS } from '../support/xss-corpus.js';
import { launchChromium, type PageWatch, serve, watchPage } from './chromium.js';

const NONCE = 'testnonce123';
let server: { origin: string; close(): void };
let origin: string;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
    server = await serve(path => {
        if (path === '/preview.js') return { type: 'text/javascript', body: readFileSync('out/webview/preview.js') };
        const html = previewHtml({ cspSource: origin, nonce: NONCE, scriptUri: `${origin}/preview.js` });
        return { type: 'text/html', body: path === '/with-probe' ? html.replace('</body>', `<script nonce="${NONCE}">${CSP_PROBE}</script></body>`) : html };
    });
    origin = server.origin;
    browser = await launchChromium();
});

afterAll(async () => {
    await browser?.close();
    server?.close();
});

beforeEach(async () => {
    await page?.close();
    page = await browser.newPage();
    watch = await watchPage(page, origin);
    // What the webview host provides: acquireVsCodeApi, whose messages the test reads back.
    await page.addInitScript(() => {
        const posted: unknown[] = [];
        (window as unknown as { posted: unknown[] }).posted = posted;
        (window as unknown as { acquireVsCodeApi: unknown }).acquireVsCodeApi = () => ({
            postMessage: (message: unknown) => posted.push(message),
            getState: () => undefined,
            setState: () => undefined
        });
    });
    await page.goto(origin);
    await waitForPosted(m => m.type === 'ready');
});

/** Tries, from inside the page, what the policy must block, and reports on `window.probe`. */
const CSP_PROBE = `
const probe = { violations: [], evalError: null, inlineRan: false, done: false };
window.probe = probe;
document.addEventListener('securitypolicyviolation', event => probe.violations.push(event.effectiveDirective));
try { (0, eval)('1'); } catch (error) { probe.evalError = error.name; }
const inline = document.createElement('script');
inline.textContent = 'window.probe.inlineRan = true';
document.body.appendChild(inline);
const image = document.createElement('img');
image.src = 'https://example.com/x.png';
document.body.appendChild(image);
const sheet = document.createElement('link');
sheet.rel = 'stylesheet';
sheet.href = 'https://example.com/x.css';
document.head.appendChild(sheet);
setTimeout(() => { probe.done = true; }, 300);
`;

async function waitForProbe(): Promise<{ violations: string[]; evalError: string | null; inlineRan: boolean }> {
    await page.waitForFunction(() => (window as unknown as { probe?: { done: boolean } }).probe?.done);
    return page.evaluate(() => (window as unknown as { probe: { violations: string[]; evalError: string | null; inlineRan: boolean } }).probe);
}

async function posted(): Promise<FromPreview[]> {
    return page.evaluate(() => (window as unknown as { posted: FromPreview[] }).posted);
}

async function waitForPosted(match: (message: FromPreview) => boolean): Promise<FromPreview> {
    for (let i = 0; i < 100; i++) {
        const found = (await posted()).filter(match).pop();
        if (found) return found;
        await page.waitForTimeout(50);
    }
    throw new Error('the page did not post the expected message');
}

async function send(message: ToPreview): Promise<void> {
    await page.evaluate(m => window.postMessage(m, '*'), message);
}

const wheel = `flywheel Amazon "Amazon's virtuous cycle" {
    goal growth "Growth"
    quality driver experience "Customer experience"
    driver traffic "Traffic"
    cost driver prices "Lower prices"
    driver stray "Stray"
    experience -> traffic -> growth -> prices -> experience
}`;

describe('the preview page', () => {
    test('draws what the renderer made: every node, links, the title', async () => {
        const [model] = await modelsOf(wheel);
        await send({ type: 'render', uri: 'file:///a.fly', svg: renderSvg(model) });
        await waitForPosted(m => m.type === 'rendered');
        expect(await page.locator('#content g[data-node]').evaluateAll(nodes => nodes.map(n => n.getAttribute('data-node')))).toEqual(['growth', 'experience', 'traffic', 'prices', 'stray']);
        expect(await page.locator('#content g[data-link]').count()).toBe(4);
        expect(await page.locator('#content .title').textContent()).toBe("Amazon's virtuous cycle");
        expect(await page.locator('#content g.node.off').getAttribute('data-node')).toBe('stray');
        expect(await page.locator('#banner').isHidden()).toBe(true);
    });

    test('keeps the last drawing and shows a banner on a syntax error', async () => {
        const [model] = await modelsOf(wheel);
        await send({ type: 'render', uri: 'file:///a.fly', svg: renderSvg(model) });
        await send({ type: 'syntax-error', message: "line 3: Expecting token of type 'ID' but found `}`." });
        await expect.poll(() => page.locator('#banner').isVisible()).toBe(true);
        expect(await page.locator('#content g[data-node]').count()).toBe(5);
        expect(await page.locator('#banner').textContent()).toContain('line 3: Expecting token');
    });

    test('a click on a node asks to reveal it; the cursor highlights a node', async () => {
        const [model] = await modelsOf(wheel);
        await send({ type: 'render', uri: 'file:///a.fly', svg: renderSvg(model) });
        await waitForPosted(m => m.type === 'rendered');
        await page.locator('g[data-node="traffic"] circle.body').click();
        expect(await waitForPosted(m => m.type === 'reveal')).toEqual({ type: 'reveal', flywheel: 'Amazon', node: 'traffic' });
        await send({ type: 'highlight', flywheel: 'Amazon', node: 'prices' });
        await expect.poll(() => page.locator('.highlighted').getAttribute('data-node')).toBe('prices');
        expect(await page.locator('.highlighted').count()).toBe(1);
    });

    test('a redraw swaps only what changed: the other nodes stay the same elements, the highlight stays', async () => {
        const [before] = await modelsOf(wheel);
        const [after] = await modelsOf(wheel.replace('"Traffic"', '"Traffic, typed"'));
        await send({ type: 'render', uri: 'file:///a.fly', svg: renderSvg(before) });
        await waitForPosted(m => m.type === 'rendered');
        await send({ type: 'highlight', flywheel: 'Amazon', node: 'prices' });
        await expect.poll(() => page.locator('.highlighted').getAttribute('data-node')).toBe('prices');
        // Each element is tagged, as a page script could not do through the renderer's markup.
        await page.evaluate(() => document.querySelectorAll('#content g[data-node]').forEach((g, i) => Object.assign(g, { tag: i })));
        await send({ type: 'render', uri: 'file:///a.fly', svg: renderSvg(after) });
        await expect.poll(() => page.locator('g[data-node="traffic"] title').textContent()).toContain('Traffic, typed');
        const tags = await page.evaluate(() => Array.from(document.querySelectorAll('#content g[data-node]')).map(g => [g.getAttribute('data-node'), (g as unknown as { tag?: number }).tag ?? null]));
        // Every node's element is still there (the relabelled one updated in place), in order.
        expect(tags).toEqual([['growth', 0], ['experience', 1], ['traffic', 2], ['prices', 3], ['stray', 4]]);
        // And the page holds exactly what drawing the new SVG from scratch would give.
        const fresh = await page.evaluate(svg => {
            const parsed = new DOMParser().parseFromString(`<div xmlns="http://www.w3.org/1999/xhtml">${svg}</div>`, 'application/xhtml+xml');
            const div = document.createElement('div');
            div.append(...Array.from(parsed.documentElement.children).map(child => document.importNode(child, true)));
            div.querySelector('g[data-node="prices"]')!.classList.add('highlighted');
            return div.innerHTML;
        }, renderSvg(after));
        expect(await page.locator('#content').innerHTML()).toBe(fresh);
    });

    test('says, as text, which flywheels are too large to draw', async () => {
        const [model] = await modelsOf(wheel);
        const sentence = "'<b>Big</b>' has 5,001 nodes and 6,001 links: too large to draw here.";
        await send({ type: 'render', uri: 'file:///a.fly', svg: renderSvg(model), notDrawn: [sentence] });
        await waitForPosted(m => m.type === 'rendered');
        expect(await page.locator('#content p.not-drawn').allTextContents()).toEqual([sentence]);
        expect(await page.locator('#content b').count()).toBe(0);
        expect(await page.locator('#content svg').count()).toBe(1);
    });

    test('exports a PNG through the canvas', async () => {
        const [model] = await modelsOf(wheel);
        await send({ type: 'rasterize', id: 7, svg: renderSvg(model, { standalone: true }), scale: 2 });
        const result = await waitForPosted(m => m.type === 'rasterized');
        expect(result.type === 'rasterized' && result.error).toBeUndefined();
        const png = Buffer.from((result as { png: string }).png, 'base64');
        expect(png.subarray(1, 4).toString()).toBe('PNG');
    });
});

/** The element names the renderer uses, read off a drawing with every feature (not copied by hand). */
async function rendererVocabulary(): Promise<Set<string>> {
    const [model] = await modelsOf(`flywheel V "V" {\n    goal g "G"\n    cost quality driver d "D"\n    driver e\n    driver off\n    g -> d "l" ~> e -| g\n    e -> off\n}`);
    return new Set([...renderSvg(model).matchAll(/<([a-zA-Z]+)[\s>/]/g)].map(m => m[1]));
}

describe('hostile text in labels and doc comments', () => {
    test.each(XSS_PAYLOADS.map(p => [p.length > 60 ? `${p.slice(0, 60)}…` : p, p]))('%s is shown as text, runs nothing and loads nothing', async (_, payload) => {
        const vocabulary = await rendererVocabulary();
        const [model] = await modelsOf(hostileFlywheel(payload));
        await send({ type: 'render', uri: 'file:///w.fly', svg: renderSvg(model) });
        expect((await waitForPosted(m => m.type === 'rendered')).type === 'rendered').toBe(true);
        await page.locator('g[data-node="d"] circle.body').hover();
        await page.waitForTimeout(100);
        expect(await watch.ran()).toBe(false);
        expect(watch.outside).toEqual([]);
        const drawn = await page.evaluate(() => Array.from(document.querySelectorAll('#content *')).map(e => ({
            tag: e.localName,
            attributes: Array.from(e.attributes).map(a => a.name)
        })));
        expect(drawn.map(e => e.tag).filter(tag => !vocabulary.has(tag))).toEqual([]);
        expect(drawn.flatMap(e => e.attributes).filter(a => /^on|href$/i.test(a))).toEqual([]);
        // The payload is there, as text: the title, and the goal's tooltip with the doc comment.
        expect(await page.locator('#content .title').textContent()).toBe(payload);
        expect(await page.locator('g[data-node="g"] > title').textContent()).toContain(payload.replace(/\*\//g, '* /').trim().split('\n')[0]);
    });
});

describe('the Content-Security-Policy', () => {
    /** The served page's policy, parsed by the browser's own HTML parser and split into directives. */
    interface ServedPolicy { directives: Map<string, string[]>; scripts: Array<string | null>; styles: Array<string | null>; handlers: string[] }
    async function servedPolicy(): Promise<ServedPolicy> {
        const html = await (await fetch(origin)).text();
        const served = await page.evaluate(source => {
            const parsed = new DOMParser().parseFromString(source, 'text/html');
            const content = parsed.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
            const directives = content.split(';').map(d => d.trim().split(/\s+/)).filter(d => d[0]);
            return {
                directives: directives.map(([name, ...values]) => [name, values] as [string, string[]]),
                scripts: Array.from(parsed.querySelectorAll('script')).map(s => s.getAttribute('nonce')),
                styles: Array.from(parsed.querySelectorAll('style, link[rel=stylesheet]')).map(s => s.getAttribute('nonce')),
                handlers: Array.from(parsed.querySelectorAll('*')).flatMap(e => Array.from(e.attributes).map(a => a.name).filter(n => n.startsWith('on')))
            };
        }, html);
        return { ...served, directives: new Map(served.directives) };
    }

    test('allows only the nonce for scripts, the extension and the nonce for styles, and nothing by default', async () => {
        const { directives, scripts, styles, handlers } = await servedPolicy();
        expect(directives.get('default-src')).toEqual(["'none'"]);
        expect(directives.get('script-src')).toEqual([`'nonce-${NONCE}'`]);
        expect(directives.get('style-src')).toEqual([origin, `'nonce-${NONCE}'`]);
        expect(directives.get('img-src')).toEqual([origin, 'data:', 'blob:']);
        expect([...directives.keys()].sort()).toEqual(['default-src', 'img-src', 'script-src', 'style-src']);
        expect(scripts).toEqual([NONCE]);
        expect(styles).toEqual([NONCE]);
        expect(handlers).toEqual([]);
    });

    test('every page gets a fresh nonce', () => {
        const nonces = new Set(Array.from({ length: 20 }, newNonce));
        expect(nonces.size).toBe(20);
        for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9]{20,}$/);
    });

    test('blocks eval, an inline script, an outside image and an outside style sheet, even for a script that got in', async () => {
        // The real page and policy, with one more script carrying the nonce (the worst case: code
        // already running in the page) that tries what an attacker would try next.
        await page.goto(`${origin}/with-probe`);
        const probe = await waitForProbe();
        expect(probe.violations.sort()).toEqual(['img-src', 'script-src', 'script-src-elem', 'style-src-elem']);
        expect(probe.evalError).toBe('EvalError');
        expect(probe.inlineRan).toBe(false);
        expect(await watch.ran()).toBe(false);
        expect(watch.outside).toEqual([]);
    });
});
