/**
 * Initiatives over a real LSP connection to the built server: each code's quick fix, applied as
 * an editor applies it, repairs its diagnostic and nothing else; hover gives the pressure test.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { type LspSession, startLanguageServer } from '../support/lsp-client.js';
import { twoLoopWheel } from '../support/fixtures.js';

const uri = 'file:///work/initiatives.fly';
/** R1: g -> c -> q -> g and R2: g -> c -> p -> q -> g; `c` and `q` are on both. */
const wheel = (members: string) => `${twoLoopWheel(members)}\n`;

let session: LspSession;
let version = 1;
beforeAll(async () => {
    session = await startLanguageServer();
    const opened = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flywheel', version, text: wheel('') } });
    await opened;
});
afterAll(async () => {
    await session.close();
});

async function check(text: string): Promise<Diagnostic[]> {
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
    return published;
}

/** The quick fixes the server offers for the one diagnostic with `code`, each applied to the text. */
async function fixes(text: string, code: string): Promise<Array<{ title: string; preferred: boolean; result: string }>> {
    const diagnostic = (await check(text)).find(d => d.code === code)!;
    expect(diagnostic, code).toBeDefined();
    const actions = await session.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] }
    }) as CodeAction[];
    const document = TextDocument.create(uri, 'flywheel', 0, text);
    return actions.filter(a => a.kind === 'quickfix').map(action => ({
        title: action.title,
        preferred: Boolean(action.isPreferred),
        result: TextDocument.applyEdits(document, action.edit!.changes![uri])
    }));
}

const codes = async (text: string) => (await check(text)).map(d => d.code);

describe('quick fixes over the connection', () => {
    test('initiative-off-wheel: link it to a wheel driver it could push, the one on most loops preferred', async () => {
        const text = wheel('    initiative stadium');
        const offered = await fixes(text, 'initiative-off-wheel');
        expect(offered.map(f => [f.title, f.preferred])).toEqual([
            ["Link 'stadium' to the wheel driver 'c': stadium -> c", true],
            ["Link 'stadium' to the wheel driver 'q': stadium -> q", false],
            ["Link 'stadium' to the wheel driver 'p': stadium -> p", false]
        ]);
        expect(offered[0].result).toBe(text.replace('    initiative stadium\n', '    initiative stadium\n    stadium -> c\n'));
        expect(await codes(offered[0].result)).toEqual([]);
    });

    test('initiative-brakes-wheel: make the link reinforce, keeping its delay and label', async () => {
        const text = wheel('    initiative hike\n    hike ~| p "fewer buyers"');
        const [fix] = await fixes(text, 'initiative-brakes-wheel');
        expect(fix.title).toBe('Make it reinforce: hike ~> p');
        expect(fix.result).toBe(text.replace('hike ~| p', 'hike ~> p'));
        expect(await codes(fix.result)).toEqual([]);
    });

    test('link-into-initiative: reverse it (preferred) or remove it', async () => {
        const text = wheel('    initiative ads\n    q -> ads "more budget"');
        const [reverse, remove] = await fixes(text, 'link-into-initiative');
        expect(reverse).toMatchObject({ title: 'Reverse the link: ads -> q', preferred: true });
        expect(reverse.result).toBe(text.replace('q -> ads "more budget"', 'ads -> q "more budget"'));
        expect(await codes(reverse.result)).toEqual([]);
        expect(remove.title).toBe('Remove the link q -> ads');
        expect(remove.result).toBe(text.replace('    q -> ads "more budget"\n', ''));
        expect(await codes(remove.result)).toEqual(['initiative-off-wheel']);
    });

    test('link-into-initiative inside a longer chain: only removal, which keeps the rest of the chain', async () => {
        const text = wheel('    initiative ads\n    ads -> p\n    g -> q -> ads');
        const offered = await fixes(text, 'link-into-initiative');
        expect(offered.map(f => f.title)).toEqual(['Remove the link q -> ads']);
        expect(offered[0].result).toBe(text.replace('g -> q -> ads', 'g -> q'));
    });
});

describe('hover over the connection', () => {
    const hoverAt = async (text: string, find: string) => {
        await check(text);
        const offset = text.indexOf(find);
        const position = TextDocument.create(uri, 'flywheel', 0, text).positionAt(offset);
        const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }) as { contents: { value: string } };
        return hover.contents.value;
    };
    const text = wheel('    initiative ads "Run ads"\n    ads -> p\n    initiative idle');

    test('on a driver every reinforcing loop passes through: a single point of failure, and whether an initiative pushes it', async () => {
        const value = await hoverAt(text, 'c\n');
        expect(value).toContain('**Single point of failure:** removing `c` would stop every reinforcing loop through the goal.');
        expect(value).toContain('No initiative pushes it.');
    });

    test('on a driver others route around: the loops that survive it, and who pushes it', async () => {
        const value = await hoverAt(text, 'p\n');
        expect(value).toContain('Removing `p` would leave R1 turning.');
        expect(value).toContain('Pushed by `ads`.');
    });

    test('on an initiative: the loops it feeds and its rank; on an idle one, that it is off the wheel', async () => {
        expect(await hoverAt(text, 'ads "Run')).toContain('Feeds 1 reinforcing loop through the goal (R2) by pushing `p`; leverage rank 1 of 2.');
        expect(await hoverAt(text, 'idle')).toContain('Off the wheel: it pushes nothing on the wheel');
    });
});
