// The CLI tests spawn the built `flywheel`: bundle the current sources first, so they never test a stale build.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
    execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
}
