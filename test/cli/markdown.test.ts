/**
 * `flywheel check` and `flywheel render` of Markdown files: every ```fly block is a flywheel, and
 * what is said about it is said at the Markdown file's own lines and columns.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { marked } from '../language/validation-helpers.js';
import { runFlywheel, tempTree } from './run-flywheel.js';

// «» mark where the diagnostics must land, counted in the Markdown file itself: a block quoted
// (its lines start with "> "), a block in a list item (indented by two), and a clean one.
const strategy = marked(`# Our strategy

Some prose first, with \`inline fly\` code that is no block.

> \`\`\`fly
> flywheel «Quoted» {
>     goal g
>     cost driver c
>     driver «lonely»
>     g -> c -> g
> }
> \`\`\`

1. A list item holding a wheel:

   \`\`\`fly
   flywheel Listed {
       goal g
       cost quality driver c
       g -> c -> g
       c -> «nowhere»
   }
   \`\`\`

\`\`\`ts
const notAFlywheel = 1;
\`\`\`

\`\`\`fly
flywheel Clean {
    goal g
    cost quality driver c
    g -> c -> g
}
\`\`\`
`);
const [quotedWheel, lonely, nowhere] = strategy.ranges;
const at = (range: (typeof strategy.ranges)[number]) => `${range.start.line + 1}:${range.start.character + 1}`;

describe('flywheel check of a Markdown file', () => {
    test('reports each block\'s diagnostics at the Markdown lines and columns, with the Markdown line shown', () => {
        const root = tempTree({ 'strategy.md': strategy.text });
        const run = runFlywheel(['check', 'strategy.md'], { cwd: root });
        expect(run.status).toBe(1);
        expect(run.stdout).toContain(`strategy.md:${at(quotedWheel)}: warning: No quality driver is on the wheel of 'Quoted'`);
        expect(run.stdout).toContain(`strategy.md:${at(lonely)}: error: 'lonely' is on no loop`);
        expect(run.stdout).toContain(`strategy.md:${at(nowhere)}: error: `);
        expect(run.stdout).toContain(`  ${lonely.start.line + 1} | >     driver lonely\n`);
        expect(run.stdout).toMatch(/✖ 2 errors, 1 warning in 1 file\.\n$/);
    });

    test('--format json: the Markdown file\'s path and 1-based Markdown positions', () => {
        const root = tempTree({ 'strategy.md': strategy.text });
        const report = JSON.parse(runFlywheel(['check', '--format', 'json', 'strategy.md'], { cwd: root }).stdout);
        const toJson = (range: (typeof strategy.ranges)[number]) => ({
            line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1
        });
        expect(report.files).toEqual([{
            path: 'strategy.md',
            diagnostics: [
                { code: 'missing-quality-driver', severity: 'warning', message: expect.any(String), ...toJson(quotedWheel) },
                { code: 'broken-loop', severity: 'error', message: expect.stringContaining("'lonely'"), ...toJson(lonely) },
                { code: 'unresolved-reference', severity: 'error', message: expect.stringContaining('nowhere'), ...toJson(nowhere) }
            ]
        }]);
    });

    test('--format github annotates the Markdown file at its lines', () => {
        const root = tempTree({ 'docs/strategy.md': strategy.text });
        const lines = runFlywheel(['check', '--format', 'github', 'docs/strategy.md'], { cwd: root }).stdout.trimEnd().split('\n');
        expect(lines).toEqual([
            expect.stringMatching(new RegExp(`^::warning file=docs/strategy\\.md,line=${quotedWheel.start.line + 1},col=${quotedWheel.start.character + 1},endLine=${quotedWheel.end.line + 1},endColumn=${quotedWheel.end.character + 1},title=flywheel\\(missing-quality-driver\\)::`)),
            expect.stringMatching(new RegExp(`^::error file=docs/strategy\\.md,line=${lonely.start.line + 1},col=${lonely.start.character + 1},endLine=${lonely.end.line + 1},endColumn=${lonely.end.character + 1},title=flywheel\\(broken-loop\\)::`)),
            expect.stringMatching(new RegExp(`^::error file=docs/strategy\\.md,line=${nowhere.start.line + 1},col=${nowhere.start.character + 1},.*title=flywheel\\(unresolved-reference\\)::`))
        ]);
    });

    test('a syntax error in a block is at its Markdown line, and the other blocks are still checked', () => {
        const doc = marked('Intro\n\n```fly\nflywheel W {\n    goal g\n    driver «}»\n```\n\n~~~fly\nflywheel «V» {\n    goal g\n    cost driver c\n    g -> c -> g\n}\n~~~\n');
        const root = tempTree({ 'doc.md': doc.text });
        const report = JSON.parse(runFlywheel(['check', '--format', 'json', 'doc.md'], { cwd: root }).stdout);
        const found = report.files[0].diagnostics.map((d: { code: string; line: number; column: number }) => [d.code, d.line, d.column]);
        expect(found).toContainEqual(['syntax-error', doc.ranges[0].start.line + 1, doc.ranges[0].start.character + 1]);
        expect(found).toContainEqual(['missing-quality-driver', doc.ranges[1].start.line + 1, doc.ranges[1].start.character + 1]);
    });

    test('a Markdown file with Windows line endings keeps its line numbers', () => {
        const doc = marked('# T\n\n```fly\nflywheel «W» {\n    goal g\n    cost driver c\n    g -> c -> g\n}\n```\n');
        const root = tempTree({ 'crlf.md': doc.text.replace(/\n/g, '\r\n') });
        const [finding] = JSON.parse(runFlywheel(['check', '--format', 'json', 'crlf.md'], { cwd: root }).stdout).files[0].diagnostics;
        expect([finding.code, finding.line, finding.column]).toEqual(['missing-quality-driver', doc.ranges[0].start.line + 1, doc.ranges[0].start.character + 1]);
    });

    test('walking a folder checks the Markdown files that hold ```fly blocks, and no other', () => {
        const root = tempTree({
            'README.md': '# A project\n\n```sh\nnpm test\n```\n',
            'docs/strategy.md': strategy.text,
            'docs/latin1.md': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
            'wheels/a.fly': 'flywheel A {\n    goal g\n    cost quality driver c\n    g -> c -> g\n}\n'
        });
        const run = runFlywheel(['check', '--format', 'json', '.'], { cwd: root });
        expect(run.stderr).toBe('');
        expect(JSON.parse(run.stdout).files.map((f: { path: string }) => f.path)).toEqual(['docs/strategy.md', 'wheels/a.fly']);
    });

    test('a walk skips the Markdown files the config\'s ignore lists, as it does .fly files', () => {
        const root = tempTree({
            'flywheel.config.json': '{ "ignore": ["drafts/"] }\n',
            'drafts/strategy.md': strategy.text,
            'docs/strategy.md': strategy.text
        });
        const run = runFlywheel(['check', '--format', 'json', '.'], { cwd: root });
        expect(JSON.parse(run.stdout).files.map((f: { path: string }) => f.path)).toEqual(['docs/strategy.md']);
    });

    test('a named Markdown file with no ```fly block is checked and clean', () => {
        const run = runFlywheel(['check', 'notes.md'], { cwd: tempTree({ 'notes.md': '# Notes\n' }) });
        expect(run).toMatchObject({ status: 0, stderr: '', stdout: '✓ 1 file checked: no problems.\n' });
    });

    test('a folder with neither .fly files nor ```fly blocks is bad input', () => {
        const run = runFlywheel(['check', 'docs'], { cwd: tempTree({ 'docs/readme.md': '# Nothing here\n' }) });
        expect(run).toMatchObject({ status: 2, stdout: '' });
        expect(run.stderr).toBe("flywheel: no .fly files or Markdown files with ```fly blocks found in 'docs'\n");
    });
});

describe('flywheel render of a Markdown file', () => {
    const wheel = (name: string) => `flywheel ${name} "The ${name} wheel" {\n    goal g\n    cost quality driver c\n    g -> c -> g\n}\n`;

    test('draws each ```fly block to a file of its own, numbered in order', () => {
        const root = tempTree({ 'doc.md': `# Two wheels\n\n\`\`\`fly\n${wheel('First')}\`\`\`\n\ntext\n\n\`\`\`fly\n${wheel('Second')}${wheel('Third')}\`\`\`\n` });
        const run = runFlywheel(['render', 'doc.md'], { cwd: root });
        expect(run).toMatchObject({ status: 0, stderr: '', stdout: 'wrote doc-1.svg\nwrote doc-2-Second.svg\nwrote doc-2-Third.svg\n' });
        const first = readFileSync(join(root, 'doc-1.svg'), 'utf8');
        expect(XMLValidator.validate(first)).toBe(true);
        expect(first).toContain('The First wheel');
        expect(readFileSync(join(root, 'doc-2-Third.svg'), 'utf8')).toContain('The Third wheel');
    });

    test('a block that does not parse is reported at its Markdown line and not drawn; the others are, and the exit code is 1', () => {
        const doc = marked(`\`\`\`fly\n${wheel('Good')}\`\`\`\n\n\`\`\`fly\nflywheel Bad {\n    goal g\n    driver «}»\n\`\`\`\n`);
        const root = tempTree({ 'doc.md': doc.text });
        const run = runFlywheel(['render', 'doc.md'], { cwd: root });
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('wrote doc-1.svg\n');
        expect(run.stderr).toContain(`doc.md:${at(doc.ranges[0])}: error: `);
        expect(run.stderr).toContain("flywheel: block 2 of 'doc.md' does not parse, so it is not drawn\n");
        expect(existsSync(join(root, 'doc-2.svg'))).toBe(false);
    });

    test('a Markdown file without a ```fly block is bad input', () => {
        const root = tempTree({ 'notes.md': '# Notes\n\n```js\n1\n```\n' });
        expect(runFlywheel(['render', 'notes.md'], { cwd: root })).toMatchObject({ status: 2, stderr: "flywheel: 'notes.md' holds no ```fly block to draw\n" });
    });
});
