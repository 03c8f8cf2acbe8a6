/** Helpers for the VS Code suite: a scratch workspace, waiting on diagnostics, screenshots. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'flywheel-lang.flywheel-lang';

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

export async function openFile(name: string, text: string): Promise<vscode.TextEditor> {
    const uri = await writeFile(name, text);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document);
}

/** Polls until `condition` holds, instead of sleeping a fixed time. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 50));
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

/** True when the launcher drives the workbench in a browser (code-server) and takes requests. */
export function launcherTakesRequests(): boolean {
    return Boolean(process.env.FLYWHEEL_LAUNCHER_REQUESTS);
}

/** What the suite can ask the code-server launcher to do on the workbench page. */
export type LauncherRequest =
    | { action: 'screenshot'; name: string }
    | { action: 'click'; selector: string }
    | { action: 'press'; key: string; waitFor?: string }
    | { action: 'wait'; selector: string };

let requestCount = 0;

/**
 * Asks the launcher to act on the workbench page (a screenshot, a click inside a webview) and
 * waits until it has. Only the code-server launcher can; elsewhere this throws.
 */
async function askLauncher(request: LauncherRequest): Promise<void> {
    const folder = process.env.FLYWHEEL_LAUNCHER_REQUESTS;
    if (!folder) throw new Error(`this launcher cannot ${request.action} in the workbench (run the suite with code-server)`);
    const id = `${++requestCount}-${request.action}`;
    writeFileSync(join(folder, `${id}.request`), JSON.stringify(request));
    await waitFor(`the launcher to ${request.action}`, () => existsSync(join(folder, `${id}.done`)), 30_000);
    const error = readFileSync(join(folder, `${id}.done`), 'utf8');
    if (error) throw new Error(error);
}

/** A screenshot of the workbench, saved by the launcher under the name given (when it can take one). */
export async function screenshot(name: string): Promise<void> {
    if (launcherTakesRequests()) await askLauncher({ action: 'screenshot', name });
}

/** A real mouse click on the first element matching `selector` inside a webview. */
export function clickInWebview(selector: string): Promise<void> {
    return askLauncher({ action: 'click', selector });
}

/** A real key press on the workbench, once `waitFor` (a CSS selector) is visible. */
export function pressKey(key: string, waitFor?: string): Promise<void> {
    return askLauncher({ action: 'press', key, waitFor });
}

/** Waits until `selector` (a Playwright selector) is visible on the workbench, e.g. a dialog's question. */
export function waitInWorkbench(selector: string): Promise<void> {
    return askLauncher({ action: 'wait', selector });
}

/** Records a figure for the launcher to print (the extension host's console is not shown). */
export function measured(figure: string): void {
    (globalThis as { flywheelMeasurements?: string[] }).flywheelMeasurements?.push(figure);
}
