/**
 * ```fly blocks in VS Code's own Markdown preview (code-server runs its Markdown extension in the
 * Node extension host only, so this file is not in the web worker run): what the preview's webview
 * shows (read from its page), that it redraws as the Markdown is edited, and that it follows the theme.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, launcherTakesRequests, openFile, readInWebviews, screenshot, waitFor } from './helpers.js';
import { STRATEGY_BROKEN_LINE, STRATEGY_MARKDOWN, STRATEGY_NODES } from '../../support/markdown-strategy.js';

const strategy = STRATEGY_MARKDOWN;
const wheel = '.flywheel-fence svg[data-flywheel="Marketplace"]';

describe('```fly blocks in the Markdown preview', function () {
    let document: vscode.TextDocument;

    before(async function () {
        if (!(await launcherTakesRequests())) throw new Error('reading what a webview shows needs the code-server launcher');
        document = (await openFile('strategy.md', strategy)).document;
        await vscode.commands.executeCommand('markdown.showPreviewToSide');
        await waitFor('the Markdown preview to draw the wheel', async () => (await readInWebviews(wheel)).length > 0 || undefined, 30_000);
    });

    it('draws the valid block as the wheel and says in one line that the broken one does not parse', async function () {
        assert.equal((await readInWebviews('.flywheel-fence svg[data-flywheel]')).length, 1, 'one drawing');
        const nodes = await readInWebviews(`${wheel} g[data-node]`, { attribute: 'data-node' });
        assert.deepEqual(nodes.map(node => node.attribute).sort(), [...STRATEGY_NODES].sort());
        const notices = await readInWebviews('.flywheel-notice');
        assert.equal(notices.length, 1, 'one notice');
        assert.match(notices[0].text, new RegExp(`^This flywheel is not drawn: it does not parse \\(line ${STRATEGY_BROKEN_LINE}: .+\\)\\.$`));
        assert.doesNotMatch(notices[0].text, /\n/);
        // Other fences are left to the Markdown preview.
        assert.ok((await readInWebviews('pre code')).some(code => code.text.includes('notAWheel')), 'the js fence is shown as code');
        await vscode.commands.executeCommand('workbench.action.closePanel');
        await screenshot('markdown-preview-light');
        // The preview scrolls with the editor: bring the broken block into view, to see its notice.
        const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
        editor.revealRange(new vscode.Range(STRATEGY_BROKEN_LINE - 6, 0, STRATEGY_BROKEN_LINE - 6, 0), vscode.TextEditorRevealType.AtTop);
        await screenshot('markdown-preview-notice');
    });

    it('redraws as the Markdown is edited', async function () {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(document.uri, document.positionAt(strategy.indexOf('    growth -> selection')), '    quality driver reviews "Reviews"\n    selection -> reviews -> growth\n');
        assert.ok(await vscode.workspace.applyEdit(edit));
        await waitFor('the new driver in the Markdown preview', async () => (await readInWebviews(`${wheel} g[data-node="reviews"]`)).length === 1 || undefined);
    });

    it('follows the colour theme', async function () {
        const background = async () => (await readInWebviews(`${wheel} .background`, { style: 'fill' }))[0]?.style;
        const light = await waitFor('the wheel\'s background', background);
        const settings = vscode.workspace.getConfiguration('workbench');
        await settings.update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
        try {
            const dark = await waitFor('the dark theme in the Markdown preview', async () => {
                const fill = await background();
                return fill && fill !== light ? fill : undefined;
            });
            assert.notEqual(dark, light);
            await screenshot('markdown-preview-dark');
        } finally {
            await settings.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
        }
    });

    after(async function () {
        await closeAllEditors();
    });
});
