/**
 * docs/language.md, the language reference for authors, agrees with the checker: every diagnostic
 * code has a section, each section's example shows its code with the severity it states, and every
 * other example parses.
 */
import { readFileSync } from 'node:fs';
import { marked, type Tokens } from 'marked';
import { describe, expect, test } from 'vitest';
import { DiagnosticCode } from '../../language/diagnostic-codes.js';
import { validate } from '../language/validation-helpers.js';

const REFERENCE = readFileSync('docs/language.md', 'utf8');

interface Section {
    heading: string;
    /** The codes the heading names: `### \`code\`` (or several, after a colon). */
    codes: string[];
    prose: string;
    examples: string[];
}

/** The document cut at its headings, with each part's ```fly examples. */
function sections(markdown: string): Section[] {
    const found: Section[] = [];
    for (const token of marked.lexer(markdown)) {
        if (token.type === 'heading') {
            const heading = (token as Tokens.Heading).text;
            const named = (token as Tokens.Heading).depth === 3 ? heading.replace(/^[^:`]*:/, '') : '';
            found.push({ heading, codes: [...named.matchAll(/`([a-z-]+)`/g)].map(m => m[1]), prose: '', examples: [] });
        } else if (token.type === 'code' && (token as Tokens.Code).lang === 'fly') {
            found.at(-1)?.examples.push((token as Tokens.Code).text + '\n');
        } else {
            found.at(-1)!.prose += token.raw;
        }
    }
    return found;
}

const SECTIONS = sections(REFERENCE);
const DIAGNOSTICS = SECTIONS.filter(s => s.codes.length > 0);

describe('docs/language.md', () => {
    test('has a section for every code the checker reports', () => {
        const documented = DIAGNOSTICS.flatMap(s => s.codes);
        for (const code of Object.values(DiagnosticCode)) expect(documented).toContain(code);
    });

    test.each(DIAGNOSTICS.filter(s => s.examples.length > 0).map(s => [s.codes[0], s] as const))(
        '%s: its example shows the code, with the severity the section states', async (code, section) => {
            const { diagnostics } = await validate(section.examples[0]);
            const found = diagnostics.filter(d => d.code === code);
            expect(found.length, `codes found: ${diagnostics.map(d => d.code).join(', ')}`).toBeGreaterThan(0);
            const severity = /^(Error|Warning|Info)\b/m.exec(section.prose)?.[1];
            expect(found[0].severity).toBe({ Error: 1, Warning: 2, Info: 3 }[severity!]);
        });

    test('every example outside the diagnostics parses', async () => {
        const examples = SECTIONS.filter(s => s.codes.length === 0).flatMap(s => s.examples);
        expect(examples.length).toBeGreaterThan(4);
        for (const example of examples) {
            const { diagnostics } = await validate(example);
            expect(diagnostics.filter(d => d.code === 'syntax-error'), example).toEqual([]);
        }
    });

    test('the suppression example is clean, and without its directives shows the codes they name', async () => {
        const [example] = SECTIONS.find(s => s.heading === 'Turning a check off')!.examples;
        expect((await validate(example)).diagnostics).toEqual([]);
        const bare = example.split('\n').filter(line => !line.includes('flywheel-disable')).join('\n');
        expect((await validate(bare)).diagnostics.map(d => d.code).sort()).toEqual(['balancing-loop', 'missing-quality-driver']);
    });

    test('the keywords it lists are exactly the grammar\'s', () => {
        const grammar = readFileSync('language/flywheel.langium', 'utf8');
        const grammarKeywords = new Set([...grammar.matchAll(/'([a-z]+)'/g)].map(m => m[1]));
        const listed = /\*\*Keywords\*\* cannot be names: (.*?)\n\(/s.exec(REFERENCE)![1];
        const documented = [...listed.matchAll(/`([a-z]+)`/g)].map(m => m[1]);
        expect(documented.sort()).toEqual([...grammarKeywords].sort());
    });
});
