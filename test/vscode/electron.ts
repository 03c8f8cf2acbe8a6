/** The desktop launcher: @vscode/test-electron downloads VS Code and runs the same suite. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import type { SuiteResult } from './code-server.ts';

/** True when a VS Code build can be had (cached or downloaded) within a short time. */
export async function canDownloadVsCode(): Promise<boolean> {
    const timeout = new Promise<false>(done => setTimeout(() => done(false), 30_000).unref());
    const download = downloadAndUnzipVSCode().then(() => true, () => false);
    return Promise.race([download, timeout]);
}

export async function runInDesktopVsCode(repo: string, testsPath: string): Promise<SuiteResult> {
    const workspace = mkdtempSync(join(tmpdir(), 'flywheel-workspace-'));
    // The suite writes its result into the workspace (see launcherFile in suite/helpers.ts).
    const resultFile = join(workspace, '.flywheel-test', 'result.json');
    try {
        await runTests({
            extensionDevelopmentPath: repo,
            extensionTestsPath: testsPath,
            launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust']
        });
    } catch {
        // A failing suite rejects; its result file says what failed.
    }
    return JSON.parse(readFileSync(resultFile, 'utf8')) as SuiteResult;
}
