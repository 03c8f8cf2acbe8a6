/**
 * No size at which the checker goes silent: past 120,000 diagnostics an argument spread used to
 * overflow the stack, and `flywheel check` printed a stack trace, reported 0 diagnostics and
 * exited 0. A file reports at most 10,000 diagnostics, errors first, and one notice counts the
 * rest; the summary and the exit code count them all.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempTree } from './run-flywheel.js';

const LISTED = 10_000;

function checkJson(path: string) {
    const run = spawnSync(process.execPath, [resolve('bin/flywheel.mjs'), 'check', path, '--format', 'json'], {
        encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' }
    });
    const report = JSON.parse(run.stdout) as {
        files: Array<{ diagnostics: Array<{ code: string; severity: string; message: string; line: number }> }>;
        summary: { errors: number; warnings: number; infos: number };
    };
    return { status: run.status, stderr: run.stderr, diagnostics: report.files[0].diagnostics, summary: report.summary };
}

function wheelOf(lines: string[]): string {
    return ['flywheel Huge {', '    goal g', ...lines.map(line => `    ${line}`), '}', ''].join('\n');
}

describe('a file with more diagnostics than are listed', () => {
    test('125,000 drivers with no links: every one counted, 10,000 listed, exit 1', () => {
        const drivers = 125_000;
        const root = tempTree({});
        const path = join(root, 'unlinked.fly');
        writeFileSync(path, wheelOf(Array.from({ length: drivers }, (_, i) => `driver d${i}`)));
        const { status, stderr, diagnostics, summary } = checkJson(path);
        expect(stderr).toBe('');
        expect(status).toBe(1);
        // Each driver is off the wheel (broken-loop), and so is the goal (goal-off-loop); no cost
        // or quality driver is on the wheel, and there are more than 10 drivers: three warnings.
        expect(summary).toEqual({ files: 1, errors: drivers + 1, warnings: 3, infos: 0 });
        expect(diagnostics).toHaveLength(LISTED + 1);
        const notice = diagnostics.filter(d => d.code === 'diagnostics-left-out');
        expect(notice).toHaveLength(1);
        expect(notice[0].severity).toBe('error');
        const leftOut = drivers + 1 + 3 - LISTED;
        expect(notice[0].message).toBe(
            `${leftOut.toLocaleString('en-US')} more diagnostics are not listed (${(leftOut - 3).toLocaleString('en-US')} errors, 3 warnings): ` +
            'a file reports at most 10,000. Fix the ones listed and check again.'
        );
        // Errors come first: the listed ones are all errors, in the text's order.
        const listed = diagnostics.filter(d => d.code !== 'diagnostics-left-out');
        expect(listed.every(d => d.severity === 'error')).toBe(true);
        expect(listed.map(d => d.line)).toEqual([...listed.map(d => d.line)].sort((a, b) => a - b));
    }, 180_000);

    test('40,000 unresolved names: each counted, the first listed with what they may have meant', () => {
        const names = 40_000;
        const root = tempTree({});
        const path = join(root, 'unresolved.fly');
        writeFileSync(path, wheelOf(['driver alpha', 'g -> alpha -> g', ...Array.from({ length: names }, (_, i) => `alpha -> x${i}`)]));
        const { status, diagnostics, summary } = checkJson(path);
        expect(status).toBe(1);
        // The wheel rules wait until every name resolves: only the unresolved names are reported.
        expect(summary).toEqual({ files: 1, errors: names, warnings: 0, infos: 0 });
        expect(diagnostics).toHaveLength(LISTED + 1);
        expect(diagnostics[0]).toMatchObject({ code: 'unresolved-reference', line: 5, message: "'x0' is not declared in flywheel 'Huge': declare it as a driver or fix the name." });
        expect(diagnostics.at(-1)).toMatchObject({ code: 'diagnostics-left-out', severity: 'error', line: 5 + LISTED });
    }, 120_000);

    test('exactly 10,000 diagnostics are all listed, with no notice', () => {
        // 9,996 unlinked drivers: 9,996 broken-loop + goal-off-loop + missing cost + missing quality + too many drivers = 10,000.
        const root = tempTree({});
        const path = join(root, 'edge.fly');
        writeFileSync(path, wheelOf(Array.from({ length: 9_996 }, (_, i) => `driver d${i}`)));
        const { diagnostics, summary } = checkJson(path);
        expect(summary).toEqual({ files: 1, errors: 9_997, warnings: 3, infos: 0 });
        expect(diagnostics).toHaveLength(LISTED);
        expect(diagnostics.some(d => d.code === 'diagnostics-left-out')).toBe(false);
    }, 120_000);
});
