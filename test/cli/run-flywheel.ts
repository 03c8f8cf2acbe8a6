/** Runs the built `flywheel` command in a child process, as a user or CI would. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const FLYWHEEL = resolve('bin/flywheel.mjs');

export interface FlywheelRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

export function runFlywheel(args: string[], options: { cwd?: string; input?: string } = {}): FlywheelRun {
    const { status, stdout, stderr } = spawnSync(process.execPath, [FLYWHEEL, ...args], {
        cwd: options.cwd, input: options.input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FLYWHEEL_DEBUG: '' }
    });
    return { status, stdout, stderr };
}

/** A temporary folder holding the given files (paths relative to it; string or raw bytes). */
export function tempTree(files: Record<string, string | Uint8Array>): string {
    const root = mkdtempSync(join(tmpdir(), 'flywheel-test-'));
    for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), content);
    }
    return root;
}
