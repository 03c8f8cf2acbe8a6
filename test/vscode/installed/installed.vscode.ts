/**
 * Run against the packaged .vsix installed into code-server (not the development copy): the
 * language must activate from the installed files and check a document. Catches a bad package.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFile, waitFor, waitForCodes, waitForPreview } from '../suite/helpers.js';

describe('the installed .vsix', function () {
    it('activates from the installed copy and checks a .fly file', async function () {
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `${EXTENSION_ID} is installed`);
        const installedIn = process.env.FLYWHEEL_EXTENSIONS_DIR!;
        assert.ok(extension.extensionPath.startsWith(installedIn), `runs from ${extension.extensionPath}, not from ${installedIn}`);
        const editor = await openFile('installed.fly', 'flywheel W {\n    goal g\n    driver lonely\n}\n');
        assert.equal(editor.document.languageId, 'flywheel');
        await waitFor('the installed extension to activate', () => extension.isActive);
        await waitForCodes(editor.document.uri, ['broken-loop', 'goal-off-loop', 'missing-cost-driver', 'missing-quality-driver']);
    });

    it('draws the preview from the installed copy (its page script is in the package)', async function () {
        await openFile('installed-preview.fly', 'flywheel W {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}\n');
        await vscode.commands.executeCommand('flywheel.openPreviewToSide');
        const rendered = await waitForPreview('the installed wheel', state => state.flywheels.includes('W') && state.nodes.length > 0);
        assert.deepEqual(rendered.nodes, ['g', 'd']);
    });
});
