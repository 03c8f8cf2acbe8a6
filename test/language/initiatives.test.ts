/**
 * Initiatives (LANGUAGE.md, "Initiatives (the pressure test)"): declared inside a flywheel, linked
 * to the drivers they push, and never a node of the wheel. One positive and one negative case per
 * code, with the exact position the contract gives (`«…»` marks it).
 */
import { describe, expect, test } from 'vitest';
import { SemanticTokensDecoder } from 'langium/lsp';
import { expectCompletion } from 'langium/test';
import { SymbolKind } from 'vscode-languageserver';
import { dataOf } from '../../language/diagnostic-codes.js';
import { codesOf, expectDiagnostics, expectNoDiagnostic, marked, services, validate } from './validation-helpers.js';
import { twoLoopWheel } from '../support/fixtures.js';

const wheel = twoLoopWheel;

describe('initiatives in the language', () => {
    test('a pushing initiative adds no diagnostic, and takes no part in the wheel', async () => {
        const { diagnostics, document } = await validate(wheel('    initiative ads "Run ads"\n    ads -> c "more trials"'));
        expect(diagnostics).toEqual([]);
        const facts = services.Flywheel.analysis.FlywheelAnalyzer.analyze(document.parseResult.value.flywheels[0]);
        expect(facts.graph.nodes.map(n => n.name)).toEqual(['g', 'c', 'q', 'p']);
        expect(facts.graph.initiatives).toEqual([{ name: 'ads', label: 'Run ads', pushes: [{ target: 1, arrow: '->', label: 'more trials' }] }]);
        expect(facts.analysis.loops.map(l => l.id)).toEqual(['R1', 'R2']);
    });

    test('initiatives count for no limit: too-many-drivers counts drivers only', async () => {
        const initiatives = Array.from({ length: 5 }, (_, i) => `    initiative i${i}\n    i${i} -> c`).join('\n');
        await expectNoDiagnostic('too-many-drivers', wheel(initiatives), 3);
    });

    test('`initiative` is a reserved word: it cannot be a name', async () => {
        const { text, ranges } = marked('flywheel W { goal g driver «initiative» }');
        const { diagnostics } = await validate(text);
        expect(diagnostics[0]).toMatchObject({ code: 'syntax-error', range: ranges[0] });
    });

    test('an initiative and a driver sharing a name: the later one is a duplicate-name', async () => {
        const [d] = await expectDiagnostics('duplicate-name', wheel('    initiative «c»'), { severity: 'error' });
        expect(dataOf(d)).toMatchObject({ initiative: 0, names: ['c'] });
    });

    test('a driver declared after an initiative of its name gets duplicate-name only, not broken-loop', async () => {
        const { diagnostics } = await validate(wheel('    initiative x\n    x -> c\n    driver x'));
        expect(codesOf(diagnostics)).toEqual(['duplicate-name']);
    });
});

describe('initiative-off-wheel', () => {
    test('on the name of an initiative that pushes nothing, naming the wheel drivers it could push, most loops first', async () => {
        const [d] = await expectDiagnostics('initiative-off-wheel', wheel('    initiative «stadium» "Stadium naming rights"'), { severity: 'warning' });
        expect(d.message).toBe("The initiative 'stadium' pushes nothing, so it never turns the goal 'g': say no to it, or link it to a wheel driver: "
            + "'c' (on 2 reinforcing loops), 'q' (on 2 reinforcing loops), 'p' (on 1 reinforcing loop).");
        expect(dataOf(d)).toMatchObject({ initiative: 0, names: ['stadium', 'c', 'q', 'p'] });
    });

    test('on one that pushes only drivers off the wheel', async () => {
        const [d] = await expectDiagnostics('initiative-off-wheel', wheel('    driver lonely\n    g -> lonely\n    initiative «side»\n    side -> lonely'));
        expect(d.message).toContain("pushes only what is off the wheel ('lonely')");
    });

    test('not on one that pushes a wheel driver, even beside an off-wheel one, nor on one that pushes the goal', async () => {
        await expectNoDiagnostic('initiative-off-wheel', wheel('    driver lonely\n    g -> lonely\n    initiative a\n    a -> lonely\n    a -> p'));
        await expectNoDiagnostic('initiative-off-wheel', wheel('    initiative a\n    a -> g'));
    });

    test('not when there is no wheel to push (goal-off-loop says so)', async () => {
        await expectNoDiagnostic('initiative-off-wheel', 'flywheel W {\n    goal g\n    driver d\n    g -> d\n    initiative a\n}');
    });
});

describe('initiative-brakes-wheel', () => {
    test('on the dampening link into a driver of a reinforcing loop through the goal, naming the loop', async () => {
        const [d] = await expectDiagnostics('initiative-brakes-wheel', wheel('    initiative hike "Raise prices"\n    hike «-| p "fewer buyers"»'), { severity: 'warning' });
        expect(d.message).toBe("The initiative 'hike' dampens 'p', which is on the reinforcing loop R2: g -> c -> p -> q -> g. It brakes the wheel.");
        expect(dataOf(d)).toMatchObject({ initiative: 0, push: 0, loops: ['R2'], names: ['hike', 'g', 'c', 'p', 'q', 'g'] });
    });

    test('a delayed brake counts too, and every loop it brakes is named', async () => {
        const [d] = await expectDiagnostics('initiative-brakes-wheel', wheel('    initiative cut\n    cut «~| c»'));
        expect(d.message).toContain('on the reinforcing loop R1 (and R2)');
    });

    test('not on a reinforcing link, nor on a brake of a driver off the wheel', async () => {
        await expectNoDiagnostic('initiative-brakes-wheel', wheel('    initiative a\n    a -> p\n    a ~> q'));
        await expectNoDiagnostic('initiative-brakes-wheel', wheel('    driver lonely\n    g -> lonely\n    initiative a\n    a -> c\n    a -| lonely'));
    });
});

describe('link-into-initiative', () => {
    test('on the link whose target is an initiative', async () => {
        const [d] = await expectDiagnostics('link-into-initiative', wheel('    initiative ads\n    ads -> c\n    q «-> ads»'), { severity: 'error' });
        expect(d.message).toBe("'q' links into the initiative 'ads': an initiative pushes drivers, nothing pushes it. Reverse the link (ads -> q) or remove it.");
        expect(dataOf(d)).toMatchObject({ initiative: 0, linkIntoInitiative: 0, names: ['q', 'ads'] });
    });

    test('also from one initiative into another, and in the middle of a chain', async () => {
        await expectDiagnostics('link-into-initiative', wheel('    initiative a\n    initiative b\n    a «-> b» -> c\n    b -> q'));
    });

    test('the rest of the wheel is still checked: the link is not part of it', async () => {
        const { diagnostics } = await validate(wheel('    initiative ads\n    ads -> c\n    q -> ads'));
        expect(codesOf(diagnostics)).toEqual(['link-into-initiative']);
    });

    test('not on links out of an initiative', () => expectNoDiagnostic('link-into-initiative', wheel('    initiative ads\n    ads -> c -> p')));
});

describe('editor features with initiatives', () => {
    const lsp = services.Flywheel;
    const text = wheel('    initiative ads "Run ads"\n    ads -> c\n    ads -> p');

    test('rename an initiative: its declaration and every link; a name an initiative holds is taken', async () => {
        const { document } = await validate(text);
        const at = (find: string) => ({ textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf(find)) });
        const edit = await lsp.lsp.RenameProvider!.rename(document, { ...at('ads "Run'), newName: 'campaign' });
        const edits = Object.values(edit!.changes!)[0];
        expect(edits.map(e => document.textDocument.getText(e.range))).toEqual(['ads', 'ads', 'ads']);
        await expect(lsp.lsp.RenameProvider!.rename(document, { ...at('driver p'), newName: 'ads' })).rejects.toThrow("'ads' is already declared in flywheel 'W'");
        await expect(lsp.lsp.RenameProvider!.rename(document, { ...at('driver p'), newName: 'initiative' })).rejects.toThrow("'initiative' is a keyword");
    });

    test('semantic tokens give initiatives their own type; the outline lists them as events', async () => {
        const { document } = await validate(text);
        const provider = lsp.lsp.SemanticTokenProvider!;
        const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        const decoded = SemanticTokensDecoder.decode(tokens, provider.tokenTypes, document);
        expect(decoded.filter(t => t.text === 'ads').map(t => t.tokenType)).toEqual(['initiative', 'initiative', 'initiative']);
        const symbols = await lsp.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
        expect(symbols[0].children?.find(s => s.name === 'ads')?.kind).toBe(SymbolKind.Event);
    });

    test('completion in a chain offers initiatives beside the goal and drivers', async () => {
        await expectCompletion(lsp)({
            text: text.replace('    ads -> p', '    <|>'), index: 0,
            assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['ads', 'g', 'c', 'q', 'p', 'initiative']))
        });
    });
});
