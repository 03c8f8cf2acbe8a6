/** Completion, hover, navigation, rename, symbols, folding and semantic tokens, through Langium's LSP services. */
import { afterEach, describe, expect, test } from 'vitest';
import { clearDocuments, expectCompletion, expectFindReferences, expectGoToDefinition, expectHover, expectSymbols } from 'langium/test';
import { SemanticTokensDecoder } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { services, validate } from '../validation-helpers.js';

const lsp = services.Flywheel;
afterEach(() => clearDocuments(services.shared));

const amazon = `/** Amazon's virtuous cycle. */
flywheel Amazon {
    goal growth "Growth"
    /** What customers feel on every visit. */
    quality driver experience "Customer experience"
    driver traffic "Traffic"
    cost driver prices "Lower prices"
    driver sellers
    experience -> traffic -> growth -> prices -> experience
    growth -> sellers -> experience
}
flywheel Other {
    goal elsewhere
}`;

describe('completion', () => {
    test('in a chain: the current flywheel\'s nodes only, and arrows after a name', async () => {
        await expectCompletion(lsp)({
            text: amazon.replace('growth -> sellers', 'growth -> <|>sellers'), index: 0,
            assert: list => {
                const labels = list.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['experience', 'traffic', 'prices', 'sellers']));
                expect(labels).not.toContain('elsewhere');
                expect(labels, 'the source of the link').not.toContain('growth');
            }
        });
        await expectCompletion(lsp)({
            text: amazon.replace('growth -> sellers', 'growth <|>'), index: 0,
            assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['->', '-|', '~>', '~|']))
        });
    });

    test('after an arrow and a space: the goal and drivers only, not the source, each with its label and kinds', async () => {
        await expectCompletion(lsp)({
            text: amazon.replace('growth -> sellers', 'traffic -> <|>sellers'), index: 0,
            assert: list => {
                expect(list.items.map(i => i.label).sort()).toEqual(['experience', 'growth', 'prices', 'sellers']);
                const experience = list.items.find(i => i.label === 'experience')!;
                expect(experience.labelDetails?.description).toBe('Customer experience · quality driver');
                expect(list.items.find(i => i.label === 'growth')!.labelDetails?.description).toBe('Growth · goal');
            }
        });
    });

    test('a space opens completion after an arrow only, and nothing is offered right after an arrow', async () => {
        const completion = async (text: string, trigger?: string) => {
            const { document } = await validate(text.replace('<|>', ''));
            const offset = text.indexOf('<|>');
            return lsp.lsp.CompletionProvider!.getCompletion(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset),
                context: trigger ? { triggerKind: 2, triggerCharacter: trigger } : { triggerKind: 1 }
            });
        };
        const opened = await completion(amazon.replace('growth -> sellers', 'growth -> <|>'), ' ');
        expect(opened?.items.map(i => i.label)).toContain('traffic');
        expect(await completion(amazon.replace('    driver sellers', '    driver <|>sellers'), ' ')).toBeUndefined();
        expect(await completion(amazon.replace('growth -> sellers', 'growth -><|> sellers'))).toBeUndefined();
    });

    test('after a name, the four arrows, each with what it means', async () => {
        await expectCompletion(lsp)({
            text: amazon.replace('growth -> sellers', 'growth <|>'), index: 0,
            assert: list => {
                const arrow = (label: string) => list.items.find(i => i.label === label)?.detail;
                expect(arrow('->')).toBe('reinforces: more of the source, more of the target');
                expect(arrow('-|')).toBe('dampens: more of the source, less of the target');
                expect(arrow('~>')).toBe('reinforces: more of the source, more of the target, with a delay');
                expect(arrow('~|')).toBe('dampens: more of the source, less of the target, with a delay');
            }
        });
    });

    test('keywords and kinds at the start of a member', async () => {
        await expectCompletion(lsp)({
            text: amazon.replace('    driver sellers', '    <|>\n    driver sellers'), index: 0,
            assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['goal', 'driver', 'cost', 'quality', 'initiative']))
        });
    });
});

describe('hover', () => {
    test('on an arrow: the link, what it means, and the loops it is part of', async () => {
        await expectHover(lsp)({
            text: amazon.replace('traffic -> growth', 'traffic <|>-> growth'), index: 0,
            hover: '`traffic -> growth` · reinforcing: more `traffic`, more `growth`\n\nPart of R1, R2.'
        });
    });

    test('on a link\'s label, and a delayed dampening link on no loop', async () => {
        const text = amazon.replace('growth -> sellers -> experience', 'growth -> sellers -> experience\n    prices ~| sellers <|>"fewer margins"');
        await expectHover(lsp)({
            text, index: 0,
            hover: '`prices ~| sellers "fewer margins"` · dampening: more `prices`, less `sellers`, with a delay\n\nPart of B1.'
        });
    });

    test('on a driver: label, kinds, doc comment, loops, and what removing it does (a single point of failure)', async () => {
        await expectHover(lsp)({
            text: amazon.replace('quality driver experience', 'quality driver <|>experience'), index: 0,
            hover: /\*\*Customer experience\*\* · `experience` · quality driver\n\nWhat customers feel on every visit\.\n\nOn the wheel, on R1, R2\.\n\n\*\*Single point of failure:\*\* removing `experience` would stop every reinforcing loop through the goal\./
        });
    });

    test('on a reference, a driver that others can route around', async () => {
        await expectHover(lsp)({
            text: amazon.replace('growth -> sellers', 'growth -> <|>sellers'), index: 0,
            hover: /On the wheel, on R2\.\n\nRemoving `sellers` would leave R1 turning\./
        });
    });

    test('on the goal: the loops through it', async () => {
        await expectHover(lsp)({
            text: amazon.replace('goal growth', 'goal <|>growth'), index: 0,
            hover: /The goal: 2 loops pass through it: R1, R2\./
        });
    });
});

describe('navigation', () => {
    test('go to definition from a chain to the declaration', async () => {
        await expectGoToDefinition(lsp)({
            text: amazon.replace('driver sellers', 'driver <|sellers|>').replace('growth -> sellers', 'growth -> <|>sellers'),
            index: 0, rangeIndex: 0
        });
    });

    test('find references lists every use in chains', async () => {
        await expectFindReferences(lsp)({
            text: amazon.replace('    driver traffic', '    driver <|traffic|>').replace('experience -> traffic', 'experience -> <|<|>traffic|>').replace('traffic -> growth', '<|traffic|> -> growth'),
            includeDeclaration: true
        });
    });
});

describe('rename', () => {
    const renameAt = async (text: string, find: string, newName: string) => {
        const { document } = await validate(text);
        const position = document.textDocument.positionAt(text.indexOf(find));
        return lsp.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.uri.toString() }, position, newName });
    };

    test('updates the declaration and every chain', async () => {
        const edit = await renameAt(amazon, 'traffic "Traffic"', 'visits');
        const edits = Object.values(edit!.changes!)[0];
        expect(edits).toHaveLength(2);
        expect(edits.every(e => e.newText === 'visits')).toBe(true);
    });

    test('refuses keywords, bad identifiers and names already taken', async () => {
        await expect(renameAt(amazon, 'traffic "Traffic"', 'quality')).rejects.toThrow("'quality' is a keyword");
        await expect(renameAt(amazon, 'traffic "Traffic"', '2fast')).rejects.toThrow("'2fast' is not a valid name");
        await expect(renameAt(amazon, 'traffic "Traffic"', 'prices')).rejects.toThrow("'prices' is already declared in flywheel 'Amazon'");
    });

    test('a name used in another flywheel is fine', async () => {
        expect(await renameAt(amazon, 'traffic "Traffic"', 'elsewhere')).toBeDefined();
    });
});

describe('document symbols', () => {
    test('flywheel → goal and drivers', async () => {
        await expectSymbols(lsp)({
            text: amazon,
            assert: (symbols: DocumentSymbol[]) => {
                expect(symbols.map(s => s.name)).toEqual(['Amazon', 'Other']);
                expect(symbols[0].children?.map(s => s.name)).toEqual(['growth', 'experience', 'traffic', 'prices', 'sellers']);
                expect(symbols[0].kind).toBe(SymbolKind.Namespace);
            }
        });
    });
});

describe('folding', () => {
    test('each flywheel folds, its closing brace left in view', async () => {
        const { document } = await validate(amazon);
        const ranges = await lsp.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } });
        expect(ranges.map(r => [r.startLine, r.endLine])).toEqual(expect.arrayContaining([[1, 9], [11, 12]]));
    });
});

describe('semantic tokens', () => {
    test('goal, drivers with their kinds, and arrows by polarity', async () => {
        const text = `flywheel W {
    goal g
    cost driver c
    g -> c ~| g
}`;
        const { document } = await validate(text);
        const provider = lsp.lsp.SemanticTokenProvider!;
        const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        const decoded = SemanticTokensDecoder.decode(tokens, provider.tokenTypes, document);
        const summary = decoded.map(t => `${text.slice(t.offset, t.offset + t.text.length)}:${t.tokenType}`);
        expect(summary).toEqual(['g:goal', 'c:driver', 'g:goal', '->:reinforcing', 'c:driver', '~|:dampening', 'g:goal']);
    });

    // Found by the fuzzer: half-typed text parses into links and chains with parts missing.
    test.each([
        ['a link without its target', 'flywheel W {\n    goal g\n    driver c\n    g -> c ->\n}', ['g:goal', 'c:driver', 'g:goal', '->:reinforcing', 'c:driver', '->:reinforcing']],
        ['a chain cut after its source', 'flywheel W {\n    goal g\n    g\n}', ['g:goal', 'g:goal']]
    ])('%s still gets tokens for what is there', async (_, text, expected) => {
        const { document } = await validate(text);
        const provider = lsp.lsp.SemanticTokenProvider!;
        const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        const decoded = SemanticTokensDecoder.decode(tokens, provider.tokenTypes, document);
        expect(decoded.map(t => `${text.slice(t.offset, t.offset + t.text.length)}:${t.tokenType}`)).toEqual(expected);
    });
});
