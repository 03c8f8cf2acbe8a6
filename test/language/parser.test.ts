/** The grammar of LANGUAGE.md ("Syntax"): every construct, and recovery from errors. */
import { describe, expect, test } from 'vitest';
import { isChain, isDriver, isGoal, type Chain, type Driver, type Goal } from '../../language/generated/ast.js';
import { validate } from './validation-helpers.js';

async function parse(text: string) {
    const { document } = await validate(text);
    return { model: document.parseResult.value, errors: [...document.parseResult.lexerErrors, ...document.parseResult.parserErrors] };
}

describe('parser', () => {
    test('an empty file or one with only comments holds no flywheel', async () => {
        for (const text of ['', '  \n', '// nothing yet\n/* later */']) {
            const { model, errors } = await parse(text);
            expect(errors).toEqual([]);
            expect(model.flywheels).toEqual([]);
        }
    });

    test('flywheel with and without a label', async () => {
        const { model, errors } = await parse('flywheel A "Amazon\'s cycle" { }\nflywheel B {}');
        expect(errors).toEqual([]);
        expect(model.flywheels.map(f => [f.name, f.label])).toEqual([['A', "Amazon's cycle"], ['B', undefined]]);
    });

    test('goal and drivers, with kinds in any combination and optional labels', async () => {
        const { model, errors } = await parse(`flywheel A {
    goal growth "Growth"
    driver plain
    cost driver c "Lower cost"
    quality driver q
    quality cost driver both "Both"
}`);
        expect(errors).toEqual([]);
        const [goal, ...drivers] = model.flywheels[0].members as [Goal, ...Driver[]];
        expect(isGoal(goal) && [goal.name, goal.label]).toEqual(['growth', 'Growth']);
        expect(drivers.every(isDriver)).toBe(true);
        expect(drivers.map(d => [d.name, d.kinds, d.label])).toEqual([
            ['plain', [], undefined],
            ['c', ['cost'], 'Lower cost'],
            ['q', ['quality'], undefined],
            ['both', ['quality', 'cost'], 'Both']
        ]);
    });

    test('a chain of n arrows declares n links, with the four arrows and labels on targets', async () => {
        const { model, errors } = await parse(`flywheel A {
    goal g
    driver a
    driver b
    driver c
    g -> a "more a" -| b ~> c "later" ~| g
}`);
        expect(errors).toEqual([]);
        const chain = model.flywheels[0].members.find(isChain) as Chain;
        expect(chain.source.$refText).toBe('g');
        expect(chain.links.map(l => [l.arrow, l.target.$refText, l.label])).toEqual([
            ['->', 'a', 'more a'], ['-|', 'b', undefined], ['~>', 'c', 'later'], ['~|', 'g', undefined]
        ]);
    });

    test('a label right after a target ends the chain when the next token is a name', async () => {
        const { model, errors } = await parse('flywheel A { goal g driver a g -> a "x" a -> g }');
        expect(errors).toEqual([]);
        expect(model.flywheels[0].members.filter(isChain)).toHaveLength(2);
    });

    test('strings take \\" and \\\\ escapes', async () => {
        const { model, errors } = await parse('flywheel A { goal g "say \\"more\\" \\\\ less" }');
        expect(errors).toEqual([]);
        expect((model.flywheels[0].members[0] as Goal).label).toBe('say "more" \\ less');
    });

    test('a string does not span lines', async () => {
        const { errors } = await parse('flywheel A { goal g "open\n}');
        expect(errors.length).toBeGreaterThan(0);
    });

    test('comments and doc comments are hidden from the grammar', async () => {
        const { model, errors } = await parse(`// line
/* block */
flywheel A { /** the goal */ goal g // trailing
    /* inside */ driver d }`);
        expect(errors).toEqual([]);
        expect(model.flywheels[0].members).toHaveLength(2);
    });

    test('identifiers: letters, digits and underscores, not starting with a digit; keywords are reserved', async () => {
        expect((await parse('flywheel A { goal _g1 driver costly driver quality_x }')).errors).toEqual([]);
        expect((await parse('flywheel A { goal 1g }')).errors.length).toBeGreaterThan(0);
        for (const keyword of ['flywheel', 'goal', 'driver', 'cost', 'quality']) {
            expect((await parse(`flywheel A { goal ${keyword} }`)).errors.length).toBeGreaterThan(0);
        }
    });
});

describe('error recovery', () => {
    test('a broken line does not lose the declarations after it', async () => {
        const { model, errors } = await parse(`flywheel A {
    goal g
    driver a ->
    driver b
    g -> b -> g
}
flywheel B { goal h }`);
        expect(errors.length).toBeGreaterThan(0);
        expect(model.flywheels.map(f => f.name)).toEqual(['A', 'B']);
        expect(model.flywheels[0].members.filter(isDriver).map(d => d.name)).toContain('b');
    });

    test('a missing closing brace is reported at the end, the flywheel kept', async () => {
        const { model, errors } = await parse('flywheel A {\n    goal g\n');
        expect(errors.length).toBe(1);
        expect(model.flywheels[0].members).toHaveLength(1);
    });

    test('a half-typed chain is a syntax error and nothing else: the wheel rules wait until it parses', async () => {
        const { document } = await validate(`flywheel A {
    goal g
    cost quality driver d
    g -> d -> g
    d ->
}`);
        expect((document.diagnostics ?? []).map(d => d.code)).toEqual(['syntax-error']);
    });

    test('a declaration recovered without its name is only a syntax error, never a nameless driver', async () => {
        const { document } = await validate(`flywheel A {
    goal g
    cost quality driver d
    g -> d -> g
    driver }`);
        const diagnostics = document.diagnostics ?? [];
        expect(diagnostics.every(d => d.code === 'syntax-error')).toBe(true);
        expect(diagnostics.map(d => d.message).join(' ')).not.toContain('undefined');
    });

    test('syntax errors speak the author\'s words: names, arrows, the end of the file', async () => {
        const messages = async (text: string) => ((await validate(text)).document.diagnostics ?? []).filter(d => d.code === 'syntax-error').map(d => d.message);
        expect(await messages('flywheel A {\n    goal g\n    g\n}')).toEqual([expect.stringMatching(/^`g` stands alone: a link needs an arrow and a target/)]);
        expect(await messages('flywheel A {\n    driver }')).toEqual([expect.stringMatching(/^`driver` needs a name after it: `driver price/)]);
        expect(await messages('flywheel A {\n    goal g\n')).toEqual(["The file ends before flywheel 'A' is closed: add `}` to close the `{` at 1:12."]);
        expect(await messages('flywheel A { }\n}')).toEqual(['This `}` closes nothing: every flywheel before it is already closed.']);
    });

    test('a stray character is a lexer error, with its position', async () => {
        const { document } = await validate('flywheel A { goal g $ }');
        const syntax = (document.diagnostics ?? []).filter(d => d.code === 'syntax-error');
        expect(syntax[0].range.start).toEqual({ line: 0, character: 20 });
    });
});
