/**
 * The mistakes of a new author's first hour (issue 13), each as it is typed: one diagnostic at
 * the mistake, in the author's words, saying what would fit — and no follow-on errors.
 * `«…»` marks where the diagnostic must be.
 */
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { marked, validate } from './validation-helpers.js';

const INTERNAL_WORDS = /undefined|null|EOF|offset|\[object|\bID\b|STRING|token/;

/** The diagnostics of `markedText`; exactly one, of `code`, at the marked place. */
async function onlyDiagnostic(code: string, markedText: string): Promise<Diagnostic> {
    const { text, ranges } = marked(markedText);
    const { diagnostics } = await validate(text);
    expect(diagnostics.map(d => `${d.code}: ${d.message}`)).toHaveLength(1);
    const [diagnostic] = diagnostics;
    expect(diagnostic.code).toBe(code);
    expect(diagnostic.range).toEqual(ranges[0]);
    expect(diagnostic.message).not.toMatch(INTERNAL_WORDS);
    return diagnostic;
}

const wheel = (body: string) => `flywheel Media "Media flywheel" {
    goal readers "Readers"
    quality driver content "Content"
    cost driver search "Search cost"
${body}
}
`;

describe('unknown characters, read for what was meant', () => {
    test('`content => search`: `=>` is not an arrow, write `->`', async () => {
        const d = await onlyDiagnostic('syntax-error', wheel('    readers -> content\n    content «=>» search\n    search -> readers'));
        expect(d.message).toContain('`->`');
        expect(d.message).not.toMatch(/->=<-|skipped|at offset/);
        expect(d.data).toMatchObject({ suggestions: ['->'] });
    });

    test('`g <- a`: links point forwards, write `a -> g`', async () => {
        const d = await onlyDiagnostic('syntax-error', wheel('    readers -> content -> search -> readers\n    «readers <- search»'));
        expect(d.message).toMatch(/^Links point forwards/);
        expect(d.message).toContain('`search -> readers`');
        expect(d.data).toMatchObject({ suggestions: ['search -> readers'] });
    });

    test('`# comment`: comments start with //', async () => {
        const d = await onlyDiagnostic('syntax-error', `«#» our flywheel\n${wheel('    readers -> content -> search -> readers')}`);
        expect(d.message).toContain('`//`');
    });

    test('`long-term-value`: one diagnostic for the name, wherever it is written, saying what a name may contain', async () => {
        const d = await onlyDiagnostic('syntax-error', `flywheel Shop {
    goal «long-term-value» "Long-term value"
    quality driver product
    cost driver price
    long-term-value -> product -> price -> long-term-value
}`);
        expect(d.message).toContain('letters');
        expect(d.message).toContain('`_`');
        expect(d.message).toContain('longTermValue');
    });

    test('`-->` and a lone `-` are arrows mistyped', async () => {
        expect((await onlyDiagnostic('syntax-error', wheel('    readers «-->» content -> search -> readers'))).message).toContain('`->`');
        expect((await onlyDiagnostic('syntax-error', wheel('    readers «-» content -> search -> readers'))).message).toContain('`-|`');
    });

    test('`;` at the end of a line is not needed', async () => {
        const d = await onlyDiagnostic('syntax-error', wheel('    readers -> content -> search -> readers«;»'));
        expect(d.message).toContain('not needed');
    });
});

describe('labels', () => {
    test('an unclosed label says where it opened and that the line ended', async () => {
        const d = await onlyDiagnostic('syntax-error', `flywheel Media «"Media flywheel» {
    goal readers "Readers"
    quality driver content "Content"
    cost driver search "Search cost"
    readers -> content -> search -> readers
}`);
        expect(d.message).toContain('opened at 1:16');
        expect(d.message).toContain('not closed before the end of the line');
    });

    test('an unclosed label on a driver costs the driver nothing else', async () => {
        const d = await onlyDiagnostic('syntax-error', wheel('    driver extra «"Extra»\n    readers -> content -> search -> readers'));
        expect(d.message).toContain('opened at 5:18');
    });

    test('a label in single quotes is read, and asked for in double quotes', async () => {
        const d = await onlyDiagnostic('syntax-error', wheel("    driver extra «'Extra'»\n    readers -> content -> search -> readers"));
        expect(d.message).toContain('"Extra"');
    });
});

describe('keywords', () => {
    test('`quality drivr product`: did you mean `driver`?', async () => {
        const d = await onlyDiagnostic('syntax-error', `flywheel Shop {
    goal sales "Sales"
    quality «drivr» product "Product"
    cost driver price "Price"
    sales -> product -> price -> sales
}`);
        expect(d.message).toContain('did you mean `driver`?');
        expect(d.data).toMatchObject({ suggestions: ['driver'] });
    });

    test('a keyword in capitals, a transposed one, a forgotten letter', async () => {
        const text = (goal: string, flywheel: string) => `${flywheel} Shop {\n    ${goal} sales\n    quality cost driver p\n    sales -> p -> sales\n}`;
        expect((await onlyDiagnostic('syntax-error', text('«Goal»', 'flywheel'))).message).toContain('`goal`');
        expect((await onlyDiagnostic('syntax-error', text('«gaol»', 'flywheel'))).message).toContain('did you mean `goal`?');
        expect((await onlyDiagnostic('syntax-error', text('goal', '«flywhel»'))).message).toContain('did you mean `flywheel`?');
    });

    test('a keyword used as a name says it is a keyword', async () => {
        const d = await onlyDiagnostic('syntax-error', wheel('    driver «cost» "Cost"\n    readers -> content -> search -> readers'));
        expect(d.message).toContain('keyword');
    });
});

describe('structure', () => {
    test('declarations outside a flywheel go inside `flywheel Name { … }`', async () => {
        const d = await onlyDiagnostic('syntax-error', `«goal» sales "Sales"
quality driver product "Product"
cost driver price "Price"
sales -> product -> price -> sales
`);
        expect(d.message).toContain('go inside a flywheel');
        expect(d.message).toContain('flywheel Name { … }');
    });

    test('a missing `}` at the end of the file points at the `{` it would close', async () => {
        const source = 'flywheel Shop {\n    goal sales\n    quality cost driver p\n    sales -> p -> sales\n';
        const { diagnostics } = await validate(source);
        expect(diagnostics).toHaveLength(1);
        const [d] = diagnostics;
        expect(d.message).toContain("flywheel 'Shop'");
        expect(d.message).toContain('the `{` at 1:15');
        expect(d.range.start).toEqual({ line: 3, character: 23 });
        expect(d.relatedInformation?.[0].location.range).toEqual({ start: { line: 0, character: 14 }, end: { line: 0, character: 15 } });
    });

    test('a stray word is reported where it was typed, not at the next declaration', async () => {
        const d = await onlyDiagnostic('syntax-error', `flywheel Shop {
    goal sales "Sales"
    cost driver price "Price"
    sales -> price -> sales

    «oops»

    quality driver product "Product"
    sales -> product -> sales
}`);
        expect(d.message).toContain('`oops`');
    });

    test('an arrow at the end of a line is reported at the arrow', async () => {
        const d = await onlyDiagnostic('syntax-error', wheel('    readers -> content -> search -> readers\n    content «->»'));
        expect(d.message).toContain('leads nowhere');
    });

    test('a declaration without its keyword asks for `goal` or `driver`', async () => {
        const d = await onlyDiagnostic('syntax-error', wheel('    readers -> content -> search -> readers\n    extra «"Extra"»'));
        expect(d.message).toContain('`driver extra "Extra"`');
    });
});

describe('no cascades', () => {
    test('a flywheel that does not parse gets none of the wheel rules', async () => {
        const { diagnostics } = await validate(wheel('    readers -> content\n    content => search'));
        expect(diagnostics.map(d => d.code)).toEqual(['syntax-error']);
    });

    test('an unresolved name in a chain that parsed whole is still reported in a flywheel that does not parse', async () => {
        const { diagnostics } = await validate(wheel('    readers -> content -> search -> nowhere\n    search => readers'));
        expect(diagnostics.map(d => d.code).sort()).toEqual(['syntax-error', 'unresolved-reference']);
    });

    test('a flywheel whose name was lost to a syntax error is called "this flywheel", never \'undefined\' (found by the fuzzer)', async () => {
        const { diagnostics } = await validate('flywheel "Shop" {\n    goal g\n    driver a\n    driver a\n    g -> a -> g\n    a -> nowhere\n}\n');
        expect(diagnostics.map(d => `${d.code}: ${d.message}`).sort()).toEqual([
            "duplicate-name: 'a' is already declared in this flywheel.",
            'syntax-error: A flywheel needs a name before its label: `flywheel Marketplace "Our marketplace" { … }`.',
            "unresolved-reference: 'nowhere' is not declared in this flywheel: declare it as a driver or fix the name."
        ]);
    });

    test('a duplicate declaration gets duplicate-name only, pointing at the first', async () => {
        const { text, ranges } = marked(`flywheel Data {
    goal insight "Insight"
    quality driver «data» "Data"
    cost driver storage "Storage"
    driver «data» "Data again"
    insight -> data -> storage -> insight
}`);
        const { diagnostics } = await validate(text);
        expect(diagnostics.map(d => d.code)).toEqual(['duplicate-name']);
        expect(diagnostics[0].range).toEqual(ranges[1]);
        expect(diagnostics[0].relatedInformation?.[0].location.range.start).toEqual(ranges[0].start);
    });

    test('a misspelled name: did you mean, and none of the wheel rules on the wheel it breaks', async () => {
        const d = await onlyDiagnostic('unresolved-reference', `flywheel Platform {
    goal apps "Apps"
    quality driver developers "Developers"
    cost driver fees "Fees"
    apps -> «developrs» -> fees -> apps
}`);
        expect(d.message).toContain("did you mean 'developers'?");
        expect(d.data).toMatchObject({ suggestions: ['developers'] });
    });

    test('"did you mean" ignores case and looks only in the same flywheel', async () => {
        const { diagnostics } = await validate(`flywheel A {
    goal g
    quality cost driver Developers
    g -> developers -> g
}
flywheel B {
    goal h
    quality cost driver fees
    h -> fee -> h
}`);
        expect(diagnostics.map(d => d.message)).toEqual([
            "'developers' is not declared in flywheel 'A': did you mean 'Developers'?",
            "'fee' is not declared in flywheel 'B': did you mean 'fees'?"
        ]);
    });
});
