/**
 * The entry point VS Code's test runner loads inside the extension host (`extensionTestsPath`):
 * the `run()` contract that both @vscode/test-electron and the code-server launcher use.
 * It also writes its own result (counts and failures) to a file the launcher reads, so a suite
 * that did not run can never pass.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
    passed: number;
    failed: number;
    failures: Array<{ title: string; message: string }>;
    /** Figures the tests measured (see `measured` in suite/helpers.ts). */
    measurements: string[];
}

export function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
    // The development suite by default; the installed-package check sets FLYWHEEL_SUITE.
    mocha.addFile(join(__dirname, process.env.FLYWHEEL_SUITE ?? 'suite.cjs'));
    const resultFile = process.env.FLYWHEEL_SUITE_RESULT;
    // The suite is a bundle of its own: figures reach this module through a global.
    const measurements: string[] = [];
    (globalThis as { flywheelMeasurements?: string[] }).flywheelMeasurements = measurements;
    return new Promise((resolve, reject) => {
        const runner = mocha.run(failures => {
            const result: SuiteResult = {
                passed: runner.stats?.passes ?? 0,
                failed: failures,
                failures: failed,
                measurements
            };
            if (resultFile) writeFileSync(resultFile, JSON.stringify(result, null, 2));
            if (failures > 0) reject(new Error(`${failures} VS Code tests failed`));
            else resolve();
        });
        const failed: SuiteResult['failures'] = [];
        runner.on('fail', (test, error: Error) => failed.push({ title: test.fullTitle(), message: error.message }));
    });
}
