/**
 * The entry point VS Code's test runner loads inside the Node extension host (`extensionTestsPath`):
 * the `run()` contract that both @vscode/test-electron and the code-server launcher use.
 */
import { join } from 'node:path';
import Mocha from 'mocha';
import { reportRun } from './report.js';

export type { SuiteResult } from './report.js';

export function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
    // The development suite by default; the installed-package check sets FLYWHEEL_SUITE.
    mocha.addFile(join(__dirname, process.env.FLYWHEEL_SUITE ?? 'suite.cjs'));
    return reportRun(done => mocha.run(done));
}
