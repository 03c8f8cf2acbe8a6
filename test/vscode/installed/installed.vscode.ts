/**
 * Run against the packaged .vsix installed into code-server (not the development copy): the
 * language must activate from the installed files and check a document. Catches a bad package.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, openFile, waitFor, waitForCodes, waitForPreview } from '../suite/helpers.js';
import { languageServerPids } from '../suite/processes.js';
import { STRATEGY_MARKDOWN } from '../../support/markdown-strategy.js';

describe('the installed .vsix', function () {
    // First, in a window where nothing has woken the extension: VS Code's Markdown engine wakes it, and no more.
    // (The engine itself, through the Markdown extension's own command: the preview's webview is tested in the development suite.)
    it('draws ```fly blocks in VS Code\'s Markdown engine, and starts no language server for Markdown', async function () {
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `${EXTENSION_ID} is installed`);
        assert.equal(extension.isActive, false, 'nothing has activated the extension yet');
        const { document } = await openFile('strategy.md', STRATEGY_MARKDOWN);
        const html = await waitFor('the wheel in the Markdown engine\'s HTML', async () => {
            const rendered = await vscode.commands.executeCommand<string>('markdown.api.render', document);
            return rendered.includes('data-flywheel="Marketplace"') ? rendered : undefined;
        }, 30_000);
        assert.match(html, /class="flywheel-notice[^"]*"[^>]*>This flywheel is not drawn: it does not parse/);
        assert.equal(extension.isActive, true, 'the Markdown engine activated the extension');
        assert.deepEqual(languageServerPids(), [], 'no language server for a Markdown document');
        // The preview's style sheet, which maps the drawing's colours onto the theme, is in the package.
        const styles: string[] = extension.packageJSON.contributes['markdown.previewStyles'];
        assert.ok(styles.length > 0);
        for (const style of styles) await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, style));
        await closeAllEditors();
    });

    it('activates from the installed copy and checks a .fly file', async function () {
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `${EXTENSION_ID} is installed`);
        const installedIn = process.env.FLYWHEEL_EXTENSIONS_DIR!;
        assert.ok(extension.extensionPath.startsWith(installedIn), `runs from ${extension.extensionPath}, not from ${installedIn}`);
        const editor = await openFile('installed.fly', 'flywheel W {\n    goal g\n    driver lonely\n}\n');
        assert.equal(editor.document.languageId, 'flywheel');
        await waitFor('the installed extension to activate', () => extension.isActive);
        await waitForCodes(editor.document.uri, ['broken-loop', 'goal-off-loop', 'missing-cost-driver', 'missing-quality-driver']);
        assert.equal(languageServerPids().length, 1, 'the .fly document started the language server');
    });

    it('draws the preview from the installed copy (its page script is in the package)', async function () {
        await openFile('installed-preview.fly', 'flywheel W {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}\n');
        await vscode.commands.executeCommand('flywheel.openPreviewToSide');
        const rendered = await waitForPreview('the installed wheel', state => state.flywheels.includes('W') && state.nodes.length > 0);
        assert.deepEqual(rendered.nodes, ['g', 'd']);
    });
});
