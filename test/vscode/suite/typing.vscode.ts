/**
 * The preview keeps up with typing: real key presses in the editor, each one timed until the
 * preview webview has painted the text it typed (both read on the page, on one clock).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generateWheel } from '../../../bench/generate.js';
import { closeAllEditors, launcherTakesRequests, measured, openFile, shownAt, typeKeys, waitForPreview } from './helpers.js';

const KEYS = 12;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

describe('typing beside the preview', function () {
    it(`redraws a 12-driver wheel after each of ${KEYS} typed keys`, async function () {
        if (!(await launcherTakesRequests())) throw new Error('typing and reading what a webview drew needs the code-server launcher');
        const text = generateWheel(12);
        const editor = await openFile('typing.fly', text);
        const openedAt = Date.now();
        await vscode.commands.executeCommand('flywheel.openPreviewToSide');
        await waitForPreview('the 12-driver wheel', state => state.flywheels.includes('Generated12') && state.nodes.length === 13, openedAt);
        // The cursor goes inside d3's label, and the keys are typed there.
        const label = 'Driver number 3';
        const inLabel = editor.document.positionAt(text.indexOf(`"${label}"`) + 1 + label.length);
        const selection = new vscode.Selection(inLabel, inLabel);
        const shown = await vscode.window.showTextDocument(editor.document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false, selection });
        // Where the time goes: until the extension host has the edit, and from there to the painted frame.
        let editedAt = 0;
        const listening = vscode.workspace.onDidChangeTextDocument(event => {
            if (event.document === shown.document) editedAt = Date.now();
        });
        const latencies: number[] = [];
        const toExtensionHost: number[] = [];
        let typed = '';
        try {
            for (let key = 1; key <= KEYS; key++) {
                const character = String(key % 10);
                typed += character;
                const pressedAt = await typeKeys(character);
                const expected = `${label}${typed}`;
                const drawn = await waitForPreview(`d3 labelled '${expected}'`, state => state.texts.d3?.includes(expected), pressedAt);
                latencies.push(shownAt(drawn) - pressedAt);
                toExtensionHost.push(editedAt - pressedAt);
            }
        } finally {
            listening.dispose();
        }
        assert.ok(shown.document.getText().includes(`"${label}${typed}"`), 'the keys went into the label');
        measured(`preview redrawn after a typed key, 12 drivers: median ${median(latencies)} ms of ${KEYS} keys (min ${Math.min(...latencies)}, max ${Math.max(...latencies)}; `
            + `key → extension host has the edit: median ${median(toExtensionHost)} ms; each key: ${latencies.join(', ')} ms)`);
        await closeAllEditors();
    });
});
