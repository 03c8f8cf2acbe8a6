/**
 * Which extension host the suite and the extension run in: the one the launcher asked for. In
 * the web worker host (vscode.dev's) there is no Node (`process`), the global scope is a worker's,
 * and VS Code reports the extension as a UI extension; in the Node host it is a workspace one.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, runConfig } from './helpers.js';

describe('the extension host', function () {
    it('is the one the launcher put the extension in', async function () {
        const { host } = await runConfig();
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `${EXTENSION_ID} is there`);
        const global = globalThis as { process?: { versions?: { node?: string } }; WorkerGlobalScope?: abstract new () => unknown };
        if (host === 'web') {
            assert.equal(global.process, undefined, 'no Node process object in the web worker host');
            assert.ok(global.WorkerGlobalScope && globalThis instanceof global.WorkerGlobalScope, 'the global scope is a Web Worker\'s');
            assert.equal(extension.extensionKind, vscode.ExtensionKind.UI);
        } else {
            assert.match(global.process?.versions?.node ?? '', /^\d+\./, 'Node runs the extension host');
            assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
        }
    });
});
