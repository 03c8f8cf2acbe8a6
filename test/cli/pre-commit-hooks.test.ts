/**
 * .pre-commit-hooks.yaml: each hook's entry runs as pre-commit runs it — the entry, then the
 * staged files that match `files` — here with `npx` finding the built `flywheel` in a
 * node_modules/.bin, as it does in a repository that has flywheel-lang installed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempTree } from './run-flywheel.js';

interface Hook { id: string; entry: string; language: string; files: string }

/** The hooks of this file's flat shape (a list of maps of plain scalars); fails if the file leaves it. */
function readHooks(yaml: string): Hook[] {
    const hooks: Array<Record<string, string>> = [];
    for (const line of yaml.split('\n')) {
        if (line.startsWith('#') || line.trim() === '') continue;
        const match = /^(- | {2})(\w+): (.*)$/.exec(line);
        if (!match) throw new Error(`unexpected line in .pre-commit-hooks.yaml: ${line}`);
        if (match[1] === '- ') hooks.push({});
        hooks[hooks.length - 1][match[2]] = match[3];
    }
    return hooks as unknown as Hook[];
}

const HOOKS = readHooks(readFileSync('.pre-commit-hooks.yaml', 'utf8'));

function runHook(id: string, repo: string, files: string[]) {
    const hook = HOOKS.find(h => h.id === id)!;
    const matching = files.filter(file => new RegExp(hook.files).test(file));
    const env = { ...process.env, PATH: `${join(repo, 'node_modules/.bin')}${delimiter}${dirname(process.execPath)}${delimiter}${process.env.PATH}`, NO_COLOR: '1', npm_config_yes: 'false' };
    return spawnSync('bash', ['-c', `${hook.entry} "$@"`, hook.id, ...matching], { cwd: repo, env, encoding: 'utf8' });
}

function repository(files: Record<string, string>): string {
    const repo = tempTree(files);
    mkdirSync(join(repo, 'node_modules/.bin'), { recursive: true });
    writeFileSync(join(repo, 'node_modules/.bin/flywheel'), `#!/bin/sh\nexec '${process.execPath}' '${resolve('bin/flywheel.mjs')}' "$@"\n`);
    chmodSync(join(repo, 'node_modules/.bin/flywheel'), 0o755);
    return repo;
}

describe('.pre-commit-hooks.yaml', () => {
    test('offers flywheel check and flywheel fmt on .fly files, from the repository\'s own install', () => {
        expect(HOOKS.map(h => [h.id, h.entry, h.language, h.files])).toEqual([
            ['flywheel-check', 'npx --no-install flywheel check', 'system', '\\.fly$'],
            ['flywheel-fmt', 'npx --no-install flywheel fmt', 'system', '\\.fly$']
        ]);
    });

    test('flywheel-check fails the commit on an error in a staged file, and passes a clean one', () => {
        const repo = repository({ 'bad.fly': 'flywheel W {\n    goal g\n    driver }\n', 'good.fly': 'flywheel W {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}\n', 'notes.md': '#' });
        const failing = runHook('flywheel-check', repo, ['bad.fly', 'good.fly', 'notes.md']);
        expect(failing.status).toBe(1);
        expect(failing.stdout).toContain('bad.fly:3:12: error:');
        expect(runHook('flywheel-check', repo, ['good.fly', 'notes.md'])).toMatchObject({ status: 0, stdout: '✓ 1 file checked: no problems.\n' });
    });

    test('flywheel-fmt rewrites a staged file in the canonical layout', () => {
        const repo = repository({ 'a.fly': 'flywheel A {\ngoal g\n  cost quality driver d\n g->d->g }\n' });
        expect(runHook('flywheel-fmt', repo, ['a.fly']).status).toBe(0);
        expect(readFileSync(join(repo, 'a.fly'), 'utf8')).toBe('flywheel A {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}\n');
    });
});
