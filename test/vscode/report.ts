/**
 * The end of every VS Code suite run, in either extension host: counts and failures written to
 * the workspace for the launcher (`.flywheel-test/result.json`), so a suite that did not run can
 * never pass (the host's own exit code says nothing: it is 0 even when `run()` throws).
 */
import type * as Mocha from 'mocha';
import * as vscode from 'vscode';
import { launcherFile } from './suite/helpers.js';

export interface SuiteResult {
    passed: number;
    failed: number;
    failures: Array<{ title: string; message: string }>;
    /** Figures the tests measured (see `measured` in suite/helpers.ts). */
    measurements: string[];
}

/** Runs mocha (`run` starts it) to the end, writes the result, and settles as VS Code's `run()` contract asks. */
export function reportRun(run: (done: (failures: number) => void) => Mocha.Runner): Promise<void> {
    // The suite may be a bundle of its own: figures reach this module through a global.
    const measurements: string[] = [];
    (globalThis as { flywheelMeasurements?: string[] }).flywheelMeasurements = measurements;
    const failed: SuiteResult['failures'] = [];
    return new Promise((resolve, reject) => {
        const runner = run(failures => {
            const result: SuiteResult = { passed: runner.stats?.passes ?? 0, failed: failures, failures: failed, measurements };
            vscode.workspace.fs.writeFile(launcherFile('result.json'), new TextEncoder().encode(JSON.stringify(result, null, 2))).then(
                () => (failures > 0 ? reject(new Error(`${failures} VS Code tests failed`)) : resolve()),
                reject
            );
        });
        runner.on('fail', (test, error: Error) => failed.push({ title: test.fullTitle(), message: error.message }));
    });
}
