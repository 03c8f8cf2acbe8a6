/**
 * The built `flywheel` on fuzzed files and broken bytes: whatever it is given, it answers with one of
 * its exit codes and plain messages, never a stack trace, and `flywheel fmt` leaves files that do not
 * parse exactly as they were.
 */
import { chmodSync, linkSync, lstatSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runFlywheel, tempTree } from '../cli/run-flywheel.js';
import { fuzzInput } from './inputs.js';

const SEED = 77;
const COUNT = 16;
const STACK_LINE = /^\s+at .+[(:]\d+/m;

/** Fuzzed texts, and bytes no text editor would save: invalid UTF-8, a cut multi-byte character, NULs, a BOM. */
function files(): Record<string, string | Uint8Array> {
    const tree: Record<string, string | Uint8Array> = {};
    for (let i = 0; i < COUNT; i++) tree[`input-${i}.fly`] = fuzzInput(SEED, i).text;
    tree['invalid-utf8.fly'] = Buffer.from([0x66, 0x6c, 0x79, 0xff, 0xfe, 0x0a]);
    tree['cut-character.fly'] = Buffer.concat([Buffer.from('flywheel W "caf'), Buffer.from('é').subarray(0, 1)]);
    tree['nul-bytes.fly'] = Buffer.from('flywheel W {\0\0 goal g }\n');
    tree['bom.fly'] = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('flywheel W {\n    goal g\n}\n')]);
    return tree;
}

function expectNoStackTrace(run: { status: number | null; stderr: string; stdout: string }, what: string): void {
    expect([0, 1, 2], `${what}: exit code ${run.status}\n${run.stderr}`).toContain(run.status);
    expect(run.stderr, what).not.toMatch(STACK_LINE);
    expect(run.stdout, what).not.toMatch(STACK_LINE);
}

describe('flywheel on fuzzed input', () => {
    const folder = tempTree(files());
    const names = Object.keys(files());

    test('check, in every format, answers for every file without a stack trace', () => {
        for (const format of ['human', 'json', 'github', 'sarif']) {
            const run = runFlywheel(['check', '--format', format, ...names], { cwd: folder });
            expectNoStackTrace(run, `check --format ${format}`);
            expect(run.status).toBe(2); // the unreadable files, reported after every other file
        }
        // Every file gets a report: the two that are not UTF-8 as unreadable-file, all others (empty ones too) checked.
        const json = JSON.parse(runFlywheel(['check', '--format', 'json', ...names], { cwd: folder }).stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string }> }> };
        expect(json.files.map(f => f.path)).toEqual(names);
        const unreadable = json.files.filter(f => f.diagnostics.some(d => d.code === 'unreadable-file')).map(f => f.path);
        expect(unreadable).toEqual(['invalid-utf8.fly', 'cut-character.fly']);
    });

    test('an unreadable file is one line naming the file and where the bad byte is', () => {
        const run = runFlywheel(['check', 'invalid-utf8.fly'], { cwd: folder });
        expect(run.stdout.split('\n').filter(line => line.includes('[unreadable-file]'))).toEqual([
            "invalid-utf8.fly:1:1: error: 'invalid-utf8.fly' is not UTF-8 text: invalid byte 0xff at line 1, column 4 [unreadable-file]"
        ]);
    });

    test('fmt rewrites only what parses, and leaves the rest byte for byte', () => {
        const before = Object.fromEntries(names.map(name => [name, readFileSync(join(folder, name))]));
        const run = runFlywheel(['fmt', ...names], { cwd: folder });
        expectNoStackTrace(run, 'fmt');
        for (const name of names) {
            const after = readFileSync(join(folder, name));
            const check = runFlywheel(['check', '--format', 'json', name], { cwd: folder });
            if (after.equals(before[name])) continue;
            // A changed file must have parsed: no syntax error in what fmt wrote.
            expect(JSON.parse(check.stdout).files[0].diagnostics.map((d: { code: string }) => d.code), name).not.toContain('syntax-error');
        }
    });

    test('fmt through symlinks, hard links and modes: links stay links, modes stay, read-only files stay as they were', () => {
        // The fuzzed texts again, each reached in one of four ways: a symlink, a hard link, a 0600 file, a read-only file.
        const root = tempTree({});
        const ways = ['symlink', 'hard link', 'mode 0600', 'read-only'] as const;
        const made = Array.from({ length: COUNT }, (_, i) => {
            const way = ways[i % ways.length];
            const target = join(root, `target-${i}.fly`);
            writeFileSync(target, fuzzInput(SEED, i).text);
            const path = join(root, `input-${i}.fly`);
            if (way === 'symlink') symlinkSync(`target-${i}.fly`, path);
            else if (way === 'hard link') linkSync(target, path);
            else renameSync(target, path);
            if (way !== 'symlink' && way !== 'hard link') chmodSync(path, way === 'read-only' ? 0o444 : 0o600);
            // The same text as a plain file: what formatting it gives.
            const plain = join(root, `plain-${i}.fly`);
            writeFileSync(plain, fuzzInput(SEED, i).text);
            return { way, path, plain, target: way === 'symlink' || way === 'hard link' ? target : path, before: readFileSync(way === 'symlink' ? target : path) };
        });
        const run = runFlywheel(['fmt', ...made.flatMap(m => [m.path, m.plain])], { cwd: root });
        expectNoStackTrace(run, 'fmt');
        for (const { way, path, plain, target, before } of made) {
            const what = `${way} ${path}`;
            if (way === 'symlink') expect(lstatSync(path).isSymbolicLink(), what).toBe(true);
            if (way === 'hard link') expect(statSync(path).ino, what).toBe(statSync(target).ino);
            if (way === 'mode 0600') expect(statSync(path).mode & 0o777, what).toBe(0o600);
            if (way === 'read-only') {
                expect(statSync(path).mode & 0o777, what).toBe(0o444);
                expect(readFileSync(path).equals(before), `${what}: left as it was`).toBe(true);
            } else {
                // What the link reaches was formatted exactly as the plain copy was (or, like it, left as it was).
                expect(readFileSync(target).equals(readFileSync(plain)), what).toBe(true);
            }
        }
    });

    test('render and diff answer without a stack trace', () => {
        for (const name of names) expectNoStackTrace(runFlywheel(['render', name, '-o', '-'], { cwd: folder }), `render ${name}`);
        for (let i = 0; i + 1 < names.length; i += 2) expectNoStackTrace(runFlywheel(['diff', names[i], names[i + 1]], { cwd: folder }), `diff ${names[i]} ${names[i + 1]}`);
    }, 120_000); // 30 runs of the CLI: on a loaded machine that is more than the default timeout
});
