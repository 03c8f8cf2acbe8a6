/**
 * The preview page in headless Chromium, as the webview runs it: the real page HTML and CSP,
 * the real bundled script, drawings from the real renderer. Labels full of markup run nothing.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { previewHtml } from '../../client/preview-html.js';
import type { FromPreview, ToPreview } from '../../client/webview/messages.js';
import { renderSvg } from '../../renderer/svg.js';
import { modelsOf } from '../renderer/render-helpers.js';

const NONCE = 'testnonce123';
let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
const outsideRequests: string[] = [];

beforeAll(async () => {
    server = createServer((request, response) => {
        if (request.url === '/preview.js') {
            response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync('out/webview/preview.js'));
        } else {
            response.writeHead(200, { 'content-type': 'text/html' }).end(previewHtml({ cspSource: origin, nonce: NONCE, scriptUri: `${origin}/preview.js` }));
        }
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    });
});

afterAll(async () => {
    await browser?.close();
    server?.close();
});

beforeEach(async () => {
    page = await browser.newPage();
    page.on('request', request => { if (!request.url().startsWith(origin) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) outsideRequests.push(request.url()); });
    // What the webview host provides: acquireVsCodeApi, whose messages the test reads back.
    await page.addInitScript(() => {
        const posted: unknown[] = [];
        (window as unknown as { posted: unknown[] }).posted = posted;
        (window as unknown as { acquireVsCodeApi: unknown }).acquireVsCodeApi = () => ({
            postMessage: (message: unknown) => posted.push(message),
            getState: () => undefined,
            setState: () => undefined
        });
        window.alert = () => { (window as unknown as { ran: boolean }).ran = true; };
    });
    await page.goto(origin);
    await waitForPosted(m => m.type === 'ready');
});

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
        const rendered = await waitForPosted(m => m.type === 'rendered');
        expect(rendered).toEqual({ type: 'rendered', nodes: ['growth', 'experience', 'traffic', 'prices', 'stray'], banner: undefined });
        expect(await page.locator('#content g[data-link]').count()).toBe(4);
        expect(await page.locator('#content .title').textContent()).toBe("Amazon's virtuous cycle");
        expect(await page.locator('#content g.node.off').getAttribute('data-node')).toBe('stray');
        expect(await page.locator('#banner').isHidden()).toBe(true);
    });

    test('keeps the last drawing and shows a banner on a syntax error', async () => {
        const [model] = await modelsOf(wheel);
        await send({ type: 'render', uri: 'file:///a.fly', svg: renderSvg(model) });
        await send({ type: 'syntax-error', message: "line 3: Expecting token of type 'ID' but found `}`." });
        const rendered = await waitForPosted(m => m.type === 'rendered' && Boolean(m.banner));
        expect(rendered.type === 'rendered' && rendered.nodes).toHaveLength(5);
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
        expect(await waitForPosted(m => m.type === 'highlighted')).toEqual({ type: 'highlighted', node: 'prices', link: undefined });
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

describe('hostile labels', () => {
    const attacks = [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '<svg onload=alert(1)>',
        '<a href=\\"javascript:alert(1)\\">x</a>',
        ']]><foreignObject><iframe src=\\"javascript:alert(1)\\"></iframe></foreignObject>',
        '&lt;script&gt;alert(1)&lt;/script&gt;',
        '</text><style>*{background:url(https://example.com/x)}</style>'
    ];

    test.each(attacks)('%s is shown as text and runs nothing', async attack => {
        const [model] = await modelsOf(`flywheel W "${attack}" {\n    /** ${attack.replace(/\*\//g, '')} */\n    goal g "${attack}"\n    cost quality driver d "${attack}"\n    g -> d "${attack}" -> g\n}`);
        await send({ type: 'render', uri: 'file:///w.fly', svg: renderSvg(model) });
        await waitForPosted(m => m.type === 'rendered');
        await page.waitForTimeout(200);
        expect(await page.evaluate(() => (window as unknown as { ran?: boolean }).ran)).toBeUndefined();
        expect(await page.locator('#content script, #content img, #content iframe, #content foreignObject, #content style').count()).toBe(0);
        expect(await page.locator('#content .title').textContent()).toBe(attack.replace(/\\"/g, '"'));
        expect(outsideRequests).toEqual([]);
    });

    test('the CSP blocks a script that has no nonce, even one added from inside the page', async () => {
        const html = await (await fetch(origin)).text();
        expect(html).toContain(`script-src 'nonce-${NONCE}'`);
        expect(html).toContain("default-src 'none'");
        expect(html).not.toMatch(/\son[a-z]+=/i);
        await page.evaluate(() => {
            const script = document.createElement('script');
            script.textContent = 'window.alert(1)';
            document.body.appendChild(script);
        });
        expect(await page.evaluate(() => (window as unknown as { ran?: boolean }).ran)).toBeUndefined();
    });
});
