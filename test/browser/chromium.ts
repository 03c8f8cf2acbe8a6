/** Headless Chromium for the browser tests: one browser, a local server, and a watch on what a page runs and loads. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
    return chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    });
}

/** A local HTTP server answering each path with what `route` gives (404 otherwise). */
export async function serve(route: (path: string) => { type: string; body: string | Buffer } | undefined): Promise<{ origin: string; close(): void }> {
    const server = createServer((request, response) => {
        const answer = route(request.url ?? '/');
        if (!answer) return void response.writeHead(404).end();
        response.writeHead(200, { 'content-type': answer.type }).end(answer.body);
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export interface PageWatch {
    /** Whether anything a payload does ran: a dialog, `alert`/`confirm`/`prompt`, or `window.pwned` set (in any frame). */
    ran(): Promise<boolean>;
    /** Requests for anything outside `origin` that the CSP did not stop (blob: and data: URLs made by the page itself excepted). */
    outside: string[];
}

/** Hooks a page before it loads anything, so that a payload that runs or loads is seen. */
export async function watchPage(page: Page, origin: string): Promise<PageWatch> {
    const outside: string[] = [];
    let dialogs = 0;
    const isOutside = (url: string) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:') && !url.startsWith('file:');
    page.on('request', request => { if (isOutside(request.url())) outside.push(request.url()); });
    // Chromium reports a request the CSP stopped before it left the browser; that one loaded nothing.
    page.on('requestfailed', request => {
        if (request.failure()?.errorText === 'csp') outside.splice(outside.indexOf(request.url()), 1);
    });
    page.on('dialog', dialog => { dialogs++; void dialog.dismiss(); });
    await page.addInitScript(() => {
        const mark = () => { (window.top as unknown as { pwned?: number }).pwned = 1; };
        window.alert = mark;
        window.confirm = () => { mark(); return false; };
        window.prompt = () => { mark(); return null; };
    });
    return {
        outside,
        async ran() {
            const pwned = () => (window as unknown as { pwned?: number }).pwned;
            const frames = await Promise.all(page.frames().map(frame => frame.evaluate(pwned).catch(() => undefined)));
            return dialogs > 0 || frames.some(Boolean);
        }
    };
}
