/**
 * The live wheel preview in a real VS Code webview: what it draws, how fast it follows, what a
 * click does. What the preview shows is read from the webview's page itself, by the launcher.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import amazon from '../../../examples/amazon.fly';
import { generateWheel } from '../../../bench/generate.js';
import { clickInWebview, closeAllEditors, launcherTakesRequests, measured, openFile, pressKey, previewNow, readInWebviews, screenshot, shownAt, waitFor, waitForPreview, waitInWorkbench } from './helpers.js';

const drivers = [...amazon.matchAll(/driver (\w+)/g)].map(m => m[1]);

const isAmazon = (state: { flywheels: string[] }) => state.flywheels.includes('Amazon');

describe('the wheel preview', function () {
    let editor: vscode.TextEditor;

    before(async function () {
        if (!(await launcherTakesRequests())) throw new Error('reading what a webview drew needs the code-server launcher');
        editor = await openFile('amazon.fly', amazon);
        await vscode.commands.executeCommand('flywheel.openPreviewToSide');
    });

    it('draws every driver of the example', async function () {
        const rendered = await waitForPreview('the Amazon wheel', state => isAmazon(state) && state.nodes.length > 0);
        assert.deepEqual([...rendered.nodes].sort(), ['growth', ...drivers].sort());
        assert.equal(rendered.banner, null);
        await screenshot('preview-light');
    });

    it('shows a new driver and link once they are in the text', async function () {
        const edit = new vscode.WorkspaceEdit();
        const end = editor.document.positionAt(amazon.lastIndexOf('}'));
        edit.insert(editor.document.uri, end, '    quality driver reviews "Customer reviews"\n    experience -> reviews -> traffic\n');
        const start = Date.now();
        assert.ok(await vscode.workspace.applyEdit(edit));
        const shown = await waitForPreview('the new driver', state => isAmazon(state) && state.nodes.includes('reviews'), start);
        assert.match(shown.texts.reviews, /Customer reviews/);
        measured(`preview showed an inserted driver ${shownAt(shown) - start} ms after the edit`);
    });

    it('keeps the last wheel with a banner while the text does not parse', async function () {
        const before = (await previewNow('Amazon'))!.nodes;
        const broken = '    driver }\n';
        const at = editor.document.positionAt(editor.document.getText().lastIndexOf('}'));
        const edit = new vscode.WorkspaceEdit();
        edit.insert(editor.document.uri, at, broken);
        const brokenAt = Date.now();
        assert.ok(await vscode.workspace.applyEdit(edit));
        const state = await waitForPreview('the banner', state => isAmazon(state) && state.banner !== null, brokenAt);
        assert.match(state.banner!, /does not parse/);
        assert.deepEqual(state.nodes, before);
        await screenshot('preview-syntax-error');
        const repair = new vscode.WorkspaceEdit();
        repair.delete(editor.document.uri, new vscode.Range(at, at.translate(1, 0)));
        const repairedAt = Date.now();
        assert.ok(await vscode.workspace.applyEdit(repair));
        await waitForPreview('no banner', state => isAmazon(state) && state.banner === null, repairedAt);
    });

    it('a click on a node selects its declaration in the editor', async function () {
        if (!(await launcherTakesRequests())) throw new Error('clicking in a webview needs the code-server launcher');
        await clickInWebview('g[data-node="sellers"]');
        const declaration = editor.document.getText().indexOf('driver sellers');
        await waitFor('the selection to move to sellers', () => {
            const active = vscode.window.activeTextEditor;
            return active?.document.uri.toString() === editor.document.uri.toString() && active.document.offsetAt(active.selection.start) === declaration;
        });
    });

    it('moving the cursor onto a declaration highlights its node', async function () {
        const shown = await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
        const offset = shown.document.getText().indexOf('driver traffic') + 8;
        const movedAt = Date.now();
        shown.selection = new vscode.Selection(shown.document.positionAt(offset), shown.document.positionAt(offset));
        await waitForPreview('traffic highlighted', state => isAmazon(state) && state.highlighted?.node === 'traffic', movedAt);
    });

    it('exports the wheel as SVG through the save dialog', async function () {
        if (!(await launcherTakesRequests())) throw new Error('answering the save dialog needs the code-server launcher');
        const target = vscode.Uri.joinPath(editor.document.uri, '..', 'amazon.svg');
        await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
        const exporting = vscode.commands.executeCommand('flywheel.exportSvg');
        // The save dialog offers amazon.svg beside the file: accept it.
        await pressKey('Enter', '.quick-input-widget input');
        await exporting;
        const svg = new TextDecoder().decode(await waitFor('the exported file', async () => {
            try { return await vscode.workspace.fs.readFile(target); } catch { return undefined; }
        }));
        assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        assert.match(svg, /<style>/);
        assert.ok(drivers.every(name => svg.includes(`data-node="${name}"`)));
    });

    it('asks before an export replaces a file, and leaves it alone until answered', async function () {
        if (!(await launcherTakesRequests())) throw new Error('answering the save dialog needs the code-server launcher');
        const target = vscode.Uri.joinPath(editor.document.uri, '..', 'amazon.svg');
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('the reviewer\'s own file'));
        await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
        const exporting = vscode.commands.executeCommand('flywheel.exportSvg');
        await pressKey('Enter', '.quick-input-widget input');
        await waitInWorkbench('.quick-input-widget :text("already exists")');
        assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), 'the reviewer\'s own file');
        await pressKey('Enter');
        await exporting;
        const replaced = new TextDecoder().decode(await waitFor('the replaced file', async () => {
            const bytes = await vscode.workspace.fs.readFile(target);
            return new TextDecoder().decode(bytes).startsWith('<svg') ? bytes : undefined;
        }));
        assert.ok(drivers.every(name => replaced.includes(`data-node="${name}"`)));
    });

    it('looks right in a dark theme too', async function () {
        const settings = vscode.workspace.getConfiguration('workbench');
        await settings.update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
        try {
            await screenshot('preview-dark');
        } finally {
            await settings.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
        }
    });

    it('"what if this driver fails": a click on a driver dims the loops that stop with it, and says which keep turning', async function () {
        if (!(await launcherTakesRequests())) throw new Error('clicking in a webview needs the code-server launcher');
        // R1: g -> a -> b -> g and R2: g -> a -> c -> g. Without b, R1 stops and R2 turns; without a, both stop.
        await closeAllEditors();
        await openFile('what-if.fly', 'flywheel WhatIf {\n    goal g\n    cost driver a\n    quality driver b\n    driver c\n    g -> a -> b -> g\n    a -> c -> g\n}\n');
        await vscode.commands.executeCommand('flywheel.openPreviewToSide');
        await waitForPreview('the what-if wheel', state => state.flywheels.includes('WhatIf') && state.nodes.length === 4);
        await clickInWebview('#what-if');
        await clickInWebview('g[data-node="b"]');
        const status = async () => (await readInWebviews('#what-if-status')).map(e => e.text).join('');
        await waitFor('the status line for b', async () => (await status()).includes('If b fails') || undefined);
        assert.equal(await status(), 'If b fails: R1 stops; R2 keeps turning.');
        const stoppedLinks = async () => {
            const [sources, targets] = await Promise.all(['data-source', 'data-target'].map(attribute => readInWebviews('g[data-link].stopped', { attribute })));
            return sources.map((s, i) => `${s.attribute}->${targets[i].attribute}`).sort();
        };
        assert.deepEqual(await stoppedLinks(), ['a->b', 'b->g']);
        const [dimmed] = await readInWebviews('g[data-loop="R1"]', { style: 'opacity' });
        const [turning] = await readInWebviews('g[data-loop="R2"]', { style: 'opacity' });
        assert.ok(Number(dimmed.style) < 0.5 && Number(turning.style) === 1, `R1 at ${dimmed.style}, R2 at ${turning.style}`);
        await screenshot('preview-what-if');

        await clickInWebview('g[data-node="a"]');
        await waitFor('the status line for a', async () => (await status()).includes('If a fails') || undefined);
        assert.equal(await status(), 'If a fails: R1, R2 stop; no reinforcing loop keeps the wheel turning.');
        assert.deepEqual(await stoppedLinks(), ['a->b', 'a->c', 'b->g', 'c->g', 'g->a']);

        // Off again: nothing is dimmed, and a click reveals the declaration once more.
        await clickInWebview('#what-if');
        await waitFor('nothing dimmed', async () => (await readInWebviews('.stopped')).length === 0 || undefined);
        await closeAllEditors();
    });

    it('says a 5,000-driver wheel is too large to draw, instead of freezing the panel', async function () {
        await openFile('huge.fly', generateWheel(5000));
        const start = Date.now();
        await vscode.commands.executeCommand('flywheel.openPreviewToSide');
        const rendered = await waitForPreview('the too-large notice', state => state.notDrawn.some(text => text.includes("'Generated5000'")), start, 30_000);
        measured(`preview of a 5,000-driver wheel answered "too large" ${shownAt(rendered) - start} ms after opening`);
        assert.deepEqual(rendered.nodes, []);
        assert.match(rendered.notDrawn[0], /^'Generated5000' has 5,001 nodes and 6,001 links: too large to draw here/);
        await screenshot('preview-too-large');
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
});
