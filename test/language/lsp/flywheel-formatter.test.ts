/** The canonical layout of LANGUAGE.md: what it does, and that it keeps meaning and comments. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatText } from '../../../language/lsp/flywheel-formatter.js';
import type { Model } from '../../../language/generated/ast.js';
import { generateWheel } from '../../../bench/generate.js';
import { services, validate } from '../validation-helpers.js';

const formatter = services.Flywheel.lsp.Formatter as Parameters<typeof formatText>[0];

async function format(text: string): Promise<string> {
    return formatText(formatter, (await validate(text)).document);
}

/** What the file means: every flywheel's nodes (name, label, kinds) and links, as plain data. */
async function meaning(text: string): Promise<unknown> {
    const { document } = await validate(text);
    return (document.parseResult.value as Model).flywheels.map(f => services.Flywheel.analysis.FlywheelAnalyzer.analyze(f).graph);
}

/** Every comment's text; a block comment's lines move with its first, so indentation is left out. */
function comments(text: string): string[] {
    return (text.match(/\/\*[\s\S]*?\*\/|\/\/[^\r\n]*/g) ?? []).map(comment => comment.replace(/\n[ \t]*/g, '\n'));
}

describe('the canonical layout', () => {
    test('one declaration or chain per line, four spaces inside { }, one space around arrows and before labels', async () => {
        const messy = 'flywheel   A    "L"{\ngoal g "G"\n      cost   quality driver   c "C"\n  g->c   "lab"  -|g  c  ~>  g   }\nflywheel B { goal h driver x h -> x -> h }\n';
        expect(await format(messy)).toBe(`flywheel A "L" {
    goal g "G"
    cost quality driver c "C"
    g -> c "lab" -| g
    c ~> g
}
flywheel B {
    goal h
    driver x
    h -> x -> h
}
`);
    });

    test('blank lines between groups are kept, at most one in a row, without stray spaces', async () => {
        const text = 'flywheel A {\n    goal g\n\n\n   \n    driver d\n\n    // links\n\n\n\n    g -> d -> g\n}\n\n\n\nflywheel B {\n    goal h\n}\n';
        expect(await format(text)).toBe('flywheel A {\n    goal g\n\n    driver d\n\n    // links\n\n    g -> d -> g\n}\n\nflywheel B {\n    goal h\n}\n');
    });

    test('comments stay where they were: trailing ones on their line, own-line ones re-indented with the block (all their lines)', async () => {
        const text = '// file\n/** doc */\nflywheel A { // opens\n  /** the goal */\n goal g // trailing\n        /* block\n   stays */\n  driver d\n  g -> d -> g }\n';
        const formatted = await format(text);
        expect(formatted).toBe('// file\n/** doc */\nflywheel A { // opens\n    /** the goal */\n    goal g // trailing\n    /* block\nstays */\n    driver d\n    g -> d -> g\n}\n');
        expect(comments(formatted)).toEqual(comments(text));
    });

    test('CRLF input stays CRLF', async () => {
        const formatted = await format('flywheel A {\r\ngoal g\r\n   driver d\r\ng->d->g\r\n}\r\n');
        expect(formatted).toBe('flywheel A {\r\n    goal g\r\n    driver d\r\n    g -> d -> g\r\n}\r\n');
    });

    test('text that does not parse is left exactly as it is', async () => {
        const broken = 'flywheel A {\n  goal g\n  driver }\n';
        expect(await format(broken)).toBe(broken);
    });
});

const examples = [
    ...readdirSync('examples').filter(n => n.endsWith('.fly')).map(n => join('examples', n)),
    ...readdirSync('examples/broken').filter(n => n.endsWith('.fly') && n !== 'syntax-error.fly').map(n => join('examples/broken', n))
];

describe('formatting every example and generated wheels', () => {
    const inputs: Array<[string, string]> = [
        ...examples.map((path): [string, string] => [path, readFileSync(path, 'utf8')]),
        ['generated wheel of 50', generateWheel(50)],
        // The same wheel, squashed onto as few lines as the grammar allows.
        ['generated wheel of 30, one line', generateWheel(30).replace(/\n\s*/g, ' ')]
    ];

    test.each(inputs)('%s: idempotent, meaning and comments kept', async (_, text) => {
        const once = await format(text);
        expect(await format(once)).toBe(once);
        expect(await meaning(once)).toEqual(await meaning(text));
        expect(comments(once)).toEqual(comments(text));
    });

    test.each(examples.filter(path => !path.includes('broken')))('%s is already canonical', path => {
        const text = readFileSync(path, 'utf8');
        return expect(format(text)).resolves.toBe(text);
    });
});
