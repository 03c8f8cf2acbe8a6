/**
 * Helpers for the VS Code suite: a scratch workspace, waiting on diagnostics, screenshots. They use
 * only the `vscode` API, so the suite runs in the Node and in the web worker extension host alike.
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'flywheel-lang.flywheel';

/** The workspace folder the launcher opened (a temporary copy; tests may edit it freely). */
export function workspaceFolder(): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the VS Code suite needs a workspace folder');
    return folder.uri;
}

export async function writeFile(name: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(workspaceFolder(), name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return uri;
}

/**
 * Closes every editor, and the editor groups they leave: in code-server, a webview opened to the
 * side into an empty group left behind by closing its editors was seen to stay blank.
 */
export async function closeAllEditors(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
}

export async function openFile(name: string, text: string): Promise<vscode.TextEditor> {
    const uri = await writeFile(name, text);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document);
}

/** Polls until `condition` holds, instead of sleeping a fixed time. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, everyMs));
    }
}

export function codesOf(uri: vscode.Uri): string[] {
    return vscode.languages.getDiagnostics(uri).map(d => String(typeof d.code === 'object' ? d.code.value : d.code)).sort();
}

/** Waits until the document's diagnostic codes are exactly `codes` (sorted). */
export function waitForCodes(uri: vscode.Uri, codes: string[]): Promise<vscode.Diagnostic[]> {
    const expected = [...codes].sort().join(',');
    return waitFor(`diagnostics [${expected}] on ${uri.path}`, () =>
        codesOf(uri).join(',') === expected ? vscode.languages.getDiagnostics(uri) : undefined);
}

/**
 * Where the suite and its launcher talk: a folder of the workspace, on the launcher's disk (the
 * web worker extension host has neither a file system of its own nor environment variables).
 * `run.json` (from the launcher): how the suite is run; `requests/`: see askLauncher;
 * `result.json` (from the suite): its counts and failures.
 */
export function launcherFile(...path: string[]): vscode.Uri {
    return vscode.Uri.joinPath(workspaceFolder(), '.flywheel-test', ...path);
}

export interface RunConfig {
    /** The extension host the launcher put the extension in. */
    host: 'node' | 'web';
}

export async function runConfig(): Promise<RunConfig> {
    const text = await readText(launcherFile('run.json'));
    return { host: 'node', ...(text === undefined ? {} : JSON.parse(text) as Partial<RunConfig>) };
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
        return undefined;
    }
}

/** True when the launcher drives the workbench in a browser (code-server) and takes requests. */
export async function launcherTakesRequests(): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(launcherFile('requests'));
        return true;
    } catch {
        return false;
    }
}

/** What the suite can ask the code-server launcher to do on the workbench page. */
export type LauncherRequest =
    | { action: 'screenshot'; name: string }
    | { action: 'click'; selector: string }
    | { action: 'press'; key: string; waitFor?: string }
    | { action: 'type'; text: string }
    | { action: 'wait'; selector: string }
    | { action: 'previewLog' }
    | { action: 'read'; selector: string; attribute?: string; style?: string };

/** An element `read` found in a webview: its text, one attribute's value and one computed style property's, when asked for. */
export interface ElementInWebview {
    text: string;
    attribute?: string | null;
    style?: string;
}

/** What a preview page showed after one change to it, read from the page by the launcher. */
export interface PreviewState {
    /** When the page changed, and when the next frame was painted (ms since the epoch, the machine's clock). */
    at: number;
    painted?: number;
    flywheels: string[];
    nodes: string[];
    /** Each node's text (label and tooltip), by name. */
    texts: Record<string, string>;
    /** In a visual diff, each marked node's `data-change`, by name. */
    changes: Record<string, string>;
    notDrawn: string[];
    banner: string | null;
    highlighted: { node?: string; link?: number } | null;
}

/** Every change one preview webview went through, oldest first. */
export interface PreviewFrameLog {
    frame: string;
    /** When the preview page was there (its script loaded), ms since the epoch. */
    loadedAt: number;
    entries: PreviewState[];
}

let requestCount = 0;

/**
 * Asks the launcher to act on the workbench page (a screenshot, a click inside a webview) and
 * waits until it has. Only the code-server launcher can; elsewhere this throws.
 */
async function askLauncher<T = void>(request: LauncherRequest): Promise<T> {
    if (!(await launcherTakesRequests())) throw new Error(`this launcher cannot ${request.action} in the workbench (run the suite with code-server)`);
    const id = `${++requestCount}-${request.action}`;
    // Written whole, then renamed: the launcher must never read a half-written request.
    const asking = launcherFile('requests', `${id}.asking`);
    await vscode.workspace.fs.writeFile(asking, new TextEncoder().encode(JSON.stringify(request)));
    await vscode.workspace.fs.rename(asking, launcherFile('requests', `${id}.request`));
    const done = await waitFor(`the launcher to ${request.action}`, () => readText(launcherFile('requests', `${id}.done`)), 30_000, 10);
    const answer = JSON.parse(done) as { value?: T; error?: string };
    if (answer.error !== undefined) throw new Error(answer.error);
    return answer.value as T;
}

/** A screenshot of the workbench, saved by the launcher under the name given (when it can take one). */
export async function screenshot(name: string): Promise<void> {
    if (await launcherTakesRequests()) await askLauncher({ action: 'screenshot', name });
}

/** A real mouse click on the first element matching `selector` inside a webview. */
export function clickInWebview(selector: string): Promise<void> {
    return askLauncher({ action: 'click', selector });
}

/** A real key press on the workbench, once `waitFor` (a CSS selector) is visible. */
export function pressKey(key: string, waitFor?: string): Promise<void> {
    return askLauncher({ action: 'press', key, waitFor });
}

/** Types `text` on the workbench with real key presses; resolves with the time just before the first. */
export function typeKeys(text: string): Promise<number> {
    return askLauncher<number>({ action: 'type', text });
}

/** Every preview webview's log of what it drew (see PreviewState). */
export function previewLogs(): Promise<PreviewFrameLog[]> {
    return askLauncher<PreviewFrameLog[]>({ action: 'previewLog' });
}

/**
 * The first state, since `since` (ms since the epoch), of any preview that satisfies `holds`:
 * waits for it. Which preview is told by what it shows (its flywheel's name, say).
 */
export async function waitForPreview(what: string, holds: (state: PreviewState) => boolean, since = 0, timeoutMs = 20_000): Promise<PreviewState> {
    return (await waitForPreviewPage(what, holds, since, timeoutMs)).state;
}

/** As `waitForPreview`, with the page's log the state was found in. */
export function waitForPreviewPage(
    what: string, holds: (state: PreviewState) => boolean, since = 0, timeoutMs = 20_000
): Promise<{ state: PreviewState; page: PreviewFrameLog }> {
    return waitFor(`the preview to show ${what}`, async () => {
        for (const page of await previewLogs()) {
            const state = page.entries.find(entry => entry.at >= since && holds(entry));
            if (state) return { state, page };
        }
        return undefined;
    }, timeoutMs);
}

/** What the preview showing `flywheel` shows now (its latest state). */
export async function previewNow(flywheel: string): Promise<PreviewState | undefined> {
    const logs = await previewLogs();
    const log = logs.find(({ entries }) => entries.at(-1)?.flywheels.includes(flywheel));
    return log?.entries.at(-1);
}

/** When a state was on screen: its painted frame, or the change itself where the page painted no frame. */
export function shownAt(state: PreviewState): number {
    return state.painted ?? state.at;
}

/** The elements matching `selector` (CSS) in every webview now shown: what their pages show, not what the extension sent. */
export function readInWebviews(selector: string, asked: { attribute?: string; style?: string } = {}): Promise<ElementInWebview[]> {
    return askLauncher<ElementInWebview[]>({ action: 'read', selector, ...asked });
}

/** Waits until `selector` (a Playwright selector) is visible on the workbench, e.g. a dialog's question. */
export function waitInWorkbench(selector: string): Promise<void> {
    return askLauncher({ action: 'wait', selector });
}

/** Records a figure for the launcher to print (the extension host's console is not shown). */
export function measured(figure: string): void {
    (globalThis as { flywheelMeasurements?: string[] }).flywheelMeasurements?.push(figure);
}
