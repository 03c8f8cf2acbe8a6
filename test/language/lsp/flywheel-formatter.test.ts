/** The canonical layout of LANGUAGE.md: what it does, and that it keeps meaning and comments. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'langium';
import { Formatting } from 'langium/lsp';
import type { AstNode } from 'langium';
import { FlywheelFormatter, formatText, FormattingWouldChangeMeaningError } from '../../../language/lsp/flywheel-formatter.js';
import { isDriver } from '../../../language/generated/ast.js';
import { meaningOf } from '../../../language/model-meaning.js';
import type { Model } from '../../../language/generated/ast.js';
import { generateWheel } from '../../../bench/generate.js';
import { seededRandom } from '../../support/seeded-random.js';
import { services, validate } from '../validation-helpers.js';

const formatter = services.Flywheel.lsp.Formatter as FlywheelFormatter;

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

    test('initiatives: one per line like any declaration, their links like any chain', async () => {
        const messy = 'flywheel A {\ngoal g driver d   g -> d -> g\n   initiative   ads    "Run ads"   ads->d "more" initiative idle\n}\n';
        expect(await format(messy)).toBe(`flywheel A {
    goal g
    driver d
    g -> d -> g
    initiative ads "Run ads"
    ads -> d "more"
    initiative idle
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

    test('a file of lone CRs (classic Mac OS) stays lone CR', async () => {
        expect(await format('flywheel A {\rgoal g\r   driver d\rg->d->g\r}\r')).toBe('flywheel A {\r    goal g\r    driver d\r    g -> d -> g\r}\r');
    });

    test('mixed line breaks all become the most common one, in comments too', async () => {
        // Three CRLF, two LF, one lone CR: CRLF wins.
        const text = 'flywheel A {\r\n    goal g // first\n    driver d\r\n    /* a\r       b */\n    g -> d -> g\r\n}';
        expect(await format(text)).toBe('flywheel A {\r\n    goal g // first\r\n    driver d\r\n    /* a\r\n       b */\r\n    g -> d -> g\r\n}\r\n');
    });

    test('a tie between two kinds of line break goes to the one that comes first', async () => {
        expect(await format('flywheel A {\n    goal g\r\n    driver d\n    g -> d -> g\r\n}')).toBe('flywheel A {\n    goal g\n    driver d\n    g -> d -> g\n}\n');
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
    'examples/planning/say-no.fly',
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

describe('comments around chains and declarations', () => {
    test('a chain continued below a trailing comment stays below it, one level deeper', async () => {
        const text = 'flywheel A {\n    goal g\n    driver d\n    g -> d // why\n  -> g\n}\n';
        expect(await format(text)).toBe('flywheel A {\n    goal g\n    driver d\n    g -> d // why\n        -> g\n}\n');
    });

    test('a comment on its own line inside a chain is indented with the continuation', async () => {
        const text = 'flywheel A {\n    goal g\n    driver d\n    g -> d\n// the way back\n-> g\n}\n';
        expect(await format(text)).toBe('flywheel A {\n    goal g\n    driver d\n    g -> d\n        // the way back\n        -> g\n}\n');
    });

    test('a block comment that opens a line stays with the token after it; one after a declaration stays on its line', async () => {
        const text = 'flywheel A {\n    goal g /* the goal */ driver d\n      /* why */   driver e\n    g -> d -> e -> g\n}\n';
        expect(await format(text)).toBe('flywheel A {\n    goal g /* the goal */\n    driver d\n    /* why */ driver e\n    g -> d -> e -> g\n}\n');
    });

    test('with CRLF line endings, comments move the same way and every new line break is CRLF', async () => {
        const text = 'flywheel A {\r\n  goal g // t\r\n\r\n\r\n  /* b\r\n     c */\r\n  driver d\r\n  g -> d // x\r\n  -> g\r\n}';
        expect(await format(text)).toBe('flywheel A {\r\n    goal g // t\r\n\r\n    /* b\r\n       c */\r\n    driver d\r\n    g -> d // x\r\n        -> g\r\n}\r\n');
    });

    test('a trailing comment keeps its place and spacing; a comment before } stays inside the block', async () => {
        const text = 'flywheel A { // opens\n    goal g      // aligned\n    driver d\n    g -> d -> g /* end */ }\n';
        expect(await format(text)).toBe('flywheel A { // opens\n    goal g      // aligned\n    driver d\n    g -> d -> g /* end */\n}\n');
    });
});

describe('the edges of the file and of blocks', () => {
    test('no blank lines at the start of the file or of a block, exactly one line break at the end', async () => {
        expect(await format('\n\n  flywheel A {\n\n\n    goal g\n}')).toBe('flywheel A {\n    goal g\n}\n');
        expect(await format('// c\n\n\n\nflywheel A {\n    goal g\n}\n\n\n\n')).toBe('// c\n\nflywheel A {\n    goal g\n}\n');
        expect(await format('flywheel A {\n\n    // first\n    goal g\n}\n')).toBe('flywheel A {\n    // first\n    goal g\n}\n');
    });

    test('no trailing blanks before a comment line; tabs become four spaces', async () => {
        expect(await format('flywheel A {\n\tgoal g   \n\t\t// c\n    driver d\n}\n')).toBe('flywheel A {\n    goal g\n    // c\n    driver d\n}\n');
    });

    test('four spaces whatever indentation the editor asks for, so the editor and flywheel fmt agree', async () => {
        const { document } = await validate('flywheel A {\ngoal g\n}\n');
        const options = { tabSize: 2, insertSpaces: false };
        const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options });
        expect(TextDocument.applyEdits(document.textDocument, edits)).toBe('flywheel A {\n    goal g\n}\n');
    });
});

describe('the formatter never changes meaning', () => {
    /** A deliberately wrong rule: no space after `driver`, so `driver d` would become the name `driverd`. */
    class GluingFormatter extends FlywheelFormatter {
        protected override format(node: AstNode): void {
            super.format(node);
            if (isDriver(node)) this.getNodeFormatter(node).keyword('driver').append(Formatting.noSpace({ priority: 1 }));
        }
    }

    test('edits that would change the parsed model are refused, and the text is left alone', async () => {
        const { document } = await validate('flywheel A {\n    goal g\n    driver d\n}\n');
        const gluing = new GluingFormatter(services.Flywheel);
        await expect(formatText(gluing, document)).rejects.toBeInstanceOf(FormattingWouldChangeMeaningError);
    });

    test('meaning: the same for a reformatted text, different for another label or a lost comment', async () => {
        const meaningOfText = async (text: string) => meaningOf((await validate(text)).document.parseResult.value);
        const text = 'flywheel A {\n    goal g "G" // c\n    /* b\n       c */\n}\n';
        expect(await meaningOfText('flywheel A{goal g "G" // c\n/* b\nc */}')).toBe(await meaningOfText(text));
        expect(await meaningOfText(text.replace('"G"', '"H"'))).not.toBe(await meaningOfText(text));
        expect(await meaningOfText(text.replace('// c', ''))).not.toBe(await meaningOfText(text));
    });
});

describe('generated files with comments and whitespace everywhere the grammar allows', () => {
    function generateFile(seed: number): string {
        const pick = seededRandom(seed);
        let comments = 0;
        const separators = [
            () => ' ', () => '   ', () => '\n', () => '\n\n\n', () => '\t', () => '\n    ',
            () => ` /* c${++comments} */ `, () => ` // c${++comments}\n`, () => `\n  /** d${++comments}\n   * more */\n`, () => `\n// c${++comments}\n\n`
        ];
        const names = ['g', 'a', 'b', 'c', 'd'];
        const tokens: string[] = [];
        for (let f = 0; f <= pick(2); f++) {
            tokens.push('flywheel', `F${f}`, ...(pick(2) ? ['"A flywheel"'] : []), '{', 'goal', 'g', '"Growth"');
            for (const name of names.slice(1)) tokens.push(...['cost', 'quality', ''].slice(pick(3)).filter(Boolean), 'driver', name, ...(pick(2) ? [`"${name.toUpperCase()}"`] : []));
            tokens.push('initiative', 'i', ...(pick(2) ? ['"Run ads"'] : []), 'i', ['->', '-|'][pick(2)], names[1 + pick(names.length - 1)]);
            for (let chain = 0; chain < 3; chain++) {
                tokens.push(names[pick(names.length)]);
                for (let step = 0; step <= pick(3); step++) tokens.push(['->', '-|', '~>', '~|'][pick(4)], names[pick(names.length)], ...(pick(3) === 0 ? ['"why"'] : []));
            }
            tokens.push('}');
        }
        // Most gaps get a plain space, so that comments stay a minority.
        return tokens.map(token => (pick(3) === 0 ? separators[pick(separators.length)]() : ' ') + token).join('') + separators[pick(separators.length)]();
    }

    test.each(Array.from({ length: 60 }, (_, seed) => [seed]))('seed %i: idempotent, same meaning and comments, canonical lines', async seed => {
        const text = generateFile(seed + 1);
        const once = await format(text);
        expect(await format(once)).toBe(once);
        expect(meaningOf((await validate(once)).document.parseResult.value)).toBe(meaningOf((await validate(text)).document.parseResult.value));
        expect(comments(once)).toEqual(comments(text));
        expect(once).not.toMatch(/[ \t]\n|\n\n\n|^\s|\n\n$/);
        expect(once.endsWith('\n')).toBe(true);
        expect(await format(text.replace(/\n/g, '\r\n'))).toBe(once.replace(/\n/g, '\r\n'));
        // One declaration per line: no line (comments aside) holds two.
        const codeLines = once.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').split('\n');
        expect(codeLines.filter(line => (line.match(/\b(goal|driver|initiative)\b/g) ?? []).length > 1)).toEqual([]);
    });
});

describe('inputs the fuzzer found (each once refused by the safe mode)', () => {
    test.each([
        ['a file that is only a line comment ending in a blank', '// ', '//\n'],
        ['a line comment ending in U+2028, which JavaScript counts as a blank and the comment holds', '//\u2028', '//\u2028\n'],
        // The lone CR is a line break (as in VS Code): re-indented, and written as the file's dominant \n.
        ['a block comment broken by a lone CR, glued to the next declaration', 'flywheel a "" {goal _ ""\n/*\ry\n */cost driver y driver e ""}', 'flywheel a "" {\n    goal _ ""\n    /*\n    y\n     */ cost driver y\n    driver e ""\n}\n']
    ])('%s formats, and formatting again changes nothing', async (_, text, expected) => {
        const once = await format(text);
        expect(once).toBe(expected);
        expect(await format(once)).toBe(once);
    });
});

/** Format Selection as VS Code asks for it: whole lines `first`–`last` (0-based) selected. */
async function formatLines(text: string, first: number, last: number): Promise<string> {
    const { document } = await validate(text);
    const range = { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } };
    const options = { tabSize: 2, insertSpaces: true };
    const edits = await formatter.formatDocumentRange(document, { textDocument: { uri: document.uri.toString() }, options, range });
    return TextDocument.applyEdits(document.textDocument, edits);
}

describe('Format Selection changes the lines selected and nothing else', () => {
    // Every line of it is out of layout, and formatting the whole keeps one line per line; the
    // last chain goes on below a comment, so a selection can start inside it.
    const messy = 'flywheel   A    "L"{\n  goal g "G"\n      cost   quality driver   c "C"\ndriver d   // why\n g->c   "lab"  -|g\n        c  ~>  d // on\n->g\n   }\n';

    test('each selected line comes out as formatting the whole file makes it; the others stay byte for byte', async () => {
        const lines = messy.split('\n');
        const canonical = (await format(messy)).split('\n');
        expect(canonical).toHaveLength(lines.length);
        for (let first = 0; first < lines.length - 1; first++) {
            for (const last of [first, first + 1]) {
                const expected = lines.map((line, i) => (i >= first && i <= last ? canonical[i] : line)).join('\n');
                expect(await formatLines(messy, first, last), `lines ${first}–${last}`).toBe(expected);
            }
        }
    });

    test('selecting every line is formatting the file', async () => {
        expect(await formatLines(messy, 0, 7)).toBe(await format(messy));
    });

    test('CRLF stays CRLF', async () => {
        const crlf = messy.replace(/\n/g, '\r\n');
        expect(await formatLines(crlf, 1, 2)).toBe(crlf.replace('  goal g', '    goal g').replace('      cost   quality driver   c "C"', '    cost quality driver c "C"'));
    });

    test('lines above a syntax error are formatted; a selection that reaches the error is left alone', async () => {
        const typing = messy.replace('   }\n', 'c -> \n   }\n');
        const lines = typing.split('\n');
        const canonicalLine = (await format(messy)).split('\n')[1];
        expect((await formatLines(typing, 1, 1)).split('\n')).toEqual([lines[0], canonicalLine, ...lines.slice(2)]);
        expect(await formatLines(typing, 1, 8)).toBe(typing);
    });

    test('an error at the very end of the file (a half-typed flywheel) is on the last line', async () => {
        const typingAtTheEnd = 'flywheel A {\n  goal   g\ndriver    d\n}\nflywheel';
        expect(await formatLines(typingAtTheEnd, 1, 2)).toBe('flywheel A {\n    goal g\n    driver d\n}\nflywheel');
        expect(await formatLines(typingAtTheEnd, 1, 4)).toBe(typingAtTheEnd);
    });
});
