/**
 * The built language server over a real connection, given what it does not expect: it keeps
 * running and still checks `.fly` files afterwards.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { generateLargeFile } from '../../bench/generate.js';
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
    // LSP's RequestFailed-family code Langium gives a document it does not know (ServerCancelled: the client may ask again).
    await expect(hover).rejects.toMatchObject({ code: -32802, message: 'No document found for URI: file:///never/opened.fly' });
    await stillChecks(session);
});

test('a request cancelled while it waits for its document is answered with RequestCancelled (-32800), and the server keeps running', async () => {
    session = await startLanguageServer();
    const uri = 'file:///cancelled.fly';
    const text = generateLargeFile(2_000_000);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flywheel', version: 1, text } });
    const source = new CancellationTokenSource();
    const references = session.connection.sendRequest('textDocument/references', { textDocument: { uri }, position: { line: 3, character: 10 }, context: { includeDeclaration: true } }, source.token);
    source.cancel();
    await expect(references).rejects.toMatchObject({ code: -32800 });
    await stillChecks(session);
}, 60_000);

describe('bad parameters are answered with InvalidParams (-32602), saying what is wrong, and the server keeps running', () => {
    const uri = 'file:///bad-params.fly';
    const open = (server: LspSession) => server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'flywheel', version: 1, text: 'flywheel W {\n    goal g\n    driver d\n    g -> d -> g\n}\n' }
    });
    test.each([
        ['textDocument/hover', { textDocument: { uri }, position: 'x' }, "textDocument/hover: 'position' must be { line, character }, whole numbers from 0"],
        ['textDocument/hover', { position: { line: 0, character: 0 } }, "textDocument/hover: 'textDocument' must be { uri } with the document's URI as a string"],
        ['textDocument/completion', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }, "textDocument/completion: 'textDocument' must be { uri } with the document's URI as a string"],
        ['textDocument/definition', { textDocument: { uri }, position: { line: -1, character: 0 } }, "textDocument/definition: 'position' must be { line, character }, whole numbers from 0"],
        ['textDocument/rename', { textDocument: { uri }, position: { line: 2, character: 12 } }, "textDocument/rename: 'newName' must be a string"],
        ['textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } }, "textDocument/codeAction: 'range' must be { start, end }, two positions"],
        ['textDocument/documentSymbol', { textDocument: null }, "textDocument/documentSymbol: 'textDocument' must be { uri } with the document's URI as a string"]
    ])('%s with %j', async (method, params, message) => {
        session = await startLanguageServer();
        await open(session);
        await expect(session.connection.sendRequest(method, params)).rejects.toMatchObject({ code: -32602, message });
        await stillChecks(session);
    });
});

test('one copy of vscode-jsonrpc is installed, so every JSON-RPC error is recognised as one', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter(path => path.endsWith('node_modules/vscode-jsonrpc'))).toEqual(['node_modules/vscode-jsonrpc']);
});
