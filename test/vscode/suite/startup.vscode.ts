/**
 * Runs first, in the window the launcher just opened, before anything has woken the extension: how
 * long from opening examples/amazon.fly to its first diagnostics, and to the first drawn preview.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import amazon from '../../../examples/amazon.fly';
import { closeAllEditors, codesOf, EXTENSION_ID, launcherTakesRequests, measured, shownAt, waitFor, waitForPreviewPage, writeFile } from './helpers.js';

describe('a fresh window', function () {
    it('opens examples/amazon.fly: its diagnostics come, then its drawn preview', async function () {
        if (!(await launcherTakesRequests())) throw new Error('reading what a webview drew needs the code-server launcher');
        assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, false, 'nothing has activated the extension yet');
        const uri = await writeFile('fresh-amazon.fly', amazon);
        // The example has no problems: its first diagnostics are an empty list, which is still an event.
        let diagnosedAt: number | undefined;
        const listening = vscode.languages.onDidChangeDiagnostics(event => {
            if (diagnosedAt === undefined && event.uris.some(changed => changed.toString() === uri.toString())) diagnosedAt = Date.now();
        });
        const start = Date.now();
        try {
            await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
            await vscode.commands.executeCommand('flywheel.openPreviewToSide');
            const { state: drawn, page } = await waitForPreviewPage('the Amazon wheel', state => state.flywheels.includes('Amazon') && state.nodes.length > 0, start, 60_000);
            const diagnosed = await waitFor('the first diagnostics of the example', () => diagnosedAt, 60_000);
            assert.deepEqual(codesOf(uri), []);
            assert.equal(drawn.nodes.length, 7);
            measured(`fresh window, examples/amazon.fly: open → first diagnostics ${diagnosed - start} ms, open → first drawn preview ${shownAt(drawn) - start} ms`
                + ` (the preview's page had loaded at ${page.loadedAt - start} ms)`);
        } finally {
            listening.dispose();
            await closeAllEditors();
        }
    });
});
