/**
 * The git integration a reviewer turns on in one step (docs/reviewing.md): `*.fly diff=flywheel` in
 * `.gitattributes` and `git config diff.flywheel.command "npx flywheel diff --git"` (plain text). Here with real git on
 * a temporary repository, and `flywheel` as the built bin/flywheel.mjs.
 */
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { tempTree } from './run-flywheel.js';
import { SHOP } from '../support/fixtures.js';

const FLYWHEEL_COMMAND = `'${process.execPath}' '${resolve('bin/flywheel.mjs')}' diff --git`;

let repo: string;

/** git in the temporary repository, with no user or system configuration leaking in. */
function git(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const env = { ...process.env, HOME: repo, XDG_CONFIG_HOME: repo, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', GIT_PAGER: 'cat' };
    const { status, stdout, stderr } = spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    return { status, stdout, stderr };
}

function commitAll(message: string): void {
    expect(git('add', '-A').status).toBe(0);
    expect(git('commit', '-q', '-m', message).status).toBe(0);
}

beforeEach(() => {
    repo = tempTree({ 'shop.fly': SHOP, 'notes.md': 'Notes\n' });
    git('init', '-q');
    git('config', 'user.name', 'Fly Test');
    git('config', 'user.email', 'fly-test@example.com');
    // The one-step setup: the attribute is committed with the repository, the command is each reviewer's.
    writeFileSync(join(repo, '.gitattributes'), '*.fly diff=flywheel\n');
    git('config', 'diff.flywheel.command', FLYWHEEL_COMMAND);
    commitAll('first wheel');
});

describe('git diff with the flywheel driver', () => {
    test('plain text, as a terminal shows it: labels and arrows as written, no Markdown escapes', () => {
        writeFileSync(join(repo, 'shop.fly'), SHOP.replace('driver buyers "Buyers"', 'driver buyers "Buyers <-> *sellers* [b_2]"'));
        const run = git('diff');
        expect(run.stdout).toContain('- Driver relabelled: buyers “Buyers” → “Buyers <-> *sellers* [b_2]”\n');
        expect(run.stdout).not.toMatch(/[\\`#]/);
    });

    test('a changed .fly file shows what changed in meaning, under its path', () => {
        writeFileSync(join(repo, 'shop.fly'), SHOP.replace('buyers -> price', 'buyers -| price'));
        const run = git('diff');
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('shop.fly: 3 changes in meaning\n');
        expect(run.stdout).toContain('- Link changed: buyers -> price is now buyers -| price (reinforcing → dampening)\n');
        expect(run.stdout).toContain('- Loop changed: sales -> reviews -> buyers -| price -> sales is now balancing (was R2, now B1)\n');
    });

    test('reformatting only: "no change in meaning"; the text diff is still there with --no-ext-diff', () => {
        writeFileSync(join(repo, 'shop.fly'), SHOP.replace(/ -> /g, '->').replace('    goal', '  // the goal\n    goal'));
        expect(git('diff').stdout).toBe('shop.fly: no change in meaning\n\n');
        expect(git('diff', '--no-ext-diff').stdout).toContain('+  // the goal\n');
    });

    test('files added, deleted and renamed', () => {
        writeFileSync(join(repo, 'new.fly'), SHOP.replace('Shop', 'Store'));
        git('add', 'new.fly');
        expect(git('diff', '--cached').stdout).toMatch(/^new\.fly: new file\n/);
        commitAll('second wheel');

        rmSync(join(repo, 'new.fly'));
        expect(git('diff').stdout).toMatch(/^new\.fly: deleted\n/);
        git('checkout', '--', 'new.fly');

        renameSync(join(repo, 'shop.fly'), join(repo, 'store.fly'));
        git('add', '-A');
        expect(git('diff', '--cached', '-M').stdout).toBe('shop.fly → store.fly: no change in meaning\n\n');
    });

    test('history: git log -p --ext-diff shows each commit in meaning; other files keep the text diff', () => {
        writeFileSync(join(repo, 'shop.fly'), SHOP.replace('driver buyers "Buyers"', 'driver buyers "Customers"'));
        writeFileSync(join(repo, 'notes.md'), 'Notes\nMore\n');
        commitAll('relabel buyers');
        const log = git('log', '-p', '--ext-diff', '-1');
        expect(log.stdout).toContain('- Driver relabelled: buyers “Buyers” → “Customers”\n');
        expect(log.stdout).toContain('+More\n');
    });

    test('without the attribute, git keeps its plain text diff', () => {
        writeFileSync(join(repo, '.gitattributes'), '');
        commitAll('no attribute');
        writeFileSync(join(repo, 'shop.fly'), SHOP.replace('"Sales"', '"Revenue"'));
        expect(git('diff').stdout).toContain('-    goal sales "Sales"\n+    goal sales "Revenue"\n');
    });
});
