/**
 * Runs the VS Code suite inside a real VS Code on a machine with no internet: code-server (VS
 * Code's server and web workbench, from npm) with its real Node extension host, shown in Debian's
 * headless Chromium driven by playwright-core (recipe: ../shared/VSCODE-TESTING.md).
 *
 * The suite's `run()` writes its result to a file; a suite that never reports is a failure.
 * While it runs, the suite can ask for screenshots, key presses and clicks in webviews, and read
 * what each preview webview drew and when (see suite/helpers.ts).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

import type { SuiteResult } from './report.ts';
import type { ElementInWebview, LauncherRequest, PreviewFrameLog, RunConfig } from './suite/helpers.ts';

export type { SuiteResult };

export interface CodeServerRun {
    /** The extension under development (a folder with a package.json). */
    extensionDevelopmentPath: string;
    /** The module exporting `run()`. */
    extensionTestsPath: string;
    /** Extensions installed beside it (e.g. from a .vsix), or none. */
    extensionsDir?: string;
    /** Where screenshots the suite asks for are saved. */
    screenshotsDir?: string;
    /** VS Code's colour theme for the run. */
    theme?: string;
    timeoutMs?: number;
    /** Extra environment for the (Node) extension host. */
    env?: Record<string, string>;
    /**
     * The extension host to run the extension under development in: `node` (the default), or
     * `web`, code-server's web worker extension host (as on vscode.dev), forced with the user
     * setting `remote.extensionKind`. The tests module must then be the browser bundle.
     */
    host?: RunConfig['host'];
}

const repo = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { publisher: string; name: string };
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const chromiumPath = '/usr/bin/chromium';

/** Installs code-server when needed (scripts/setup-code-server.sh) and returns its entry script. */
export function codeServerEntry(): string {
    const output = execFileSync('bash', [join(repo, 'scripts/setup-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return output.trim().split('\n').pop()!;
}

/** Installs a .vsix into a fresh extensions folder with code-server's own CLI. */
export function installVsix(entry: string, vsix: string): string {
    const extensionsDir = mkdtempSync(join(tmpdir(), 'flywheel-extensions-'));
    execFileSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: ['ignore', 'pipe', 'inherit'] });
    return extensionsDir;
}

export async function runInCodeServer(entry: string, run: CodeServerRun): Promise<SuiteResult> {
    const scratch = mkdtempSync(join(tmpdir(), 'flywheel-vscode-'));
    const workspace = join(scratch, 'workspace');
    const userData = join(scratch, 'user-data');
    // The suite's channel to the launcher is a folder of the workspace (see launcherFile in suite/helpers.ts).
    const channel = join(workspace, '.flywheel-test');
    const requests = join(channel, 'requests');
    const resultFile = join(channel, 'result.json');
    for (const folder of [workspace, join(userData, 'User'), requests]) mkdirSync(folder, { recursive: true });
    writeFileSync(join(channel, 'run.json'), JSON.stringify({ host: run.host ?? 'node' } satisfies RunConfig));
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
        ...(run.host === 'web' ? { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } : {}),
        // The built-in git extension cannot activate in this code-server build.
        'git.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.colorTheme': run.theme ?? 'Default Light Modern',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'window.restoreWindows': 'none',
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden'
    }));

    const port = await freePort();
    const log = join(scratch, 'code-server.log');
    const server = spawn(process.execPath, [
        entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userData,
        '--extensions-dir', run.extensionsDir ?? join(scratch, 'extensions'), workspace
    ], {
        env: { ...process.env, ...run.env },
        stdio: ['ignore', 'pipe', 'pipe']
    });
    const logStream = createWriteStream(log);
    server.stdout!.pipe(logStream);
    server.stderr!.pipe(logStream);

    let browser: Browser | undefined;
    try {
        await waitForHttp(`http://127.0.0.1:${port}/healthz`, server);
        browser = await chromium.launch({
            executablePath: chromiumPath,
            args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
        });
        const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
        // The workbench's console, the web worker extension host's included: what a failed run shows.
        const consoleLog = createWriteStream(join(scratch, 'console.log'));
        page.on('console', message => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
        page.on('pageerror', error => consoleLog.write(`[pageerror] ${error.message}\n`));
        // code-server registers a service worker of its own (for use offline) over its whole origin, which here
        // serves the webviews too: a webview page that found it in control waited for its own one to take over
        // ("Found unexpected service worker controller"), for tens of seconds, and a webview opened soon after
        // another stayed blank meanwhile. The launcher keeps code-server's away; the webviews' own one registers.
        // A webview page already controlled by the webviews' worker (every webview after the first) asks to
        // register it again all the same; Chromium queues that behind a soft update of the worker, and the
        // page waited for it (2-4 s here, tens of seconds on a busy machine: the blank preview of the web
        // worker suite's flaky runs). Such a page gets the registration it already has at once.
        await page.addInitScript(() => {
            type Register = (script: string | URL, options?: object) => Promise<unknown>;
            interface Workers { register: Register; controller: { scriptURL: string } | null; getRegistration(): Promise<unknown> }
            const workers = (globalThis as { navigator?: { serviceWorker?: Workers } }).navigator?.serviceWorker;
            if (!workers) return;
            const register = workers.register.bind(workers);
            workers.register = (script, options) => {
                if (String(script).includes('/_static/out/browser/serviceWorker.js')) return Promise.reject(new Error('no code-server service worker in tests'));
                // The webview page's own test for "already controlled by this worker" (pre/index.html).
                if (workers.controller?.scriptURL.endsWith(String(script))) return workers.getRegistration().then(found => found ?? register(script, options));
                return register(script, options);
            };
        });
        // Runs in every frame, webviews included, from the moment each is created (page/preview-recorder.ts).
        await page.addInitScript({ path: join(repo, 'out/test/preview-recorder.js') });
        const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
        const payload = [
            ['extensionDevelopmentPath', remote(run.extensionDevelopmentPath)],
            ['extensionTestsPath', remote(run.extensionTestsPath)]
        ];
        // On a busy machine the workbench can take longer than Playwright's default 30 s to load.
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 120_000 });
        return await waitForResult(page, resultFile, requests, run, server, log);
    } finally {
        await browser?.close();
        server.kill();
        await new Promise(done => (server.exitCode !== null ? done(undefined) : server.once('exit', done)));
        // code-server may still be writing its state as it exits: retry, and never fail the run on clean-up.
        if (!process.env.FLYWHEEL_KEEP_SCRATCH) {
            try {
                rmSync(scratch, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
            } catch { /* left in the temp folder */ }
        }
    }
}

/** Serves the suite's requests until it writes its result (or the host dies, or time runs out). */
async function waitForResult(page: Page, resultFile: string, requests: string, run: CodeServerRun, server: ChildProcess, log: string): Promise<SuiteResult> {
    const deadline = Date.now() + (run.timeoutMs ?? 10 * 60_000);
    // Requests stay in place once served: VS Code's file system looks at a file again after writing or moving it.
    const served = new Set<string>();
    for (;;) {
        const result = readJson<SuiteResult>(resultFile);
        if (result) return result;
        for (const request of readdirSync(requests).filter(name => name.endsWith('.request') && !served.has(name)).sort()) {
            const id = request.replace(/\.request$/, '');
            const asked = JSON.parse(readFileSync(join(requests, request), 'utf8')) as LauncherRequest;
            served.add(request);
            const answer = await serve(page, asked, run).then(value => ({ value }), (e: Error) => ({ error: e.message }));
            // Written whole, then renamed: the suite must never read a half-written answer.
            writeFileSync(join(requests, `${id}.answer`), JSON.stringify(answer));
            renameSync(join(requests, `${id}.answer`), join(requests, `${id}.done`));
        }
        const exited = /Extension Host Process exited with code: (\d+)/.exec(readFileSync(log, 'utf8'));
        if (exited && !existsSync(resultFile)) {
            throw new Error(`the extension host exited (code ${exited[1]}) without a suite result; see the log:\n${tail(log)}`);
        }
        if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}:\n${tail(log)}`);
        if (Date.now() > deadline) throw new Error(`the VS Code suite did not finish in time:\n${tail(log)}`);
        await new Promise(done => setTimeout(done, 20));
    }
}

/** The suite's result once it is there and written whole (the extension host writes it through VS Code's file system). */
function readJson<T>(file: string): T | undefined {
    try {
        return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
        return undefined;
    }
}

/**
 * Acts on the workbench for the suite, which cannot reach the page from the extension host, and
 * answers with what the suite asked to know (a clock reading, the preview's drawings).
 */
async function serve(page: Page, request: LauncherRequest, run: CodeServerRun): Promise<unknown> {
    if (request.action === 'previewLog') {
        const logs: PreviewFrameLog[] = [];
        for (const frame of page.frames()) {
            const log = await frame.evaluate(() => {
                const page = globalThis as { flywheelPreviewLog?: PreviewFrameLog['entries']; flywheelPreviewLoadedAt?: number };
                return page.flywheelPreviewLog && { loadedAt: page.flywheelPreviewLoadedAt!, entries: page.flywheelPreviewLog };
            }).catch(() => undefined);
            if (log) logs.push({ frame: frame.url(), ...log });
        }
        return logs;
    }
    if (request.action === 'read') return readInFrames(page, request);
    if (request.action === 'type') {
        // The clock the page's log uses (one machine, one clock), read just before the key goes down.
        const at = Date.now();
        await page.keyboard.type(request.text);
        return at;
    }
    if (request.action === 'screenshot') {
        if (!run.screenshotsDir) return;
        mkdirSync(run.screenshotsDir, { recursive: true });
        await page.waitForTimeout(500); // let the workbench paint what the suite just opened
        await page.screenshot({ path: join(run.screenshotsDir, `${request.name}.png`) });
        return;
    }
    if (request.action === 'wait') {
        await page.waitForSelector(request.selector, { state: 'visible', timeout: 15_000 });
        return;
    }
    if (request.action === 'press') {
        // E.g. accepting the path VS Code's own save dialog offers (a quick input in the web workbench).
        if (request.waitFor) await page.waitForSelector(request.waitFor, { state: 'visible', timeout: 15_000 });
        await page.keyboard.press(request.key);
        return;
    }
    // Webviews are iframes inside iframes: click in the frame that holds the element.
    // A locator, not an element handle: the preview may swap the drawing between finding the
    // element and clicking it, and a locator finds it again instead of clicking a detached node.
    for (const frame of page.frames()) {
        const element = await frame.$(request.selector).catch(() => null);
        if (element) {
            await frame.locator(request.selector).first().click({ timeout: 15_000 });
            return;
        }
    }
    throw new Error(`no webview element matches ${request.selector}`);
}

/** Every element matching the selector in any frame (webviews are iframes inside iframes). */
async function readInFrames(page: Page, { selector, attribute, style }: Extract<LauncherRequest, { action: 'read' }>): Promise<ElementInWebview[]> {
    const found: ElementInWebview[] = [];
    for (const frame of page.frames()) {
        const elements = await frame.$$eval(selector, (matches, asked) => matches.map(element => ({
            text: element.textContent ?? '',
            attribute: asked.attribute === undefined ? undefined : element.getAttribute(asked.attribute),
            style: asked.style === undefined ? undefined : element.ownerDocument.defaultView?.getComputedStyle(element).getPropertyValue(asked.style)
        })), { attribute, style }).catch(() => []); // a frame that navigated away meanwhile
        found.push(...elements);
    }
    return found;
}

/** The end of code-server's log, and of the workbench's console beside it. */
function tail(log: string): string {
    const console = join(dirname(log), 'console.log');
    const last = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '');
    return `${last(log)}\n--- the workbench's console:\n${last(console)}`;
}

async function waitForHttp(url: string, server: ChildProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
        try {
            const response = await fetch(url);
            if (response.ok) return;
        } catch {
            // not listening yet
        }
        if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode} before it answered`);
        if (Date.now() > deadline) throw new Error('code-server did not answer within 60 s');
        await new Promise(done => setTimeout(done, 200));
    }
}

function freePort(): Promise<number> {
    return new Promise((resolvePort, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address() as { port: number };
            probe.close(() => resolvePort(port));
        });
    });
}
