/**
 * Crash resilience in a real VS Code: when the language server process dies, the language client
 * starts a new one, gives it the open documents again, and diagnostics come back.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { launcherTakesRequests, measured, openFile, waitFor, waitForCodes, waitForPreview } from './helpers.js';
import { isRunning, languageServerPids } from './processes.js';

describe('when the language server dies', function () {
    it('the client restarts it and diagnostics come back, for an edit and for the open documents', async function () {
        const other = await openFile('other.fly', 'flywheel Other {\n    goal g\n    cost quality driver d\n    g -> d -> g\n    d -> nowhere\n}\n');
        await waitForCodes(other.document.uri, ['unresolved-reference']);
        const editor = await openFile('crash.fly', 'flywheel W {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}\n');
        await waitForCodes(editor.document.uri, []);

        const [server, ...more] = languageServerPids();
        assert.ok(server, 'the language server runs as a child of the extension host');
        assert.deepEqual(more, [], 'exactly one language server');
        const killedAt = Date.now();
        process.kill(server, 'SIGKILL');
        await waitFor('the killed server to be gone', () => !isRunning(server));

        const restarted = await waitFor('a new language server', () => languageServerPids().find(pid => pid !== server && isRunning(pid)), 30_000);
        assert.notEqual(restarted, server);
        const edit = new vscode.WorkspaceEdit();
        edit.insert(editor.document.uri, new vscode.Position(4, 0), '    d -> missing\n');
        assert.ok(await vscode.workspace.applyEdit(edit));
        await waitForCodes(editor.document.uri, ['unresolved-reference']);
        measured(`diagnostics back ${Date.now() - killedAt} ms after the language server was killed`);
        // The new server was given the documents that were already open, not only the edited one.
        await waitForCodes(other.document.uri, ['unresolved-reference']);
        const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', other.document.uri, new vscode.Position(2, 24));
        assert.match(hover.map(h => h.contents.map(c => (typeof c === 'string' ? c : c.value)).join('')).join(''), /`d` · /);
        // And the preview, which the server feeds through the same client, draws from the new one.
        if (!(await launcherTakesRequests())) throw new Error('reading what a webview drew needs the code-server launcher');
        await vscode.window.showTextDocument(editor.document);
        const openedAt = Date.now();
        await vscode.commands.executeCommand('flywheel.openPreviewToSide');
        await waitForPreview('the wheel drawn from the new server', state => state.flywheels.includes('W') && state.nodes.includes('d'), openedAt);
    });
});
