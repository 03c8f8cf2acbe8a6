/** `flywheel fmt` as a reviewer's tool: like Prettier's --write and --check, and never loses a byte it should not touch. */
import { chmodSync, cpSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateWheel } from '../../bench/generate.js';
import { runFlywheel, tempTree } from './run-flywheel.js';

const messy = 'flywheel A {\ngoal g\n   cost quality driver d // trailing\n\n\n  g->d->g }\n';
const canonical = 'flywheel A {\n    goal g\n    cost quality driver d // trailing\n\n    g -> d -> g\n}\n';

/** Every `.fly` file under `root`, relative to it, with its bytes. */
function snapshotTree(root: string): Record<string, string> {
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(name => name.endsWith('.fly')).sort();
    return Object.fromEntries(files.map(name => [relative(root, join(root, name)), readFileSync(join(root, name), 'utf8')]));
}

function commentsOf(text: string): string[] {
    return (text.match(/\/\*[\s\S]*?\*\/|\/\/[^\r\n]*/g) ?? []).map(comment => comment.replace(/\r?\n[ \t]*/g, '\n'));
}

describe('flywheel fmt', () => {
    test('rewrites files in the canonical layout and says which', () => {
        const root = tempTree({ 'a.fly': messy, 'b.fly': canonical });
        const run = runFlywheel(['fmt'], { cwd: root });
        expect(run.status).toBe(0);
        expect(run.stdout).toBe('formatted a.fly\n');
        expect(run.stderr).toBe('1 file reformatted, 1 file already canonical.\n');
        expect(readFileSync(join(root, 'a.fly'), 'utf8')).toBe(canonical);
        const again = runFlywheel(['fmt'], { cwd: root });
        expect([again.status, again.stdout]).toEqual([0, '']);
    });

    test('--check lists what would change, exits 1, and writes nothing', () => {
        const root = tempTree({ 'a.fly': messy, 'b.fly': canonical });
        const run = runFlywheel(['fmt', '--check', '.'], { cwd: root });
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('would reformat a.fly\n');
        expect(run.stderr).toBe('1 file would be reformatted, 1 file already canonical.\n');
        expect(readFileSync(join(root, 'a.fly'), 'utf8')).toBe(messy);
        expect(runFlywheel(['fmt', '--check', 'b.fly'], { cwd: root }).status).toBe(0);
    });

    test('a file with a syntax error is reported as flywheel check does and left byte-for-byte unchanged, exit 1', () => {
        const broken = 'flywheel A {\r\n  goal g\r\n  driver }\r\n';
        const root = tempTree({ 'broken.fly': broken, 'a.fly': messy });
        const run = runFlywheel(['fmt'], { cwd: root });
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/^broken\.fly:3:10: error: .+ \[syntax-error\]\n/);
        expect(run.stderr).toContain('1 file reformatted, 0 files already canonical, 1 file not parsed (left untouched).\n');
        expect(readFileSync(join(root, 'broken.fly'), 'utf8')).toBe(broken);
        expect(readFileSync(join(root, 'a.fly'), 'utf8')).toBe(canonical);
        expect(runFlywheel(['fmt', '--check', 'broken.fly'], { cwd: root }).status).toBe(1);
    });

    test('CRLF stays CRLF and a byte-order mark stays', () => {
        const root = tempTree({ 'crlf.fly': messy.replace(/\n/g, '\r\n'), 'bom.fly': '\ufeff' + messy });
        expect(runFlywheel(['fmt'], { cwd: root }).status).toBe(0);
        expect(readFileSync(join(root, 'crlf.fly'), 'utf8')).toBe(canonical.replace(/\n/g, '\r\n'));
        expect(readFileSync(join(root, 'bom.fly'), 'utf8')).toBe('\ufeff' + canonical);
    });

    test('bad input and bad usage are one line and exit code 2', () => {
        const root = tempTree({ 'a.fly': messy });
        expect(runFlywheel(['fmt', 'missing.fly'], { cwd: root })).toMatchObject({ status: 2, stderr: "flywheel: cannot read 'missing.fly': no such file or folder\n" });
        expect(runFlywheel(['fmt', '--write'], { cwd: root })).toMatchObject({ status: 2, stderr: "flywheel: unknown option '--write' (see flywheel --help)\n" });
        expect(readFileSync(join(root, 'a.fly'), 'utf8')).toBe(messy);
    });
});

describe('flywheel fmt writes through the file\'s real path', () => {
    test('a symbolic link stays a link, and the file it points to is formatted', () => {
        const root = tempTree({ 'real/a.fly': messy });
        symlinkSync('real/a.fly', join(root, 'link.fly'));
        const run = runFlywheel(['fmt', 'link.fly'], { cwd: root });
        expect(run).toMatchObject({ status: 0, stdout: 'formatted link.fly\n' });
        expect(lstatSync(join(root, 'link.fly')).isSymbolicLink()).toBe(true);
        expect(readFileSync(join(root, 'real/a.fly'), 'utf8')).toBe(canonical);
    });

    test('hard links stay one file: every name sees the formatted text', () => {
        const root = tempTree({ 'a.fly': messy });
        linkSync(join(root, 'a.fly'), join(root, 'b.fly'));
        expect(runFlywheel(['fmt', 'a.fly'], { cwd: root }).status).toBe(0);
        expect(readFileSync(join(root, 'b.fly'), 'utf8')).toBe(canonical);
        expect(statSync(join(root, 'a.fly')).ino).toBe(statSync(join(root, 'b.fly')).ino);
    });

    test('the file keeps its mode', () => {
        const root = tempTree({ 'a.fly': messy });
        chmodSync(join(root, 'a.fly'), 0o600);
        expect(runFlywheel(['fmt', 'a.fly'], { cwd: root }).status).toBe(0);
        expect(statSync(join(root, 'a.fly')).mode & 0o777).toBe(0o600);
        expect(readFileSync(join(root, 'a.fly'), 'utf8')).toBe(canonical);
    });

    test('a read-only file is reported and left alone; the others are formatted; exit 2', () => {
        const root = tempTree({ 'locked.fly': messy, 'open.fly': messy });
        chmodSync(join(root, 'locked.fly'), 0o444);
        const run = runFlywheel(['fmt', '.'], { cwd: root });
        expect(run.status).toBe(2);
        expect(run.stderr).toContain("locked.fly: error: 'locked.fly' is read-only: left as it is\n");
        expect(readFileSync(join(root, 'locked.fly'), 'utf8')).toBe(messy);
        expect(statSync(join(root, 'locked.fly')).mode & 0o777).toBe(0o444);
        expect(readFileSync(join(root, 'open.fly'), 'utf8')).toBe(canonical);
        expect(readdirSync(root).sort()).toEqual(['locked.fly', 'open.fly']);
    });

    test('a file named twice is formatted once', () => {
        const root = tempTree({ 'dir/a.fly': messy });
        const run = runFlywheel(['fmt', 'dir', 'dir/a.fly', './dir/a.fly'], { cwd: root });
        expect(run).toMatchObject({ status: 0, stdout: 'formatted dir/a.fly\n', stderr: '1 file reformatted, 0 files already canonical.\n' });
    });

    test('an unreadable file is reported and the others are still formatted; exit 2', () => {
        const root = tempTree({ 'latin1.fly': Buffer.from([0x66, 0xe9, 0x0a]), 'a.fly': messy, 'empty.fly': '' });
        const run = runFlywheel(['fmt', '.'], { cwd: root });
        expect(run.status).toBe(2);
        expect(run.stderr).toContain("latin1.fly:1:1: error: 'latin1.fly' is not UTF-8 text: invalid byte 0xe9 at line 1, column 2 [unreadable-file]\n");
        expect(readFileSync(join(root, 'a.fly'), 'utf8')).toBe(canonical);
        expect(readFileSync(join(root, 'empty.fly'), 'utf8')).toBe('');
    });
});

describe('flywheel fmt --stdin', () => {
    test('prints the formatted text and writes no file', () => {
        const root = tempTree({});
        const run = runFlywheel(['fmt', '--stdin'], { cwd: root, input: messy });
        expect(run).toMatchObject({ status: 0, stdout: canonical, stderr: '' });
        expect(readdirSync(root)).toEqual([]);
    });

    test('text that does not parse comes back unchanged, its errors on standard error, exit 1', () => {
        const broken = 'flywheel A {\n  goal g\n  driver }\n';
        const run = runFlywheel(['fmt', '--stdin', '--stdin-filename', 'wheels/a.fly'], { input: broken });
        expect(run.status).toBe(1);
        expect(run.stdout).toBe(broken);
        expect(run.stderr).toMatch(/^wheels\/a\.fly:3:10: error: .+\[syntax-error\]\n$/);
    });

    test('--stdin with a PATH is bad usage', () => {
        expect(runFlywheel(['fmt', '--stdin', 'a.fly'], { input: messy })).toMatchObject({ status: 2, stderr: 'flywheel: --stdin reads standard input: give no PATH with it\n' });
    });
});

describe('flywheel fmt on every example and on generated files', () => {
    test('the examples are canonical: nothing changes, the one that does not parse is left alone', () => {
        const root = tempTree({});
        cpSync('examples', join(root, 'examples'), { recursive: true });
        const before = snapshotTree(root);
        const run = runFlywheel(['fmt', 'examples'], { cwd: root });
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^examples\/broken\/syntax-error\.fly:\d+:\d+: error: .+\[syntax-error\]\n/);
        expect(run.status).toBe(1);
        expect(snapshotTree(root)).toEqual(before);
    });

    test('squashed onto as few lines as the grammar allows, every example comes back idempotent, with its comments and meaning', () => {
        const examples = Object.entries(snapshotTree('examples')).filter(([path]) => !path.includes('syntax-error'));
        // Line comments need their line break; everything else is joined with single spaces.
        const squash = (text: string) => text.replace(/(\/\/[^\n]*)?\n\s*/g, (_, comment?: string) => (comment ? `${comment}\n` : ' '));
        const root = tempTree(Object.fromEntries(examples.map(([path, text]) => [path, squash(text)])));
        expect(runFlywheel(['fmt', '.'], { cwd: root }).status).toBe(0);
        const formatted = snapshotTree(root);
        expect(runFlywheel(['fmt', '--check', '.'], { cwd: root })).toMatchObject({ status: 0, stdout: '' });
        for (const [path, original] of examples) {
            expect(commentsOf(formatted[path]), path).toEqual(commentsOf(original));
            const diff = runFlywheel(['diff', join('examples', path), join(root, path)]);
            expect(diff.stdout, path).toContain('no change in meaning');
        }
    });

    test('a generated wheel of 200 drivers, squashed onto one line, in CRLF', () => {
        const text = generateWheel(200).replace(/\n\s*/g, ' ').trim().replace(/\{/, '{\r\n');
        const root = tempTree({ 'big.fly': text });
        expect(runFlywheel(['fmt', 'big.fly'], { cwd: root }).status).toBe(0);
        const formatted = readFileSync(join(root, 'big.fly'), 'utf8');
        expect(formatted).toBe(generateWheel(200).replace(/\n/g, '\r\n'));
        expect(runFlywheel(['diff', join(root, 'big.fly'), '-'], { input: text }).stdout).toContain('no change in meaning');
    });
});
