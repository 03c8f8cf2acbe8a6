/**
 * The language server with inputs far past everyday size — a generated 5 MB file of 1,600
 * flywheels and one wheel of 5,000 drivers — over a real LSP connection: it answers a hover
 * while it is still checking, drops work made stale by a newer edit, keeps the preview's answer
 * small, and forgets documents the editor closes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { generateLargeFile, generateWheel } from '../../bench/generate.js';
import { type LspSession, startLanguageServer } from '../support/lsp-client.js';

const BIG = generateLargeFile(5_000_000);
const HUGE_WHEEL = generateWheel(5000);

let session: LspSession;
beforeAll(async () => {
    session = await startLanguageServer();
});
afterAll(async () => {
    await session.close();
});

async function open(uri: string, text: string, version = 1): Promise<void> {
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flywheel', version, text } });
}

async function change(uri: string, text: string, version: number): Promise<void> {
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

/** Where `needle` starts in `text`, as an LSP position. */
function positionOf(text: string, needle: string): { line: number; character: number } {
    const offset = text.indexOf(needle);
    expect(offset, needle).toBeGreaterThanOrEqual(0);
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

function messages(diagnostics: Diagnostic[]): string {
    return diagnostics.map(d => (typeof d.message === 'string' ? d.message : d.message.value)).join('\n');
}

describe('a 5 MB file', () => {
    const uri = 'file:///large/big.fly';

    test('is big: about 5 MB in about 1,600 flywheels', () => {
        expect(BIG.length).toBeGreaterThanOrEqual(5_000_000);
        expect(BIG.match(/^flywheel /gm)!.length).toBeGreaterThan(1500);
    });

    test('a hover sent with the text is answered before the checking is done', async () => {
        const order: string[] = [];
        const diagnostics = session.nextDiagnostics(uri).then(d => { order.push('diagnostics'); return d; });
        await open(uri, BIG);
        const position = positionOf(BIG, 'driver driver_3 "Driver 3: a label long enough to wrap in the drawing"\n    /** What driver 4 of wheel 800 ');
        const hover = session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { ...position, character: position.character + 7 } })
            .then(h => { order.push('hover'); return h as { contents: { value: string } }; });
        expect((await hover).contents.value).toContain('Driver 3: a label long enough to wrap in the drawing');
        await diagnostics;
        expect(order).toEqual(['hover', 'diagnostics']);
    });

    test('two edits in a row: the first one\'s results are dropped, never published', async () => {
        const start = session.published.length;
        const latest = session.nextDiagnostics(uri);
        await change(uri, BIG.replace('growth -> driver_0', 'growth -> first_edit_target'), 2);
        await change(uri, BIG.replace('growth -> driver_0', 'growth -> second_edit_target'), 3);
        expect(messages(await latest)).toContain('second_edit_target');
        const since = session.published.slice(start).filter(p => p.uri === uri);
        expect(since).toHaveLength(1);
        expect(messages(since[0].diagnostics)).not.toContain('first_edit_target');
    });

    test('the preview gets the flywheels that fit its limit, and one sentence for the rest', async () => {
        const { result } = await session.openPreview(uri);
        expect(result.kind).toBe('models');
        if (result.kind !== 'models') return;
        expect(result.models.reduce((sum, m) => sum + m.nodes.length, 0)).toBeLessThanOrEqual(2000);
        expect(result.models.length).toBeGreaterThan(100);
        expect(result.notDrawn).toEqual([expect.stringMatching(/^'Wheel\d+' and [\d,]+ more flywheels are not drawn: the preview draws up to 2,000 nodes per file/)]);
    });

    test('two edits in a row: the preview is pushed the second one only', async () => {
        const start = session.pushed.length;
        const latest = session.nextDiagnostics(uri);
        await change(uri, BIG.replace('"Business line 1"', '"Business line one"'), 4);
        await change(uri, BIG.replace('"Business line 1"', '"Business line uno"'), 5);
        await latest;
        const pushed = await waitForPushAfter(start, uri);
        expect(pushed.map(p => p.version)).toEqual([5]);
        expect(JSON.stringify(pushed[0].result)).toContain('Business line uno');
    }, 60_000);
});

/** The pushes for `uri` since `start`, once the one that follows the latest diagnostics has come. */
async function waitForPushAfter(start: number, uri: string) {
    const since = () => session.pushed.slice(start).filter(p => p.uri === uri);
    if (since().length === 0) await session.nextRenderModels(uri);
    return since();
}

describe('a wheel of 5,000 drivers', () => {
    const uri = 'file:///large/wheel.fly';

    test('hover on a driver is answered before the checking is done', async () => {
        const order: string[] = [];
        const diagnostics = session.nextDiagnostics(uri).then(() => order.push('diagnostics'));
        await open(uri, HUGE_WHEEL);
        const hover = session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(HUGE_WHEEL, 'd2500 "Driver') })
            .then(h => { order.push('hover'); return h as { contents: { value: string } }; });
        expect((await hover).contents.value).toContain('Driver number 2500');
        await diagnostics;
        expect(order).toEqual(['hover', 'diagnostics']);
    });

    test('the preview says it is too large to draw instead of sending it', async () => {
        const { result } = await session.openPreview(uri);
        expect(result).toEqual({ kind: 'models', models: [], notDrawn: [expect.stringMatching(/^'Generated5000' has 5,001 nodes and 6,001 links: too large to draw here/)] });
    });
});

describe('closing documents', () => {
    test('an untitled document is forgotten, and its diagnostics cleared', async () => {
        const uri = 'untitled:Untitled-1';
        const checked = session.nextDiagnostics(uri);
        await open(uri, 'flywheel W {\n    goal g\n    g -> nowhere\n}\n');
        expect((await checked).map(d => d.code)).toContain('unresolved-reference');
        const cleared = session.nextDiagnostics(uri);
        await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        expect(await cleared).toEqual([]);
    });

    test('a file closed without saving is checked as it is on disk again', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'flywheel-close-'));
        const path = join(folder, 'saved.fly');
        writeFileSync(path, 'flywheel W {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}\n');
        const uri = pathToFileURL(path).toString();
        const checked = session.nextDiagnostics(uri);
        await open(uri, 'flywheel W {\n    goal g\n    cost quality driver d\n    g -> d -> unsaved\n}\n');
        expect((await checked).map(d => d.code)).toContain('unresolved-reference');
        const reread = session.nextDiagnostics(uri);
        await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        expect(await reread).toEqual([]);
    });
});

describe('a file with more diagnostics than are listed', () => {
    test('the server publishes 10,000 of 40,000 and one notice counting the rest (it used to publish none past about 120,000)', async () => {
        const uri = 'file:///large/unresolved.fly';
        const text = ['flywheel Huge {', '    goal g', '    driver alpha', '    g -> alpha -> g', ...Array.from({ length: 40_000 }, (_, i) => `    alpha -> x${i}`), '}', ''].join('\n');
        const checked = session.nextDiagnostics(uri);
        await open(uri, text);
        const diagnostics = await checked;
        expect(diagnostics).toHaveLength(10_001);
        expect(diagnostics.filter(d => d.code === 'unresolved-reference')).toHaveLength(10_000);
        const notice = diagnostics.find(d => d.code === 'diagnostics-left-out');
        expect(notice?.message).toBe('30,000 more diagnostics are not listed (30,000 errors): a file reports at most 10,000. Fix the ones listed and check again.');
        expect(notice?.severity).toBe(1);
        await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }, 60_000);
});
