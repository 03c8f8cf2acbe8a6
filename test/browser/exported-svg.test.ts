/**
 * The drawings `flywheel render` writes, opened in headless Chromium the ways a reviewer might open an
 * attachment: as a page of its own (over HTTP and from disk) and embedded with <img>, <object> and
 * <iframe> (where a script in an SVG would run). With hostile text everywhere the language takes
 * text, none of them runs anything or loads anything from outside, and each is well-formed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runFlywheel, tempTree } from '../cli/run-flywheel.js';
import { hostileFlywheel, XSS_PAYLOADS } from '../support/xss-corpus.js';
import { launchChromium, serve, watchPage } from './chromium.js';

let folder: string;
let server: { origin: string; close(): void };
let browser: Browser;

beforeAll(async () => {
    folder = tempTree({ 'hostile.fly': XSS_PAYLOADS.map((payload, i) => hostileFlywheel(payload, `W${i}`)).join('\n') });
    const run = runFlywheel(['render', 'hostile.fly'], { cwd: folder });
    expect(run.status, run.stderr).toBe(0);
    server = await serve(path => {
        const svg = /^\/svg\/(W\d+)\.svg$/.exec(path);
        if (svg) return { type: 'image/svg+xml', body: readFileSync(join(folder, `hostile-${svg[1]}.svg`)) };
        const embed = /^\/embed\/(W\d+)$/.exec(path);
        if (embed) {
            const src = `/svg/${embed[1]}.svg`;
            return { type: 'text/html', body: `<!DOCTYPE html><html><body><img src="${src}"><object data="${src}" type="image/svg+xml"></object><iframe src="${src}"></iframe></body></html>` };
        }
        return undefined;
    });
    browser = await launchChromium();
});

afterAll(async () => {
    await browser?.close();
    server?.close();
});

/** Opens `url` in a fresh page and reports what ran, what was requested outside, and whether it showed an SVG. */
async function open(url: string): Promise<{ ran: boolean; outside: string[]; page: Page }> {
    const page = await browser.newPage();
    const watch = await watchPage(page, server.origin);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(150);
    return { ran: await watch.ran(), outside: watch.outside, page };
}

describe('every exported drawing with hostile text', () => {
    test.each(XSS_PAYLOADS.map((p, i) => [i, p.length > 60 ? `${p.slice(0, 60)}…` : p] as const))('W%i (%s) runs nothing and loads nothing, opened or embedded', async index => {
        const name = `W${index}`;
        for (const url of [`${server.origin}/svg/${name}.svg`, pathToFileURL(join(folder, `hostile-${name}.svg`)).href]) {
            const { ran, outside, page } = await open(url);
            expect(ran, url).toBe(false);
            expect(outside, url).toEqual([]);
            // Chromium shows an XML error page instead when the file is not well-formed.
            expect(await page.evaluate(() => [document.documentElement.localName, document.querySelector('parsererror') === null]), url).toEqual(['svg', true]);
            expect(await page.locator('text.title').textContent()).toBe(XSS_PAYLOADS[index]);
            await page.close();
        }
        const { ran, outside, page } = await open(`${server.origin}/embed/${name}`);
        expect(ran).toBe(false);
        expect(outside).toEqual([]);
        expect(await page.evaluate(() => (document.querySelector('img') as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
        await page.close();
    });
});
