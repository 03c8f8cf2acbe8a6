/**
 * The built language server over a real connection, given what it does not expect: it keeps
 * running and still checks `.fly` files afterwards.
 */
import { readFileSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { type LspSession, startLanguageServer } from '../support/lsp-client.js';

let session: LspSession | undefined;
afterEach(async () => {
    await session?.close();
    session = undefined;
});

/** The server still answers: a `.fly` document opened now gets its diagnostics. */
async function stillChecks(server: LspSession): Promise<void> {
    const uri = 'file:///still-alive.fly';
    const published = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'flywheel', version: 1, text: 'flywheel W {\n    goal g\n    driver lonely\n}\n' }
    });
    expect((await published).map(d => d.code)).toContain('goal-off-loop');
}

test('a plaintext document with a .txt URI is ignored, and the server keeps running', async () => {
    session = await startLanguageServer();
    await session.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: 'file:///notes.txt', languageId: 'plaintext', version: 1, text: 'not a flywheel' }
    });
    await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: 'file:///notes.txt', version: 2 }, contentChanges: [{ text: 'still not one' }]
    });
    await stillChecks(session);
    expect(session.published.map(p => p.uri)).not.toContain('file:///notes.txt');
});

test('a hover on a document that was never opened is answered with a JSON-RPC error, and the server keeps running', async () => {
    session = await startLanguageServer();
    const hover = session.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///never/opened.fly' }, position: { line: 0, character: 0 } });
    await expect(hover).rejects.toMatchObject({ code: expect.any(Number) });
    await stillChecks(session);
});

test('one copy of vscode-jsonrpc is installed, so every JSON-RPC error is recognised as one', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter(path => path.endsWith('node_modules/vscode-jsonrpc'))).toEqual(['node_modules/vscode-jsonrpc']);
});
