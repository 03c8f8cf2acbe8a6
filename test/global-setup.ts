// The CLI tests spawn the built `flywheel`: bundle the current sources first, so they never test a stale build.
// Everything the tests and what they start (the CLI and its compile cache, language servers,
// Chromium) put in the temporary folder goes into one folder of this run, removed at the end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
    execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
    const scratch = mkdtempSync(join(tmpdir(), 'flywheel-tests-'));
    process.env.TMPDIR = scratch;
    return () => rmSync(scratch, { recursive: true, force: true });
}
