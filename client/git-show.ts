/**
 * A file's text at a git revision, from `git show REV:./NAME` run in the file's folder: what the
 * desktop extension falls back on where VS Code's git extension is disabled or missing.
 */
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import type * as vscode from 'vscode';

export function gitShow(file: vscode.Uri, revision: string): Promise<string | undefined> {
    if (file.scheme !== 'file') return Promise.reject(new Error(`${file.scheme}: files are not in a git repository on this disk`));
    return new Promise((resolve, reject) => {
        execFile('git', ['show', `${revision}:./${basename(file.fsPath)}`], { cwd: dirname(file.fsPath), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (!error) return resolve(stdout);
            // The revision exists but the file is not in it: it is new since then.
            if (/exists on disk, but not in|does not exist in/.test(stderr)) return resolve(undefined);
            reject(new Error(stderr.trim().split('\n')[0] || error.message));
        });
    });
}
