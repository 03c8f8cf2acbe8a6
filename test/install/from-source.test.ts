/**
 * The two ways from this repository's source to a user (`npm run test:install`, in `.ci/run`: each
 * installs every dev dependency once, which takes a minute or two):
 * - the release workflow's build steps, run as GitHub would run them in a fresh clone, make the
 *   .vsix and the npm tarball it attaches to the release;
 * - `npm install git+…` of the repository builds the command through `prepare` and installs it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { adopterRepository, folderSize, measured, npmInstall, PROJECT, run, runOk } from './adopter.js';

interface Step {
    name: string;
    uses?: string;
    if?: string;
    run?: string;
    env?: Record<string, string>;
    with?: Record<string, string>;
}

interface Workflow {
    on: { push: { tags: string[] } };
    permissions: Record<string, string>;
    jobs: { release: { env: Record<string, string>; steps: Step[] } };
}

const WORKFLOW = yaml.load(readFileSync(join(PROJECT, '.github/workflows/release.yml'), 'utf8')) as Workflow;
const { steps: STEPS, env: JOB_ENV } = WORKFLOW.jobs.release;
const { version: VERSION } = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8'));

function step(name: string): Step {
    const found = STEPS.find(s => s.name === name);
    if (!found) throw new Error(`no step named '${name}'`);
    return found;
}

/** A fresh clone of this repository's HEAD, as actions/checkout leaves it. */
let clone: string;
/** GitHub's files for a step: the environment it adds to, and a stand-in `gh` that records its arguments. */
let github: { env: string; bin: string; ghCalls: string };

/** One `run:` step with `shell: bash`, as GitHub runs it, with the variables earlier steps added. */
function runStep(name: string, env: Record<string, string> = {}) {
    const added = Object.fromEntries(readFileSync(github.env, 'utf8').split('\n').filter(Boolean).map(line => line.split(/=(.*)/s).slice(0, 2)));
    const script = step(name).run!;
    const shellPath = [github.bin, dirname(process.execPath), ...(process.env.PATH ?? '').split(delimiter).filter(dir => !dir.startsWith(PROJECT))].join(delimiter);
    const result = run(clone, 'bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { path: shellPath, env: { GITHUB_ENV: github.env, GITHUB_REF_NAME: `v${VERSION}`, ...added, ...env } });
    return result;
}

beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'flywheel-clone-'));
    execFileSync('git', ['clone', '-q', PROJECT, clone]);
    const bin = mkdtempSync(join(tmpdir(), 'flywheel-gh-'));
    github = { env: join(bin, 'github-env'), bin, ghCalls: join(bin, 'gh-calls') };
    writeFileSync(github.env, '');
    writeFileSync(join(bin, 'gh'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${github.ghCalls}'\n`);
    chmodSync(join(bin, 'gh'), 0o755);
}, 60_000);

describe('.github/workflows/release.yml', () => {
    test('runs on version tags, may create releases, and keeps every token in a secret', () => {
        expect(WORKFLOW.on.push.tags).toEqual(['v*']);
        expect(WORKFLOW.permissions).toMatchObject({ contents: 'write', 'id-token': 'write' });
        expect(JOB_ENV).toEqual({ VSCE_PAT: '${{ secrets.VSCE_PAT }}', OVSX_PAT: '${{ secrets.OVSX_PAT }}', NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
        expect(STEPS.map(s => s.name)).toEqual([
            'Check out', 'Set up Node.js', 'Install', 'Test', "The tag names the package's version",
            'Build the extension and the npm package', 'Attach both to a GitHub release',
            'Publish to the Visual Studio Marketplace', 'Publish to Open VSX', 'Publish to npm'
        ]);
    });

    test('each publishing step runs only when its token is configured, and publishes the files it built', () => {
        for (const [name, token, file] of [
            ['Publish to the Visual Studio Marketplace', 'VSCE_PAT', 'out/flywheel.vsix'],
            ['Publish to Open VSX', 'OVSX_PAT', 'out/flywheel.vsix'],
            ['Publish to npm', 'NPM_TOKEN', 'out/flywheel-$VERSION.tgz']
        ]) {
            expect(step(name).if).toBe(`\${{ env.${token} != '' }}`);
            expect(step(name).run).toContain(file);
        }
    });

    test('a tag that does not match the version stops the release with one annotation', () => {
        const wrong = runStep("The tag names the package's version", { GITHUB_REF_NAME: 'v9.9.9' });
        expect(wrong.status).toBe(1);
        expect(wrong.stdout).toBe(`::error::tag v9.9.9 does not match package.json's version ${VERSION}\n`);
    });

    test('its build steps, in a fresh clone: the .vsix and the npm tarball, each with only what runs', () => {
        const started = performance.now();
        for (const name of ['Install', "The tag names the package's version", 'Build the extension and the npm package']) {
            const result = runStep(name);
            expect(result.status, `${name}:\n${result.stdout}\n${result.stderr}`).toBe(0);
        }
        console.log(`measured: the release build (npm ci, npm run vsix, npm pack) in a fresh clone: ${((performance.now() - started) / 1000).toFixed(1)} s`);

        const vsix = join(clone, 'out/flywheel.vsix');
        const inVsix = runOk(clone, 'unzip', ['-Z1', vsix]).stdout.trim().split('\n').sort();
        expect(inVsix).toEqual([
            '[Content_Types].xml', 'extension.vsixmanifest', 'extension/LICENSE.txt', 'extension/changelog.md',
            'extension/language-configuration.json', 'extension/media/icon.png',
            // Both entries: the desktop one (with its language server as a Node process) and the web one (with its server in a Web Worker).
            'extension/out/browser-extension.cjs', 'extension/out/browser-server.js', 'extension/out/extension.cjs',
            // The Markdown preview's style sheet for ```fly blocks.
            'extension/out/markdown/flywheel.css',
            'extension/out/server.cjs', 'extension/out/webview/preview.js', 'extension/package.json', 'extension/readme.md',
            // The config file's JSON schema, which the extension contributes through jsonValidation.
            'extension/schemas/flywheel.config.schema.json', 'extension/snippets/flywheel.json', 'extension/syntaxes/flywheel.tmLanguage.json'
        ]);
        const manifest = JSON.parse(runOk(clone, 'unzip', ['-p', vsix, 'extension/package.json']).stdout);
        expect(manifest).toMatchObject({
            name: 'flywheel', version: VERSION, icon: 'media/icon.png', galleryBanner: { theme: 'dark' },
            main: './out/extension.cjs', browser: './out/browser-extension.cjs'
        });
        // The Marketplace page is the README, its relative links turned into the repository's.
        const readme = runOk(clone, 'unzip', ['-p', vsix, 'extension/readme.md']).stdout;
        expect(readme).toContain('](https://github.com/flywheel-lang/flywheel/blob/HEAD/docs/language.md)');

        const tarball = join(clone, `out/flywheel-${VERSION}.tgz`);
        const inTarball = runOk(clone, 'tar', ['-tzf', tarball]).stdout;
        expect(inTarball).toContain('package/out/cli.mjs\n');
        expect(inTarball).toContain('package/docs/language.md\n');
        expect(inTarball).not.toMatch(/\.map\n|bin\/node\n|node_modules/);
    }, 600_000);

    test('the release gets both files and the CHANGELOG section of its version as notes', () => {
        const attach = runStep('Attach both to a GitHub release');
        expect(attach.status, attach.stderr).toBe(0);
        const args = readFileSync(github.ghCalls, 'utf8').split('\n');
        expect(args.slice(0, 5)).toEqual(['release', 'create', `v${VERSION}`, 'out/flywheel.vsix', `out/flywheel-${VERSION}.tgz`]);
        for (const file of args.slice(3, 5)) expect(existsSync(join(clone, file))).toBe(true);
        const changelog = readFileSync(join(PROJECT, 'CHANGELOG.md'), 'utf8');
        const notes = args.slice(args.indexOf('--notes') + 1).join('\n');
        expect(notes.length).toBeGreaterThan(40);
        expect(changelog).toContain(notes.trim());
    });
});

describe('npm install git+file://… of the repository', () => {
    test('`prepare` builds the command; `flywheel check` runs; no node in .bin', () => {
        const repo = adopterRepository({ 'amazon.fly': readFileSync(join(PROJECT, 'examples/amazon.fly'), 'utf8') });
        const seconds = npmInstall(repo, `git+file://${clone}`);
        measured('npm install git+file:// of a clone', seconds, folderSize(join(repo, 'node_modules')));
        expect(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).devDependencies.flywheel).toMatch(/^git\+file:/);
        expect(run(repo, 'npx', ['--no-install', 'flywheel', 'check'])).toEqual({ status: 0, stdout: '✓ 1 file checked: no problems.\n', stderr: '' });
        expect(existsSync(join(repo, 'node_modules/.bin/node'))).toBe(false);
        expect(folderSize(join(repo, 'node_modules'))).toBeLessThan(40e6);
    }, 600_000);
});
