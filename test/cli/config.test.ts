/**
 * `flywheel.config.json` on the command line: the nearest one above each file applies; a bad one
 * is reported in itself with its position and what could be read still applies; `ignore` and
 * `--no-ignore`; and `check --stdin`, which finds its config by `--stdin-filename`.
 */
import { describe, expect, test } from 'vitest';
import { runFlywheel, tempTree } from './run-flywheel.js';

/** The Value Flywheel Effect: no cost driver, and a brake. */
const value = `flywheel Value {
    goal value
    quality driver clarity
    driver challenge
    driver debt
    value -> clarity -> challenge -> value
    value -> debt -| challenge
}
`;

interface Report {
    files: Array<{
        path: string;
        diagnostics: Array<{ code: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }>;
    }>;
}

function check(root: string, ...args: string[]) {
    const run = runFlywheel(['check', '--format', 'json', ...args], { cwd: root });
    const report = JSON.parse(run.stdout) as Report;
    const codes = Object.fromEntries(report.files.map(f => [f.path, f.diagnostics.map(d => `${d.code}:${d.severity}`)]));
    return { run, report, codes };
}

describe('flywheel.config.json', () => {
    test('the nearest config applies to each file: its rules and its maxDrivers', () => {
        const root = tempTree({
            'flywheel.config.json': JSON.stringify({ rules: { 'missing-cost-driver': 'off' } }),
            'top.fly': value,
            'team/flywheel.config.json': JSON.stringify({ maxDrivers: 2, rules: { 'balancing-loop': 'error' } }),
            'team/deep/nested.fly': value
        });
        const { run, codes } = check(root, '.');
        expect(codes).toEqual({
            'top.fly': ['balancing-loop:warning'],
            // The nearer config wins whole: missing-cost-driver is back, as the outer config's rules do not reach here.
            'team/deep/nested.fly': ['missing-cost-driver:warning', 'too-many-drivers:warning', 'balancing-loop:error']
        });
        expect(run.status).toBe(1);
    });

    test('--max-drivers beats the config', () => {
        const root = tempTree({ 'flywheel.config.json': '{ "maxDrivers": 2 }', 'w.fly': value });
        expect(check(root, '--max-drivers', '10', 'w.fly').codes['w.fly']).not.toContain('too-many-drivers:warning');
        expect(check(root, 'w.fly').codes['w.fly']).toContain('too-many-drivers:warning');
    });

    test('a bad config is reported in itself, with its position; the rest of it still applies; exit 2', () => {
        const config = '{\n  "rules": {\n    "missing-cost-driver": "off",\n    "balancing-loop": "loud"\n  },\n  "maxDriver": 3\n}\n';
        const root = tempTree({ 'flywheel.config.json': config, 'w.fly': value });
        const { run, report } = check(root, 'w.fly');
        expect(run.status).toBe(2);
        expect(report.files[0]).toEqual({
            path: 'flywheel.config.json',
            diagnostics: [
                { code: 'invalid-config', severity: 'error', message: 'the severity of "balancing-loop" must be "error", "warning", "info" or "off", not "loud"', line: 4, column: 23, endLine: 4, endColumn: 29 },
                { code: 'invalid-config', severity: 'error', message: expect.stringContaining('unknown key "maxDriver"'), line: 6, column: 3, endLine: 6, endColumn: 14 }
            ]
        });
        expect(report.files[1].diagnostics.map(d => d.code)).toEqual(['balancing-loop']);
        const human = runFlywheel(['check', 'w.fly'], { cwd: root });
        expect(human.stdout).toContain('flywheel.config.json:4:23: error: the severity of "balancing-loop" must be');
        expect(human.stdout).toContain('  4 |     "balancing-loop": "loud"\n    |                       ^^^^^^\n');
    });

    test('a config that is not JSON is one diagnostic at the place it breaks, never a crash', () => {
        const root = tempTree({ 'flywheel.config.json': '{ "maxDrivers": 3, }', 'w.fly': value });
        const { run, report } = check(root, 'w.fly');
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('');
        expect(report.files[0].diagnostics).toEqual([expect.objectContaining({ code: 'invalid-config', line: 1, column: 20, message: expect.stringContaining('is not valid JSON') })]);
        // What the JSON held is not guessed at: the defaults apply.
        expect(report.files[1].diagnostics.map(d => d.code)).toEqual(['missing-cost-driver', 'balancing-loop']);
    });

    test('ignore: folder walks skip what it lists (in .gitignore syntax, relative to the config); --no-ignore sees everything', () => {
        const root = tempTree({
            'flywheel.config.json': JSON.stringify({ ignore: ['drafts/', 'old-*.fly'] }),
            'w.fly': value, 'old-plan.fly': value, 'drafts/idea.fly': value, 'sub/old-too.fly': value
        });
        expect(Object.keys(check(root, '.').codes)).toEqual(['w.fly']);
        expect(Object.keys(check(root, '--no-ignore', '.').codes).sort()).toEqual(['drafts/idea.fly', 'old-plan.fly', 'sub/old-too.fly', 'w.fly']);
        const named = runFlywheel(['check', 'old-plan.fly'], { cwd: root });
        expect(named).toMatchObject({ status: 0, stdout: '✓ 0 files checked: no problems.\n' });
        expect(named.stderr).toBe("flywheel: 'old-plan.fly' is ignored by its flywheel.config.json (use --no-ignore to check it)\n");
    });
});

describe('flywheel check --stdin', () => {
    test('checks standard input as the file --stdin-filename names, with that file\'s config', () => {
        const root = tempTree({ 'team/flywheel.config.json': '{ "rules": { "missing-cost-driver": "off" } }' });
        const run = runFlywheel(['check', '--stdin', '--stdin-filename', 'team/w.fly'], { cwd: root, input: value });
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('team/w.fly:7:19: warning: Balancing loop');
        expect(run.stdout).not.toContain('missing-cost-driver');
        const json = JSON.parse(runFlywheel(['check', '--stdin', '--format', 'json'], { cwd: root, input: 'flywheel W {\n    goal g\n    driver }\n' }).stdout);
        expect(json.files[0].path).toBe('stdin.fly');
        expect(json.files[0].diagnostics.map((d: { code: string }) => d.code)).toContain('syntax-error');
    });

    test('--stdin-filename without --stdin, and --stdin with a PATH, are bad usage', () => {
        expect(runFlywheel(['check', '--stdin-filename', 'a.fly'])).toMatchObject({ status: 2, stderr: 'flywheel: --stdin-filename goes with --stdin\n' });
        expect(runFlywheel(['check', '--stdin', 'a.fly'], { input: '' })).toMatchObject({ status: 2, stderr: 'flywheel: --stdin reads standard input: give no PATH with it\n' });
    });
});
