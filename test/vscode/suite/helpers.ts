/** Helpers for the VS Code suite: a scratch workspace, waiting on diagnostics, screenshots. */
import { existsSync, writeFileSync } from 'node:fs';
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

/**
 * Asks the launcher for a screenshot of the workbench, when it offers one (code-server does:
 * it watches for the request file); otherwise does nothing.
 */
export async function screenshot(name: string): Promise<void> {
    const folder = process.env.FLYWHEEL_SCREENSHOT_REQUESTS;
    if (!folder) return;
    const done = join(folder, `${name}.done`);
    writeFileSync(join(folder, `${name}.request`), name);
    await waitFor(`screenshot ${name}`, () => existsSync(done), 30_000);
}
