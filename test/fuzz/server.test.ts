/**
 * Fuzzed text through the built language server over a real LSP connection, edit after edit in
 * one document, as an editor sends it: every request gets an answer (never an error), and the
 * server process is still there at the end.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { Random } from '../support/seeded-random.js';
import { type LspSession, startLanguageServer } from '../support/lsp-client.js';
import { fuzzInput } from './inputs.js';

const SEED = 4242;
const EDITS = 150;
const uri = 'file:///fuzz/edited.fly';

let session: LspSession;
beforeAll(async () => {
    session = await startLanguageServer();
});
afterAll(async () => {
    await session.close();
});

/** Every request an editor makes about a document, at `position` where one is needed. */
function requestsFor(position: { line: number; character: number }, diagnostics: Diagnostic[]): Array<[string, object]> {
    const textDocument = { uri };
    return [
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/completion', { textDocument, position }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
        ['textDocument/prepareRename', { textDocument, position }],
        ['textDocument/documentSymbol', { textDocument }],
        ['textDocument/foldingRange', { textDocument }],
        ['textDocument/semanticTokens/full', { textDocument }],
        ['textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } }],
        ['textDocument/rangeFormatting', { textDocument, range: { start: { line: 0, character: 0 }, end: position }, options: { tabSize: 4, insertSpaces: true } }],
        ['textDocument/codeAction', { textDocument, range: diagnostics[0]?.range ?? { start: position, end: position }, context: { diagnostics } }]
    ];
}

test(`${EDITS} fuzzed edits: every request is answered, none with an error, every edit is drawn, and the server lives on`, async () => {
    const failures: string[] = [];
    let answered = 0;
    const opened = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flywheel', version: 0, text: '' } });
    await opened;
    expect((await session.openPreview(uri)).version).toBe(0);
    for (let version = 1; version <= EDITS; version++) {
        const { text } = fuzzInput(SEED, version);
        const published = session.nextDiagnostics(uri);
        const drawn = session.nextRenderModels(uri);
        await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        const diagnostics = await published;
        const pushed = await drawn;
        if (pushed.version !== version) failures.push(`edit ${version}: the preview was pushed version ${pushed.version}`);
        const lines = text.split(/\r\n|\r|\n/);
        const random = new Random(version);
        const line = random.below(lines.length);
        const position = { line, character: random.below(lines[line].length + 1) };
        for (const [method, params] of requestsFor(position, diagnostics)) {
            try {
                await session.connection.sendRequest(method, params);
                answered++;
            } catch (error) {
                failures.push(`edit ${version} ${method}: ${(error as Error).message}`);
            }
        }
    }
    expect(failures).toEqual([]);
    expect(answered).toBe(EDITS * requestsFor({ line: 0, character: 0 }, []).length);
    expect(await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })).toBeDefined();
}, 120_000);
