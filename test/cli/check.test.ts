/** `flywheel check` as LANGUAGE.md specifies it: formats, exit codes, folders, and bad input. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runFlywheel, tempTree } from './run-flywheel.js';
import { marked } from '../language/validation-helpers.js';

const clean = `flywheel W {
    goal g
    cost driver c
    quality driver q
    g -> c -> q -> g
}
`;
// One error (broken-loop on «x») and one warning (missing-quality-driver on «V»).
const faulty = marked(`flywheel «V» {
    goal g
    cost driver c
    driver «x»
    driver d
    g -> c -> d -> g
}
`);

describe('flywheel check: exit codes and the human format', () => {
    test('a clean file exits 0 and says so', () => {
        const root = tempTree({ 'clean.fly': clean });
        const run = runFlywheel(['check', 'clean.fly'], { cwd: root });
        expect(run).toMatchObject({ status: 0, stderr: '' });
        expect(run.stdout).toBe('✓ 1 file checked: no problems.\n');
    });

    test('errors exit 1; each finding is path:line:col: severity: message [code], with the source line', () => {
        const root = tempTree({ 'faulty.fly': faulty.text });
        const run = runFlywheel(['check', 'faulty.fly'], { cwd: root });
        expect(run.status).toBe(1);
        const [wheel, driver] = faulty.ranges;
        expect(run.stdout).toContain(`faulty.fly:${wheel.start.line + 1}:${wheel.start.character + 1}: warning: No quality driver is on the wheel of 'V'`);
        expect(run.stdout).toContain(`faulty.fly:${driver.start.line + 1}:${driver.start.character + 1}: error: 'x' is on no loop: it has no links.`);
        expect(run.stdout).toContain('[broken-loop]');
        expect(run.stdout).toContain('  4 |     driver x\n    |            ^\n');
        expect(run.stdout).toMatch(/✖ 1 error, 1 warning in 1 file\.\n$/);
    });

    test('warnings alone exit 0, and 1 with --strict', () => {
        const root = tempTree({ 'warn.fly': clean.replace('quality driver', 'driver') });
        expect(runFlywheel(['check', 'warn.fly'], { cwd: root }).status).toBe(0);
        expect(runFlywheel(['check', '--strict', 'warn.fly'], { cwd: root }).status).toBe(1);
    });

    test('--max-drivers sets the too-many-drivers limit', () => {
        const root = tempTree({ 'w.fly': clean });
        const run = runFlywheel(['check', '--max-drivers', '1', '--format', 'json', 'w.fly'], { cwd: root });
        expect(JSON.parse(run.stdout).files[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['too-many-drivers']);
        expect(run.status).toBe(0);
    });
});

describe('flywheel check --format json', () => {
    test('one document with files, 1-based positions and a summary', () => {
        const root = tempTree({ 'faulty.fly': faulty.text, 'clean.fly': clean });
        const run = runFlywheel(['check', '--format', 'json', 'faulty.fly', 'clean.fly'], { cwd: root });
        expect(run.status).toBe(1);
        const report = JSON.parse(run.stdout);
        const toJson = (range: (typeof faulty.ranges)[number]) => ({
            line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1
        });
        expect(report).toEqual({
            files: [
                {
                    path: 'faulty.fly',
                    diagnostics: [
                        { code: 'missing-quality-driver', severity: 'warning', message: expect.any(String), ...toJson(faulty.ranges[0]) },
                        { code: 'broken-loop', severity: 'error', message: expect.stringContaining("'x'"), ...toJson(faulty.ranges[1]) }
                    ]
                },
                { path: 'clean.fly', diagnostics: [] }
            ],
            summary: { files: 2, errors: 1, warnings: 1, infos: 0 }
        });
    });
});

describe('flywheel check --format github', () => {
    test('one workflow command per diagnostic, escaped', () => {
        const root = tempTree({ 'a,b.fly': faulty.text });
        const run = runFlywheel(['check', '--format', 'github', 'a,b.fly'], { cwd: root });
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(/^::warning file=a%2Cb\.fly,line=1,col=10,endLine=1,endColumn=11,title=flywheel\(missing-quality-driver\)::No quality driver/);
        expect(lines[1]).toMatch(/^::error file=a%2Cb\.fly,line=4,col=12,endLine=4,endColumn=13,title=flywheel\(broken-loop\)::'x' is on no loop/);
    });
});

describe('flywheel check: files and folders', () => {
    test('walks folders for *.fly in a stable order, skipping node_modules and hidden folders; paths relative to the current folder', () => {
        const root = tempTree({
            'b/two.fly': clean, 'a/one.fly': clean, 'a/deeper/three.fly': clean, 'a/notes.txt': 'not a flywheel',
            'node_modules/pkg/x.fly': 'broken {', '.git/y.fly': 'broken {'
        });
        const run = runFlywheel(['check', '--format', 'json', '.'], { cwd: root });
        expect(run.status).toBe(0);
        expect(JSON.parse(run.stdout).files.map((f: { path: string }) => f.path)).toEqual(['a/deeper/three.fly', 'a/one.fly', 'b/two.fly']);
    });

    test('checks the current folder when no path is given', () => {
        const root = tempTree({ 'w.fly': clean });
        expect(runFlywheel(['check'], { cwd: root }).stdout).toBe('✓ 1 file checked: no problems.\n');
    });

});

describe('flywheel check: bad input gets one clear line and exit code 2', () => {
    const expectOneLine = (run: ReturnType<typeof runFlywheel>, message: string | RegExp) => {
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toMatch(/\n\s+at /);
    };

    test('a missing file', () => expectOneLine(runFlywheel(['check', 'nope.fly'], { cwd: tempTree({}) }), "flywheel: cannot read 'nope.fly': no such file or folder"));
    test('a folder with no .fly files (nor Markdown with ```fly blocks)', () =>
        expectOneLine(runFlywheel(['check', 'docs'], { cwd: tempTree({ 'docs/readme.md': '#' }) }), "flywheel: no .fly files or Markdown files with ```fly blocks found in 'docs'"));
    test('a file that is not UTF-8 is its own unreadable-file diagnostic, with the position of the bad byte, and exit 2', () => {
        const bytes = Buffer.concat([Buffer.from('flywheel W {\n    goal caf'), Buffer.from([0xe9]), Buffer.from('\n}\n')]);
        const run = runFlywheel(['check', 'latin1.fly'], { cwd: tempTree({ 'latin1.fly': bytes }) });
        expect(run.status).toBe(2);
        expect(run.stdout).toContain("latin1.fly:1:1: error: 'latin1.fly' is not UTF-8 text: invalid byte 0xe9 at line 2, column 13 [unreadable-file]\n");
        expect(run.stderr).toBe('');
    });
    test('an empty, blank or comment-only file is valid and clean', () => {
        const root = tempTree({ 'empty.fly': '', 'blank.fly': ' \n\t\r\n', 'comments.fly': '// nothing yet\n/* a draft */\n' });
        const run = runFlywheel(['check', 'empty.fly', 'blank.fly', 'comments.fly'], { cwd: root });
        expect(run).toMatchObject({ status: 0, stdout: '✓ 3 files checked: no problems.\n', stderr: '' });
    });
    test('a file that is not a .fly file', () => expectOneLine(runFlywheel(['check', 'wheel.txt'], { cwd: tempTree({ 'wheel.txt': '' }) }), "flywheel: 'wheel.txt' is not a .fly or Markdown file"));
    test('an unknown option', () => expectOneLine(runFlywheel(['check', '--fast']), "flywheel: unknown option '--fast'"));
    test('an unknown format', () => expectOneLine(runFlywheel(['check', '--format', 'xml']), "flywheel: unknown format 'xml' for --format"));
    test('a bad --max-drivers', () => expectOneLine(runFlywheel(['check', '--max-drivers', 'ten']), "flywheel: --max-drivers takes a whole number (0 or more), not 'ten'"));
    test('a negative --max-drivers is named as such, not as a missing value', () => {
        expectOneLine(runFlywheel(['check', '--max-drivers', '-1']), "flywheel: --max-drivers takes a whole number (0 or more), not '-1'");
    });
    test('a FIFO given as a file is refused at once, never read (reading would block)', () => {
        const root = tempTree({});
        expect(spawnSync('mkfifo', [resolve(root, 'pipe.fly')]).status).toBe(0);
        for (const command of ['check', 'fmt']) {
            expectOneLine(runFlywheel([command, 'pipe.fly'], { cwd: root }), "flywheel: 'pipe.fly' is a FIFO (named pipe), not a regular file");
        }
        expectOneLine(runFlywheel(['render', 'pipe.fly'], { cwd: root }), "flywheel: cannot read 'pipe.fly': it is a FIFO (named pipe), not a regular file");
    });
    test('a device given as a file is refused too', () => {
        expectOneLine(runFlywheel(['check', '/dev/zero']), "flywheel: '/dev/zero' is not a .fly or Markdown file");
        const root = tempTree({});
        expect(spawnSync('ln', ['-s', '/dev/zero', resolve(root, 'zero.fly')]).status).toBe(0);
        expectOneLine(runFlywheel(['check', 'zero.fly'], { cwd: root }), "flywheel: 'zero.fly' is a device, not a regular file");
    });
    test('an unknown command', () => expectOneLine(runFlywheel(['lint']), "flywheel: unknown command 'lint'"));
    test('a syntax error is a finding, not bad input', () => {
        const root = tempTree({ 's.fly': 'flywheel W {\n    goal g\n    driver }\n' });
        const run = runFlywheel(['check', 's.fly'], { cwd: root });
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('s.fly:3:12: error: ');
        expect(run.stdout).toContain('[syntax-error]');
    });
});

describe('flywheel check on a new author\'s first mistakes: one error each, at the mistake, saying what to write', () => {
    const shop = (body: string) => `flywheel Shop {\n    goal sales "Sales"\n    quality driver product "Product"\n    cost driver price "Price"\n${body}\n}\n`;
    const check = (text: string) => {
        const root = tempTree({ 'w.fly': text });
        return runFlywheel(['check', 'w.fly'], { cwd: root });
    };
    const expectOneError = (text: string, at: string, words: string[]) => {
        const run = check(text);
        expect(run.status).toBe(1);
        expect(run.stdout).toMatch(new RegExp(`^w\\.fly:${at}: error: `));
        for (const word of words) expect(run.stdout).toContain(word);
        expect(run.stdout).toMatch(/✖ 1 error, 0 warnings in 1 file\.\n$/);
        expect(run.stdout).not.toMatch(/undefined|EOF|offset|->.<-/);
    };

    test('`=>` for an arrow', () => expectOneError(shop('    sales -> product\n    product => price\n    price -> sales'), '6:13', ['`=>` is not an arrow: write `->`']));
    test('`<-` for an arrow', () => expectOneError(shop('    sales -> product -> price\n    sales <- price'), '6:5', ['Links point forwards: write `price -> sales`']));
    test('a label not closed', () => expectOneError(shop('    driver extra "Extra\n    sales -> product -> price -> sales'), '5:18', ['opened at 5:18 is not closed before the end of the line']));
    test('`drivr` for `driver`', () => expectOneError(shop('    drivr extra\n    sales -> product -> price -> sales'), '5:5', ['did you mean `driver`?']));
    test('a misspelled name', () => expectOneError(shop('    sales -> prodcut -> price -> sales'), '5:14', ["did you mean 'product'?", '[unresolved-reference]']));
    test('no `flywheel Name { … }` around the declarations', () => expectOneError('goal sales\ncost quality driver p\nsales -> p -> sales\n', '1:1', ['go inside a flywheel']));
    test('`# comment`', () => expectOneError(`# our wheel\n${shop('    sales -> product -> price -> sales')}`, '1:1', ['Comments start with `//`']));
    test('a kebab-case name', () => expectOneError(shop('    driver word-of-mouth\n    sales -> word-of-mouth -> product -> price -> sales'), '5:12', ['`word-of-mouth` is not a name', 'wordOfMouth']));
    test('the `}` missing at the end', () => expectOneError(shop('    sales -> product -> price -> sales').replace(/\}\n$/, ''), '5:39', ["The file ends before flywheel 'Shop' is closed", 'the `{` at 1:15']));
    test('a word left on a line of its own', () => expectOneError(shop('    sales -> product -> price -> sales\n    oops\n'), '6:5', ['`oops` stands alone']));
    test('a driver declared twice', () => {
        const run = check(shop('    driver product\n    sales -> product -> price -> sales'));
        expect(run.stdout).toContain("w.fly:5:12: error: 'product' is already declared in flywheel 'Shop'. [duplicate-name]");
        expect(run.stdout).toMatch(/✖ 1 error, 0 warnings in 1 file\.\n$/);
    });
});

describe('flywheel --help and --version', () => {
    test('--help lists the commands and exit codes', () => {
        const run = runFlywheel(['--help']);
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('check [PATH…]');
        expect(run.stdout).toContain('Exit codes:');
    });
    test('--help ends with the path of the language reference, docs/language.md', () => {
        expect(runFlywheel(['--help']).stdout).toMatch(/\nThe language \(names, arrows, kinds, every diagnostic and its fix\): (.*)\n$/);
        const reference = /: (\/.*)\n$/.exec(runFlywheel(['--help']).stdout)![1];
        expect(reference).toBe(resolve('docs/language.md'));
    });
    test('--version prints the package version', async () => {
        const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
        expect(runFlywheel(['--version']).stdout).toBe(`${version}\n`);
    });
});

describe('flywheel check into a pipe that closes early', () => {
    const throughHead = (args: string, root: string) => spawnSync('bash', ['-c',
        `'${process.execPath}' '${resolve('bin/flywheel.mjs')}' ${args} | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}" >&2`], { cwd: root, encoding: 'utf8' });

    test('stops quietly, with no error on standard error, and the exit code of what it found: 1 with errors', () => {
        const files = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`w${i}.fly`, 'flywheel W { driver a driver b a -> b }\n']));
        const root = tempTree(files);
        for (const format of ['json', 'human', 'github']) {
            const { status, stderr } = throughHead(`check --format ${format} .`, root);
            expect(status).toBe(0);
            expect(stderr).toBe('1\n');
        }
    });

    test('0 when the files are clean, whatever the reader does', () => {
        const root = tempTree(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`w${i}.fly`, clean])));
        expect(throughHead('check --format json .', root).stderr).toBe('0\n');
    });
});

describe('flywheel check: a file named twice is checked once', () => {
    test.each([
        [['dir', 'dir/a.fly'], 'dir/a.fly'],
        [['a.fly', './a.fly'], 'a.fly'],
        [['dir/a.fly', 'link.fly', 'hard.fly', 'dir'], 'dir/a.fly']
    ])('%j', (args, checked) => {
        const root = tempTree({ 'dir/a.fly': faulty.text });
        spawnSync('cp', [resolve(root, 'dir/a.fly'), resolve(root, 'a.fly')]);
        spawnSync('ln', ['-s', 'dir/a.fly', resolve(root, 'link.fly')]);
        spawnSync('ln', [resolve(root, 'dir/a.fly'), resolve(root, 'hard.fly')]);
        const run = runFlywheel(['check', '--format', 'json', ...args], { cwd: root });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(1);
        const report = JSON.parse(run.stdout);
        expect(report.files.map((f: { path: string }) => f.path)).toEqual([checked]);
        expect(report.summary).toEqual({ files: 1, errors: 1, warnings: 1, infos: 0 });
    });
});
