/** The built language server over a real LSP connection (stdio JSON-RPC), as an editor sees it. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LspSession, startLanguageServer } from '../support/lsp-client.js';

const uri = 'file:///work/wheel.fly';
const wheel = (drivers: string[]) => `flywheel W {
    goal g
    cost quality driver ${drivers.join('\n    driver ')}
    g -> ${drivers.join(' -> ')} -> g
}
`;

let session: LspSession;
beforeAll(async () => {
    session = await startLanguageServer();
});
afterAll(async () => {
    await session.close();
});

describe('language server', () => {
    test('publishes diagnostics with the contract codes when a document opens and changes', async () => {
        const opened = session.nextDiagnostics(uri);
        await session.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'flywheel', version: 1, text: wheel(['a', 'b']) }
        });
        expect(await opened).toEqual([]);

        const changed = session.nextDiagnostics(uri);
        await session.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 2 },
            contentChanges: [{ text: wheel(['a', 'b']).replace('g -> a', 'g -> nowhere') }]
        });
        const diagnostics = await changed;
        // The wheel rules wait until every name resolves: the broken link would make them judge another wheel.
        expect(diagnostics.map(d => d.code)).toEqual(['unresolved-reference']);
        expect(diagnostics.find(d => d.code === 'unresolved-reference')?.range.start).toEqual({ line: 4, character: 9 });
    });

    test('a configuration change re-checks open documents at once', async () => {
        const drivers = Array.from({ length: 4 }, (_, i) => `d${i}`);
        const reopened = session.nextDiagnostics(uri);
        await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: wheel(drivers) }] });
        expect((await reopened).map(d => d.code)).toEqual([]);

        const rechecked = session.nextDiagnostics(uri);
        session.configuration = { validation: { maxDrivers: 3 } };
        await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { flywheel: session.configuration } });
        expect((await rechecked).map(d => d.code)).toEqual(['too-many-drivers']);
    });

    test('a flywheel.config.json the client sends applies to the documents below it, and one with errors is reported in itself', async () => {
        const drivers = ['a', 'b', 'c'];
        const opened = session.nextDiagnostics(uri);
        await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 10 }, contentChanges: [{ text: wheel(drivers) }] });
        expect((await opened).map(d => d.code)).toEqual([]);

        const config = 'file:///work/flywheel.config.json';
        const rechecked = session.nextDiagnostics(uri);
        await session.connection.sendNotification('flywheel/configFiles', { files: [{ uri: config, text: '{ "maxDrivers": 2, "rules": { "too-many-drivers": "error" } }' }] });
        expect((await rechecked).map(d => [d.code, d.severity])).toEqual([['too-many-drivers', 1]]);

        const reported = session.nextDiagnostics(config);
        const again = session.nextDiagnostics(uri);
        await session.connection.sendNotification('flywheel/configFiles', { files: [{ uri: config, text: '{\n  "maxDrivers": "two"\n}' }] });
        expect(await reported).toEqual([expect.objectContaining({
            code: 'invalid-config', severity: 1, range: { start: { line: 1, character: 16 }, end: { line: 1, character: 21 } },
            message: '"maxDrivers" must be a whole number (0 or more), not "two"'
        })]);
        // What could not be read does not apply: the default limit is back.
        expect((await again).map(d => d.code)).toEqual([]);

        const cleared = session.nextDiagnostics(config);
        const removed = session.nextDiagnostics(uri);
        await session.connection.sendNotification('flywheel/configFiles', { files: [{ uri: config }] });
        expect(await cleared).toEqual([]);
        expect(await removed).toEqual([]);
    });

    test('answers hover over the connection', async () => {
        const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 9 } }) as { contents: { value: string } };
        expect(hover.contents.value).toContain('`g` · goal');
    });
});
