/** The extension inside a real VS Code: activation, diagnostics, quick fixes and editing features. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codesOf, EXTENSION_ID, openFile, screenshot, waitFor, waitForCodes, workspaceFolder, writeFile } from './helpers.js';

const clean = `flywheel W {
    goal g
    cost driver c
    quality driver q
    g -> c -> q -> g
}
`;

describe('Flywheel in VS Code', function () {
    it('activates for .fly files and checks them', async function () {
        const editor = await openFile('clean.fly', clean);
        assert.equal(editor.document.languageId, 'flywheel');
        await waitFor('the extension to activate', () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
        await waitForCodes(editor.document.uri, []);
    });

    it('shows the contract codes at their ranges', async function () {
        const editor = await openFile('broken.fly', `flywheel Broken {
    goal g
    cost driver c
    driver lonely
    g -> c -> g
    c -> c
}
`);
        const diagnostics = await waitForCodes(editor.document.uri, ['broken-loop', 'missing-quality-driver', 'self-link']);
        const broken = diagnostics.find(d => d.code === 'broken-loop')!;
        assert.deepEqual([broken.range.start.line, broken.range.start.character, broken.range.end.character], [3, 11, 17]);
        assert.equal(broken.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(broken.source, 'flywheel');
        const quality = diagnostics.find(d => d.code === 'missing-quality-driver')!;
        assert.deepEqual([quality.range.start.line, quality.range.start.character], [0, 9]);
        assert.equal(quality.severity, vscode.DiagnosticSeverity.Warning);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await screenshot('diagnostics');
    });

    describe('quick fixes', function () {
        async function applyFix(name: string, text: string, code: string, title: string): Promise<vscode.TextDocument> {
            const editor = await openFile(name, text);
            const diagnostic = await waitFor(`a ${code} diagnostic`, () => vscode.languages.getDiagnostics(editor.document.uri).find(d => d.code === code));
            const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
            const action = actions.find(a => a.title === title);
            assert.ok(action, `expected a quick fix '${title}', got ${actions.map(a => `'${a.title}'`).join(', ')}`);
            assert.ok(await vscode.workspace.applyEdit(action.edit!));
            await waitFor(`${code} to be gone`, () => !codesOf(editor.document.uri).includes(code));
            return editor.document;
        }

        it('broken-loop: links the driver back to the goal', async function () {
            const document = await applyFix('fix-broken.fly', clean.replace('quality driver q', 'quality driver q\n    driver x').replace('q -> g', 'q -> g\n    q -> x'), 'broken-loop', "Link 'x' back to the goal: x -> g");
            assert.match(document.getText(), / {4}q -> x\n {4}x -> g\n}/);
            await waitForCodes(document.uri, []);
        });

        it('unresolved-reference: declares the missing driver', async function () {
            const document = await applyFix('fix-unresolved.fly', clean.replace('q -> g', 'q -> extra -> g'), 'unresolved-reference', "Declare the driver 'extra'");
            assert.match(document.getText(), /quality driver q\n {4}driver extra\n/);
            await waitForCodes(document.uri, []);
        });

        it('unresolved-reference: a mistyped name becomes the declared one it may mean', async function () {
            const document = await applyFix('fix-typo.fly', clean.replace('quality driver q', 'quality driver q\n    driver developers').replace('q -> g', 'q -> developrs -> g\n    g -> developers'),
                'unresolved-reference', "Change 'developrs' to 'developers'");
            assert.match(document.getText(), /q -> developers -> g/);
            await waitForCodes(document.uri, []);
        });

        it('syntax-error: a mistyped keyword becomes the keyword', async function () {
            const document = await applyFix('fix-keyword.fly', clean.replace('quality driver q', 'quality drivr q'), 'syntax-error', "Change 'drivr' to 'driver'");
            assert.equal(document.getText(), clean);
            await waitForCodes(document.uri, []);
        });

        it('missing-cost-driver: puts the kind on a wheel driver', async function () {
            const document = await applyFix('fix-cost.fly', clean.replace('cost driver c', 'driver c'), 'missing-cost-driver', "Make 'c' a cost driver");
            assert.equal(document.getText(), clean);
        });

        it('missing-quality-driver: adds a new driver line', async function () {
            const document = await applyFix('fix-quality.fly', clean.replace('quality driver q', 'driver q'), 'missing-quality-driver', "Add a new quality driver 'qualityDriver' on a loop through the goal");
            assert.match(document.getText(), / {4}driver q\n {4}quality driver qualityDriver\n/);
            await waitForCodes(document.uri, []);
        });

        it('duplicate-link and self-link: remove the link', async function () {
            const duplicate = await applyFix('fix-duplicate.fly', clean.replace('q -> g', 'q -> g\n    g -> c'), 'duplicate-link', 'Remove the link g -> c');
            assert.equal(duplicate.getText(), clean);
            const self = await applyFix('fix-self.fly', clean.replace('g -> c -> q', 'g -> c -> c -> q'), 'self-link', 'Remove the link c -> c');
            assert.match(self.getText(), / {4}g -> c\n {4}c -> q -> g\n/);
        });
    });

    describe('editing features', function () {
        const amazon = `flywheel Amazon {
    goal growth "Growth"
    /** What customers feel on every visit. */
    quality driver experience "Customer experience"
    driver traffic "Traffic"
    cost driver prices "Lower prices"
    experience -> traffic -> growth -> prices -> experience
}
`;

        it('completion offers the flywheel\'s nodes and the arrows', async function () {
            const editor = await openFile('complete.fly', amazon.replace('prices -> experience', 'prices -> experience\n    growth '));
            const position = new vscode.Position(7, 11);
            const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
            const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
            for (const arrow of ['->', '-|', '~>', '~|']) assert.ok(labels.includes(arrow), `completion has ${arrow}: ${labels.join(' ')}`);
        });

        it('completion opens on the space after an arrow with the goal and drivers, each with its label and kinds', async function () {
            const editor = await openFile('complete-target.fly', amazon.replace('prices -> experience', 'prices -> experience\n    traffic -> '));
            const position = new vscode.Position(7, 15);
            const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position, ' ');
            const described = list.items.flatMap(i => (typeof i.label === 'string' ? [] : [`${i.label.label} (${i.label.description})`])).sort();
            assert.deepEqual(described, ['experience (Customer experience · quality driver)', 'growth (Growth · goal)', 'prices (Lower prices · cost driver)']);
            assert.deepEqual(list.items.filter(i => i.kind === vscode.CompletionItemKind.Keyword).map(i => i.label), []);
        });

        it('hover explains a driver\'s place in the wheel', async function () {
            const editor = await openFile('hover.fly', amazon);
            await waitForCodes(editor.document.uri, []);
            const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(3, 22));
            const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
            assert.match(text, /Customer experience/);
            assert.match(text, /What customers feel on every visit/);
            assert.match(text, /On the wheel, on R1/);
        });

        it('rename updates every chain, and refuses a keyword', async function () {
            const editor = await openFile('rename.fly', amazon);
            await waitForCodes(editor.document.uri, []);
            const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, new vscode.Position(4, 12), 'visits');
            assert.ok(await vscode.workspace.applyEdit(edit));
            assert.equal(editor.document.getText(), amazon.replace(/traffic /g, 'visits '));
            await assert.rejects(
                Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', editor.document.uri, new vscode.Position(4, 12), 'cost')),
                /keyword/
            );
        });

        it('format document gives the canonical layout and keeps comments', async function () {
            const editor = await openFile('format.fly', 'flywheel A {\ngoal g // the goal\n  cost quality driver d\n\n\n\n  g->d   ->g }\n');
            await waitForCodes(editor.document.uri, []);
            const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', editor.document.uri, { tabSize: 4, insertSpaces: true });
            const edit = new vscode.WorkspaceEdit();
            edit.set(editor.document.uri, edits);
            assert.ok(await vscode.workspace.applyEdit(edit));
            assert.equal(editor.document.getText(), 'flywheel A {\n    goal g // the goal\n    cost quality driver d\n\n    g -> d -> g\n}\n');
        });

        it('document symbols: flywheel, goal and drivers', async function () {
            const editor = await openFile('symbols.fly', amazon);
            const symbols = await waitFor('document symbols', async () => {
                const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
                return found?.length ? found : undefined;
            });
            assert.deepEqual(symbols.map(s => s.name), ['Amazon']);
            assert.deepEqual(symbols[0].children.map(s => s.name), ['growth', 'experience', 'traffic', 'prices']);
        });

        it('changing flywheel.validation.maxDrivers re-checks at once', async function () {
            const editor = await openFile('settings.fly', amazon);
            await waitForCodes(editor.document.uri, []);
            const configuration = vscode.workspace.getConfiguration('flywheel');
            await configuration.update('validation.maxDrivers', 2, vscode.ConfigurationTarget.Global);
            try {
                await waitForCodes(editor.document.uri, ['too-many-drivers']);
            } finally {
                await configuration.update('validation.maxDrivers', undefined, vscode.ConfigurationTarget.Global);
            }
            await waitForCodes(editor.document.uri, []);
        });

        it('editing flywheel.config.json changes the diagnostics of an open file, and a bad config is reported in itself', async function () {
            await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(workspaceFolder(), 'team'));
            const editor = await openFile('team/config.fly', amazon);
            await waitForCodes(editor.document.uri, []);
            const config = await writeFile('team/flywheel.config.json', '{ "maxDrivers": 2 }\n');
            await waitForCodes(editor.document.uri, ['too-many-drivers']);

            // Edited in an editor and saved, as a user does.
            const configEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config));
            await configEditor.edit(edit => edit.replace(new vscode.Range(0, 0, configEditor.document.lineCount, 0), '{ "maxDrivers": 2, "rules": { "too-many-drivers": "error" } }\n'));
            await configEditor.document.save();
            const [limit] = await waitFor('too-many-drivers as an error', () => {
                const found = vscode.languages.getDiagnostics(editor.document.uri);
                return found.length === 1 && found[0].severity === vscode.DiagnosticSeverity.Error ? found : undefined;
            });
            assert.equal(String(typeof limit.code === 'object' ? limit.code.value : limit.code), 'too-many-drivers');

            await writeFile('team/flywheel.config.json', '{\n  "maxDrivers": "two"\n}\n');
            const [invalid] = await waitFor('invalid-config in the config file', () => {
                const found = vscode.languages.getDiagnostics(config).filter(d => d.source === 'flywheel');
                return found.length > 0 ? found : undefined;
            });
            assert.deepEqual([invalid.range.start.line, invalid.range.start.character], [1, 16]);
            await waitForCodes(editor.document.uri, []);

            await vscode.workspace.fs.delete(config);
            await waitFor('the config file\'s diagnostics cleared', () => (vscode.languages.getDiagnostics(config).some(d => d.source === 'flywheel') ? undefined : true));
            await waitForCodes(editor.document.uri, []);
        });
    });
});
