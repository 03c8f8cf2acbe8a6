/** Quick fixes: each repairs its diagnostic, and touches nothing else (the rest of the model is unchanged). */
import { TextDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { services, validate } from '../validation-helpers.js';
import { SUPPRESS_KIND } from '../../../language/lsp/flywheel-suppression-fixes.js';

/** The quick fixes offered for the first diagnostic with `code`, each applied to a copy of the text. */
async function fixesFor(text: string, code: string): Promise<Array<{ title: string; preferred: boolean; result: string }>> {
    const { document, diagnostics } = await validate(text);
    const diagnostic = diagnostics.find(d => d.code === code);
    expect(diagnostic, `a ${code} diagnostic`).toBeDefined();
    const actions = (await services.Flywheel.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostic!.range, context: { diagnostics: [diagnostic!] }
    })) as CodeAction[];
    // The fixes that repair the cause; the suppressions offered for every code are in suppressions.test.ts.
    return actions.filter(action => action.kind !== SUPPRESS_KIND).map(action => ({
        title: action.title,
        preferred: Boolean(action.isPreferred),
        result: TextDocument.applyEdits(document.textDocument, action.edit!.changes![document.uri.toString()])
    }));
}

async function codesAfter(text: string): Promise<string[]> {
    return (await validate(text)).diagnostics.map(d => String(d.code));
}

const base = `flywheel W {
    goal g
    cost driver c
    quality driver q
    g -> c -> q -> g
}
`;

describe('broken-loop', () => {
    test('a driver that never leads back gets a link back to the goal (preferred) or to a wheel driver', async () => {
        const text = base.replace('quality driver q', 'quality driver q\n    driver x').replace('q -> g', 'q -> g\n    q -> x');
        const [toGoal, toWheel] = await fixesFor(text, 'broken-loop');
        expect(toGoal).toMatchObject({ title: "Link 'x' back to the goal: x -> g", preferred: true });
        expect(toGoal.result).toBe(text.replace('    q -> x\n', '    q -> x\n    x -> g\n'));
        expect(await codesAfter(toGoal.result)).toEqual([]);
        expect(toWheel.title).toBe("Link 'x' to the wheel driver 'c'");
        expect(await codesAfter(toWheel.result)).toEqual([]);
    });

    test('a driver never reached gets a link from the goal', async () => {
        const text = base.replace('quality driver q', 'quality driver q\n    driver x').replace('q -> g', 'q -> g\n    x -> c');
        const [fix] = await fixesFor(text, 'broken-loop');
        expect(fix.title).toBe("Link the goal to 'x': g -> x");
        expect(await codesAfter(fix.result)).toEqual([]);
    });

    test('a driver with no links is put on a loop through the goal', async () => {
        const text = base.replace('quality driver q', 'quality driver q\n    driver x');
        const [fix] = await fixesFor(text, 'broken-loop');
        expect(fix.result).toContain('    g -> x -> g\n}');
        expect(await codesAfter(fix.result)).toEqual([]);
    });

    test('works on a one-line flywheel', async () => {
        const text = 'flywheel W { goal g cost quality driver c driver x g -> c -> g }';
        const [fix] = await fixesFor(text, 'broken-loop');
        expect(fix.result).toBe('flywheel W { goal g cost quality driver c driver x g -> c -> g \n    g -> x -> g\n}');
        expect(await codesAfter(fix.result)).toEqual([]);
    });
});

describe('unresolved-reference', () => {
    test('declares the missing driver after the last declaration', async () => {
        const text = base.replace('q -> g', 'q -> newcomer -> g');
        const [fix] = await fixesFor(text, 'unresolved-reference');
        expect(fix.title).toBe("Declare the driver 'newcomer'");
        expect(fix.result).toBe(text.replace('quality driver q\n', 'quality driver q\n    driver newcomer\n'));
        expect(await codesAfter(fix.result)).toEqual([]);
    });

    test('a mistyped name is changed to the declared one it may mean (preferred), or declared as it is', async () => {
        const text = base.replace('quality driver q', 'quality driver q\n    driver developers').replace('q -> g', 'q -> developrs -> g\n    g -> developers');
        const [meant, declare] = await fixesFor(text, 'unresolved-reference');
        expect(meant).toMatchObject({ title: "Change 'developrs' to 'developers'", preferred: true });
        expect(meant.result).toBe(text.replace('q -> developrs', 'q -> developers'));
        expect(await codesAfter(meant.result)).toEqual([]);
        expect(declare).toMatchObject({ title: "Declare the driver 'developrs'", preferred: false });
    });
});

describe('syntax-error: what a mistyped word or arrow was meant to be', () => {
    test('a mistyped keyword becomes the keyword', async () => {
        const text = base.replace('quality driver q', 'quality drivr q');
        const [fix] = await fixesFor(text, 'syntax-error');
        expect(fix).toMatchObject({ title: "Change 'drivr' to 'driver'", preferred: true });
        expect(fix.result).toBe(base);
    });

    test('another language\'s arrow becomes the arrow', async () => {
        const text = base.replace('g -> c', 'g => c');
        const [fix] = await fixesFor(text, 'syntax-error');
        expect(fix.title).toBe("Change '=>' to '->'");
        expect(fix.result).toBe(base);
    });
});

describe('missing-cost-driver and missing-quality-driver', () => {
    test('puts the kind on a wheel driver, or adds a new driver line', async () => {
        const text = base.replace('cost driver c', 'driver c').replace('/**', '');
        const [onWheel, second, newLine] = await fixesFor(text, 'missing-cost-driver');
        expect(onWheel).toMatchObject({ title: "Make 'c' a cost driver", preferred: true });
        expect(onWheel.result).toBe(base);
        expect(second.title).toBe("Make 'q' a cost driver");
        expect(second.result).toContain('cost quality driver q');
        expect(newLine.title).toBe("Add a new cost driver 'costDriver' on a loop through the goal");
        expect(newLine.result).toContain('quality driver q\n    cost driver costDriver\n');
        expect(newLine.result).toContain('    g -> costDriver -> g\n}');
        expect(await codesAfter(newLine.result)).toEqual([]);
    });

    test('keeps a doc comment in front of the driver', async () => {
        const text = base.replace('    quality driver q', '    /** What customers feel. */\n    driver q');
        const fix = (await fixesFor(text, 'missing-quality-driver')).find(f => f.title === "Make 'q' a quality driver")!;
        expect(fix.result).toContain('    /** What customers feel. */\n    quality driver q');
    });
});

describe('duplicate-link and self-link', () => {
    const removal = async (chain: string, code: string) => {
        const text = base.replace('q -> g\n', `q -> g\n    ${chain}\n`);
        const [fix] = await fixesFor(text, code);
        expect(fix.preferred).toBe(true);
        return fix.result.replace(base.slice(0, base.indexOf('q -> g\n') + 7), '').replace(/}\n$/, '').trimEnd();
    };

    test('a one-link chain goes with its line', async () => {
        expect(await removal('c -> c', 'self-link')).toBe('');
    });
    test('the last link of a chain', async () => {
        expect(await removal('q -> c -> c', 'self-link')).toBe('    q -> c');
    });
    test('the first link of a chain, with its label', async () => {
        expect(await removal('c -> c "again" -> q', 'self-link')).toBe('    c -> q');
    });
    test('a middle link splits the chain in two', async () => {
        expect(await removal('g -> q -> q -> c', 'self-link')).toBe('    g -> q\n    q -> c');
    });
    test('a duplicated link', async () => {
        expect(await removal('g -> c // again', 'duplicate-link')).toBe('    // again');
    });
});

describe('too-many-drivers', () => {
    test('offers no fix', async () => {
        const drivers = Array.from({ length: 11 }, (_, i) => `d${i}`);
        const text = `flywheel W {\n    goal g\n    cost quality driver ${drivers.join('\n    driver ')}\n    g -> ${drivers.join(' -> ')} -> g\n}\n`;
        expect(await fixesFor(text, 'too-many-drivers')).toEqual([]);
    });
});

/** Each of these was found by the "nothing lost" properties (nothing-lost.test.ts) and fixed. */
describe('nothing lost around comments and duplicate names', () => {
    test('a new declaration goes below the comment that trails the last one, which keeps trailing it', async () => {
        const text = base.replace('quality driver q', 'quality driver q // the last one').replace('q -> g', 'q -> newcomer -> g');
        const [fix] = await fixesFor(text, 'unresolved-reference');
        expect(fix.result).toContain('    quality driver q // the last one\n    driver newcomer\n');
    });

    test('a new line goes above the comments that end the block: a doc comment there does not become its description', async () => {
        const text = base.replace('cost driver c', 'driver c').replace('g -> c -> q -> g', 'g -> c -> q -> g\n    /** Left for later. */');
        const fix = (await fixesFor(text, 'missing-cost-driver')).find(f => f.title.startsWith('Add a new cost driver'))!;
        expect(fix.result).toContain('    g -> costDriver -> g\n    /** Left for later. */\n}');
    });

    test('comments written inside a removed link are kept, and a line comment keeps its line break', async () => {
        const removal = async (chain: string) => {
            const [fix] = await fixesFor(base.replace('q -> g\n', `q -> g\n    ${chain}\n`), 'self-link');
            return fix.result.slice(fix.result.indexOf('q -> g\n') + 7).replace(/}\n$/, '');
        };
        expect(await removal('c /* why */ -> c')).toBe('    /* why */\n');
        expect(await removal('c // why\n        -> c')).toBe('    // why\n');
        expect(await removal('q -> c -> /* again */ c')).toBe('    q -> c /* again */\n');
        expect(await removal('c -> /* x */ c /* y */ "again" -> q')).toBe('    /* x */ c /* y */ -> q\n');
        expect(await removal('g -> q -> // back\n        q -> c')).toBe('    g -> q // back\n    q -> c\n');
    });

    test('no link fix for a driver whose name is declared before it: it gets duplicate-name, never broken-loop', async () => {
        const text = base.replace('q -> g', 'q -> g\n    driver c');
        const codes = (await validate(text)).diagnostics.map(d => d.code);
        expect(codes).toContain('duplicate-name');
        expect(codes).not.toContain('broken-loop');
    });

    test('no new kind driver when the goal\'s name is declared before it: its loop would miss the goal', async () => {
        const text = 'flywheel W {\n    driver g\n    quality driver q\n    goal g\n    g -> q -> g\n}\n';
        const titles = (await fixesFor(text, 'missing-cost-driver')).map(f => f.title);
        expect(titles.filter(title => title.startsWith('Add a new'))).toEqual([]);
    });
});
