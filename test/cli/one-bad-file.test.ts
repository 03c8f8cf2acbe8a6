/**
 * One bad file never hides the others (LANGUAGE.md, "The command-line tool"): in a folder with an
 * empty file, a file that is not UTF-8, a symlinked file, a symlink loop, a gitignored folder and
 * two good files with errors, every good file's diagnostics appear in every format, the bad file
 * is reported as its own `unreadable-file` diagnostic, and the exit code is 2 at the end.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { beforeAll, describe, expect, test } from 'vitest';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json' with { type: 'json' };
import { runFlywheel, tempTree } from './run-flywheel.js';

// Each has one error (broken-loop on the driver named) and nothing else.
const faulty = (name: string, loose: string) => `flywheel ${name} {
    goal g
    cost driver c
    quality driver q
    driver ${loose}
    g -> c -> q -> g
}
`;

let root: string;
beforeAll(() => {
    root = tempTree({
        'wheels/a.fly': faulty('A', 'alpha'),
        'wheels/b.fly': faulty('B', 'beta'),
        'wheels/empty.fly': '',
        'wheels/latin1.fly': Buffer.concat([Buffer.from('flywheel L {\n    goal caf'), Buffer.from([0xe9]), Buffer.from('\n}\n')]),
        'elsewhere/linked.fly': faulty('Linked', 'gamma'),
        'build/generated.fly': faulty('Generated', 'never'),
        '.gitignore': 'build/\n'
    });
    spawnSync('git', ['init', '-q'], { cwd: root });
    symlinkSync('../elsewhere/linked.fly', join(root, 'wheels/linked.fly'));
    // A folder linking back to its parent: walked once, not for ever.
    symlinkSync('..', join(root, 'wheels/loop'));
});

const GOOD = [
    { path: 'wheels/a.fly', driver: 'alpha' },
    { path: 'wheels/b.fly', driver: 'beta' },
    { path: 'wheels/linked.fly', driver: 'gamma' }
];
const UNREADABLE = "'wheels/latin1.fly' is not UTF-8 text: invalid byte 0xe9 at line 2, column 13";

describe('a folder with one bad file among good ones', () => {
    test('json: every good file with its diagnostics, the empty one clean, the bad one as unreadable-file; the gitignored folder left out; exit 2', () => {
        const run = runFlywheel(['check', '--format', 'json', '.'], { cwd: root });
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('');
        type Report = { files: Array<{ path: string; diagnostics: Array<{ code: string; message: string; line: number; column: number }> }>; summary: unknown };
        const report = JSON.parse(run.stdout) as Report;
        expect(report.files.map(f => f.path).sort()).toEqual(['elsewhere/linked.fly', 'wheels/a.fly', 'wheels/b.fly', 'wheels/empty.fly', 'wheels/latin1.fly']);
        const byPath = new Map(report.files.map(f => [f.path, f.diagnostics]));
        expect(byPath.get('wheels/empty.fly')).toEqual([]);
        expect(byPath.get('wheels/latin1.fly')).toEqual([{ code: 'unreadable-file', severity: 'error', message: UNREADABLE, line: 1, column: 1, endLine: 1, endColumn: 1 }]);
        for (const [path, driver] of [['wheels/a.fly', 'alpha'], ['wheels/b.fly', 'beta'], ['elsewhere/linked.fly', 'gamma']]) {
            expect(byPath.get(path)?.map(d => [d.code, d.line])).toEqual([['broken-loop', 5]]);
            expect(byPath.get(path)?.[0].message).toContain(`'${driver}'`);
        }
        expect(report.summary).toEqual({ files: 5, errors: 4, warnings: 0, infos: 0 });
    });

    test('the symlinked file is checked under its link\'s name when only the linking folder is walked', () => {
        const run = runFlywheel(['check', '--format', 'json', 'wheels'], { cwd: root });
        const paths = (JSON.parse(run.stdout).files as Array<{ path: string }>).map(f => f.path);
        expect(paths).toEqual(expect.arrayContaining(GOOD.map(g => g.path)));
        // Through the loop (wheels/loop -> ..) the walk reaches elsewhere/, but linked.fly is the same file: once.
        expect(paths.filter(p => p.endsWith('linked.fly'))).toHaveLength(1);
        expect(paths.some(p => p.includes('build/'))).toBe(false);
        expect(run.status).toBe(2);
    });

    test('human: a line per finding, the bad file\'s among them, and the summary', () => {
        const run = runFlywheel(['check', 'wheels'], { cwd: root });
        expect(run.status).toBe(2);
        for (const { path, driver } of GOOD) expect(run.stdout).toContain(`${path}:5:12: error: '${driver}' is on no loop`);
        expect(run.stdout).toContain(`wheels/latin1.fly:1:1: error: ${UNREADABLE} [unreadable-file]\n`);
        expect(run.stdout).toMatch(/✖ 4 errors, 0 warnings in 5 files\.\n$/);
    });

    test('github: an annotation per finding, the bad file\'s among them', () => {
        const lines = runFlywheel(['check', '--format', 'github', 'wheels'], { cwd: root }).stdout.trimEnd().split('\n');
        for (const { path } of GOOD) expect(lines.filter(l => l.startsWith(`::error file=${path},line=5,`))).toHaveLength(1);
        expect(lines).toContain(`::error file=wheels/latin1.fly,line=1,col=1,endLine=1,endColumn=1,title=flywheel(unreadable-file)::${UNREADABLE}`);
        expect(lines).toHaveLength(4);
    });

    test('sarif: valid against the SARIF 2.1.0 schema, a result per finding, the bad file\'s among them', () => {
        const run = runFlywheel(['check', '--format', 'sarif', 'wheels'], { cwd: root });
        expect(run.status).toBe(2);
        const log = JSON.parse(run.stdout);
        // The schema's one language-tag pattern is not valid as a Unicode regular expression.
        const validate = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false }).compile(sarifSchema);
        expect(validate(log) ? [] : validate.errors).toEqual([]);
        expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false); // a run without its tool is not SARIF
        expect(log.version).toBe('2.1.0');
        type Location = { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } };
        const results = log.runs[0].results as Array<{ ruleId: string; level: string; locations: Location[] }>;
        const where = results.map(r => {
            const { artifactLocation, region } = r.locations[0].physicalLocation;
            return [r.ruleId, r.level, artifactLocation.uri, region.startLine];
        });
        expect(where).toEqual(expect.arrayContaining([
            ...GOOD.map(({ path }) => ['broken-loop', 'error', path, 5]),
            ['unreadable-file', 'error', 'wheels/latin1.fly', 1]
        ]));
        expect(results).toHaveLength(4);
        expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['broken-loop', 'unreadable-file']);
    });

    test('--no-ignore walks the gitignored folder too', () => {
        const paths = (JSON.parse(runFlywheel(['check', '--format', 'json', '--no-ignore', '.'], { cwd: root }).stdout).files as Array<{ path: string }>).map(f => f.path);
        expect(paths).toContain('build/generated.fly');
    });

    test('a file that cannot be opened is reported the same way', () => {
        const locked = tempTree({ 'ok.fly': faulty('Ok', 'delta'), 'locked.fly': faulty('Locked', 'x') });
        chmodSync(join(locked, 'locked.fly'), 0o000);
        // Root reads any file whatever its mode; the case only exists for other users.
        const canStillRead = spawnSync('cat', [join(locked, 'locked.fly')]).status === 0;
        const run = runFlywheel(['check', '--format', 'json', '.'], { cwd: locked });
        const report = JSON.parse(run.stdout);
        expect(report.files.find((f: { path: string }) => f.path === 'ok.fly').diagnostics).toHaveLength(1);
        const lockedCodes = report.files.find((f: { path: string }) => f.path === 'locked.fly').diagnostics.map((d: { code: string }) => d.code);
        expect(lockedCodes).toEqual(canStillRead ? ['broken-loop'] : ['unreadable-file']);
        expect(run.status).toBe(canStillRead ? 1 : 2);
    });
});
