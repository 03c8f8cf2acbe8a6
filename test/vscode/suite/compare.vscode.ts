/**
 * "Flywheel: Compare with HEAD" in a real VS Code, against a real git repository made for the test
 * (commit, edit, compare): the visual diff's marks are read from the webview's page itself. The
 * workbench's git extension is disabled in the test settings, so the old text comes from the
 * desktop extension's `git show`.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { clickInWebview, closeAllEditors, launcherTakesRequests, screenshot, waitForPreview, waitForPreviewPage, workspaceFolder } from './helpers.js';
import { SHOP } from '../../support/fixtures.js';

describe('Compare with HEAD', function () {
    let file: vscode.Uri;

    before(async function () {
        if (!(await launcherTakesRequests())) throw new Error('reading what a webview drew needs the code-server launcher');
        const repo = join(workspaceFolder().fsPath, 'compare-repo');
        mkdirSync(repo, { recursive: true });
        writeFileSync(join(repo, 'shop.fly'), SHOP);
        const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo } });
        git('init', '-q');
        git('-c', 'user.name=Fly Test', '-c', 'user.email=fly-test@example.com', 'commit', '-q', '--allow-empty', '-m', 'empty');
        git('add', 'shop.fly');
        git('-c', 'user.name=Fly Test', '-c', 'user.email=fly-test@example.com', 'commit', '-q', '-m', 'shop');
        file = vscode.Uri.file(join(repo, 'shop.fly'));
    });

    it('marks what the unsaved edit changed since the commit: the text diff, and the visual diff beside it', async function () {
        const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
        const edit = new vscode.WorkspaceEdit();
        const text = editor.document.getText();
        edit.replace(file, new vscode.Range(editor.document.positionAt(text.indexOf('"Buyers"')), editor.document.positionAt(text.indexOf('"Buyers"') + 8)), '"Customers"');
        edit.insert(file, editor.document.positionAt(text.lastIndexOf('}')), '    driver ads "Ads"\n    sales -> ads -> buyers\n');
        assert.ok(await vscode.workspace.applyEdit(edit));
        assert.ok(editor.document.isDirty);

        const asked = Date.now();
        await vscode.commands.executeCommand('flywheel.compareWithHead', file);
        const shown = await waitForPreview('the changes since HEAD', state => state.flywheels.includes('Shop') && Object.keys(state.changes).length > 0, asked);
        assert.deepEqual(shown.changes, { buyers: 'changed', ads: 'added' });
        assert.match(shown.texts.buyers, /was “Buyers”/);
        const diffTab = vscode.window.tabGroups.all.flatMap(group => group.tabs).find(tab => tab.input instanceof vscode.TabInputTextDiff);
        assert.ok(diffTab, 'a text diff is open');
        assert.equal((diffTab.input as vscode.TabInputTextDiff).modified.toString(), file.toString());
        assert.equal(vscode.window.tabGroups.all.flatMap(group => group.tabs).filter(tab => tab.input instanceof vscode.TabInputWebview).length >= 1, true);
        await screenshot('compare-with-head');
    });

    it('the preview of the edited file toggles "Changes since HEAD": marks on, then the plain drawing again', async function () {
        // Saved but not committed; every other editor and preview closed, so the toolbar clicked is this preview's.
        assert.ok(await (await vscode.workspace.openTextDocument(file)).save());
        await closeAllEditors();
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
        const opened = Date.now();
        await vscode.commands.executeCommand('flywheel.openPreviewToSide');
        await waitForPreview('the plain preview of the shop', state => state.flywheels.includes('Shop') && state.nodes.includes('ads'), opened);
        const on = Date.now();
        await clickInWebview('#show-changes');
        const { state: marked, page } = await waitForPreviewPage('the changes since HEAD in the preview', state => state.flywheels.includes('Shop') && Object.keys(state.changes).length > 0, on);
        assert.deepEqual(marked.changes, { buyers: 'changed', ads: 'added' });
        assert.ok(page.entries.some(entry => entry.at >= opened && entry.at < on && entry.nodes.includes('ads') && Object.keys(entry.changes).length === 0), 'the same page drew the plain wheel before');
        await screenshot('preview-changes-since-head');
        const off = Date.now();
        await clickInWebview('#show-changes');
        await waitForPreview('the plain drawing again', state => state.flywheels.includes('Shop') && state.nodes.includes('ads') && Object.keys(state.changes).length === 0, off);
    });

    it('a file new since HEAD: everything marked added', async function () {
        const fresh = vscode.Uri.file(join(workspaceFolder().fsPath, 'compare-repo', 'store.fly'));
        await vscode.workspace.fs.writeFile(fresh, new TextEncoder().encode(SHOP.replace(/Shop/g, 'Store')));
        const asked = Date.now();
        await vscode.commands.executeCommand('flywheel.compareWithHead', fresh);
        const shown = await waitForPreview('the new file', state => state.flywheels.includes('Store') && Object.keys(state.changes).length > 0, asked);
        assert.deepEqual(Object.values(shown.changes), shown.nodes.map(() => 'added'));
    });
});
