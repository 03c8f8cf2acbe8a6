/**
 * The `run()` entry point for the web worker extension host (vscode.dev's, code-server's): the
 * same suite with mocha's browser build, bundled into one file for the browser.
 */
import 'mocha/mocha.js';
import { reportRun } from '../report.js';

export async function run(): Promise<void> {
    mocha.setup({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
    // Loaded after setup, which defines `describe` and `it` for the suite's files.
    await import('./suite.js');
    return reportRun(done => mocha.run(done));
}
