/**
 * `npm run test:vscode`: runs the VS Code suite in a real VS Code and says where.
 * - code-server + headless Chromium (machines without internet, CI): `--code-server`;
 * - a desktop VS Code downloaded by @vscode/test-electron: `--electron`.
 * Without a flag it uses the desktop VS Code when it can get one and a display, else code-server.
 * `--web` (`npm run test:vscode:web`) runs the suite with the extension in code-server's web
 * worker extension host instead, as vscode.dev and github.dev run it.
 * A suite that did not run is a failure, never a skip.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codeServerEntry, installVsix, runInCodeServer, type SuiteResult } from './code-server.ts';

const repo = resolve(import.meta.dirname, '../..');
const testsPath = resolve(repo, 'out/test/index.cjs');
const webTestsPath = resolve(repo, 'out/test/web-index.cjs');
const vsixPath = resolve(repo, 'out/flywheel.vsix');

async function main(): Promise<number> {
    if (process.argv.includes('--web')) {
        console.log('VS Code suite: running in code-server\'s web worker extension host, with headless Chromium');
        const screenshotsDir = resolve(repo, 'test-results/screenshots/web');
        const run = { extensionDevelopmentPath: repo, extensionTestsPath: webTestsPath, screenshotsDir, host: 'web' as const };
        return report('code-server, web worker extension host', await runInCodeServer(codeServerEntry(), run));
    }
    const launcher = await pickLauncher(process.argv.slice(2));
    console.log(`VS Code suite: running in ${launcher === 'electron' ? 'a desktop VS Code (@vscode/test-electron)' : 'code-server with headless Chromium'}`);
    if (launcher === 'electron') {
        const { runInDesktopVsCode } = await import('./electron.ts');
        return report('desktop VS Code', await runInDesktopVsCode(repo, testsPath));
    }
    const entry = codeServerEntry();
    const screenshotsDir = resolve(repo, 'test-results/screenshots');
    const development = report('code-server', await runInCodeServer(entry, { extensionDevelopmentPath: repo, extensionTestsPath: testsPath, screenshotsDir }));
    return Math.max(development, await checkInstalledPackage(entry));
}

/** Packages the .vsix, installs it into code-server and runs the installed-copy check. */
async function checkInstalledPackage(entry: string): Promise<number> {
    execFileSync('npm', ['run', '--silent', 'vsix'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
    const extensionsDir = installVsix(entry, vsixPath);
    // VS Code runs tests only beside an extension under development: an empty one stands in.
    const stub = mkdtempSync(join(tmpdir(), 'flywheel-stub-'));
    writeFileSync(join(stub, 'package.json'), JSON.stringify({ name: 'stub', publisher: 'test', version: '0.0.0', engines: { vscode: '*' } }));
    const result = await runInCodeServer(entry, {
        extensionDevelopmentPath: stub, extensionTestsPath: testsPath, extensionsDir,
        env: { FLYWHEEL_SUITE: 'installed.cjs', FLYWHEEL_EXTENSIONS_DIR: extensionsDir }
    });
    return report('installed .vsix in code-server', result);
}

async function pickLauncher(args: string[]): Promise<'electron' | 'code-server'> {
    if (args.includes('--code-server')) return 'code-server';
    if (args.includes('--electron')) return 'electron';
    const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY);
    if (!hasDisplay || process.env.CI) return 'code-server';
    const { canDownloadVsCode } = await import('./electron.ts');
    return (await canDownloadVsCode()) ? 'electron' : 'code-server';
}

function report(where: string, result: SuiteResult): number {
    for (const failure of result.failures) console.log(`  ✖ ${failure.title}\n      ${failure.message}`);
    for (const figure of result.measurements ?? []) console.log(`  measured: ${figure}`);
    console.log(`VS Code suite (${where}):`);
    console.log(`vscode: ${result.passed} passed, ${result.failed} failed`);
    if (result.passed + result.failed === 0) {
        console.log('The VS Code suite ran no test: that is a failure.');
        return 1;
    }
    return result.failed > 0 ? 1 : 0;
}

// Whatever the run and what it starts put in the temporary folder (code-server's sockets, the
// browser's profile, the installed copy) goes into one folder, removed at the end.
const scratch = mkdtempSync(join(tmpdir(), 'flywheel-vscode-run-'));
process.env.TMPDIR = scratch;
main().then(code => { process.exitCode = code; }, error => {
    console.error(`VS Code suite could not run: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
}).finally(() => {
    // FLYWHEEL_KEEP_SCRATCH=1 keeps the logs (code-server's, the workbench's console) to read after a failed run.
    if (process.env.FLYWHEEL_KEEP_SCRATCH) console.log(`VS Code suite: logs kept in ${scratch}`);
    else try { rmSync(scratch, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } catch { /* left in the temp folder */ }
});
