/**
 * The npm package, installed from its packed tarball into another team's repository
 * (`npm install --save-dev flywheel-0.1.0.tgz`, what `npm install --save-dev flywheel` does from the
 * registry): every command works from there, through `npx` and through git, and the install
 * brings no Node.js of its own and stays small.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { SHOP } from '../support/fixtures.js';
import { adopterRepository, folderSize, measured, npmInstall, PROJECT, run, runOk, systemNode } from './adopter.js';

const MANIFEST = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8'));
const EXAMPLE = readFileSync(join(PROJECT, 'examples/amazon.fly'), 'utf8');
const BROKEN = readFileSync(join(PROJECT, 'examples/broken/broken-loop.fly'), 'utf8');

let tarball: string;
let repo: string;

beforeAll(() => {
    // The bundle was just built by the suite's global setup, so `prepare` need not run again.
    const destination = mkdtempSync(join(tmpdir(), 'flywheel-pack-'));
    const [{ filename }] = JSON.parse(runOk(PROJECT, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination]).stdout);
    tarball = join(destination, filename);
    repo = adopterRepository({ 'amazon.fly': EXAMPLE, 'shop.fly': SHOP });
    const seconds = npmInstall(repo, tarball);
    measured('the packed tarball', seconds, folderSize(join(repo, 'node_modules')));
}, 180_000);

/** The installed command, as `npx flywheel` finds it (npx itself costs seconds a run, so only the README's own lines use it). */
const flywheel = (...args: string[]) => run(repo, join(repo, 'node_modules/.bin/flywheel'), args);
const npx = (...args: string[]) => run(repo, 'npx', ['--no-install', ...args]);

describe('installed from the packed tarball', () => {
    test('it is saved as a dev dependency named `flywheel`, and brings no Node.js: `npx node` is still the shell\'s', () => {
        expect(MANIFEST.name).toBe('flywheel');
        expect(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).devDependencies).toHaveProperty('flywheel');
        expect(existsSync(join(repo, 'node_modules/.bin/flywheel'))).toBe(true);
        expect(existsSync(join(repo, 'node_modules/.bin/node'))).toBe(false);
        expect(npx('node', '--version').stdout.trim()).toBe(process.version);
    });

    test('node_modules stays under 40 MB', () => {
        expect(folderSize(join(repo, 'node_modules'))).toBeLessThan(40e6);
    });

    test('the package holds what runs and the docs it names, nothing else', () => {
        const files = runOk(repo, 'tar', ['-tzf', tarball]).stdout.trim().split('\n').sort();
        expect(files.filter(f => !f.startsWith('package/out/cli-chunks/'))).toEqual([
            'package/CHANGELOG.md', 'package/LICENSE', 'package/README.md', 'package/bin/flywheel.mjs',
            'package/docs/language.md', 'package/out/cli.mjs', 'package/package.json'
        ]);
        expect(files.filter(f => f.endsWith('.map'))).toEqual([]);
        expect(Object.keys(MANIFEST.dependencies)).toEqual(['@resvg/resvg-js']);
        expect(MANIFEST.optionalDependencies).toBeUndefined();
    });

    test('`flywheel --version` and `--help`, which points at the language reference it ships', () => {
        expect(flywheel('--version').stdout).toBe(`${MANIFEST.version}\n`);
        const help = flywheel('--help').stdout;
        const reference = join(repo, 'node_modules/flywheel/docs/language.md');
        expect(help).toContain(reference);
        expect(readFileSync(reference, 'utf8')).toMatch(/^# The `\.fly` language/);
    });

    test('`flywheel check`: a clean file passes, a broken one fails with its diagnostics', () => {
        expect(npx('flywheel', 'check')).toEqual({ status: 0, stdout: '✓ 2 files checked: no problems.\n', stderr: '' });
        writeFileSync(join(repo, 'broken.fly'), BROKEN);
        try {
            const broken = flywheel('check', 'broken.fly');
            expect(broken.status).toBe(1);
            expect(broken.stdout).toMatch(/^broken\.fly:\d+:12: error: 'press' is on no loop/m);
        } finally {
            runOk(repo, 'rm', ['broken.fly']);
        }
    });

    test('`flywheel render --format png` draws with resvg', () => {
        const rendered = flywheel('render', 'amazon.fly', '--format', 'png', '-o', 'amazon.png');
        expect(rendered).toEqual({ status: 0, stdout: 'wrote amazon.png\n', stderr: '' });
        const png = readFileSync(join(repo, 'amazon.png'));
        expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect(png.readUInt32BE(16)).toBeGreaterThan(400);
    });

    test('`flywheel fmt` rewrites a file into the canonical layout', () => {
        writeFileSync(join(repo, 'messy.fly'), 'flywheel M { goal g\ncost quality driver d\ng->d->g }\n');
        expect(flywheel('fmt', 'messy.fly').status).toBe(0);
        expect(readFileSync(join(repo, 'messy.fly'), 'utf8')).toBe('flywheel M {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}\n');
    });

    test('`flywheel diff` says what changed in meaning', () => {
        writeFileSync(join(repo, 'shop-v2.fly'), SHOP.replace('"Buyers"', '"Customers"'));
        const diff = flywheel('diff', 'shop.fly', 'shop-v2.fly');
        expect(diff.status).toBe(0);
        expect(diff.stdout).toContain('- Driver relabelled: buyers “Buyers” → “Customers”\n');
    });

    test('the git diff driver, set up as the README says, shows meaning in `git diff`', () => {
        writeFileSync(join(repo, '.gitattributes'), '*.fly diff=flywheel\n');
        runOk(repo, 'git', ['config', 'diff.flywheel.command', 'npx flywheel diff --git']);
        runOk(repo, 'git', ['add', 'shop.fly', '.gitattributes']);
        runOk(repo, 'git', ['commit', '-q', '-m', 'a wheel']);
        writeFileSync(join(repo, 'shop.fly'), SHOP.replace('buyers -> price', 'buyers -| price'));
        const diff = run(repo, 'git', ['diff']);
        expect(diff.stderr).toBe('');
        expect(diff.stdout).toContain('shop.fly: 3 changes in meaning\n');
        expect(diff.stdout).toContain('- Link changed: buyers -> price is now buyers -| price (reinforcing → dampening)\n');
    });

    test('on a Node.js older than the package supports, one line says which is needed', () => {
        const node = systemNode();
        const version = runOk(repo, node, ['--version']).stdout.trim().slice(1);
        const minimum = /\d+(\.\d+)*/.exec(MANIFEST.engines.node)![0];
        expect(Number(version.split('.')[0])).toBeLessThan(Number(minimum.split('.')[0]));
        expect(run(repo, node, ['node_modules/.bin/flywheel', 'check'])).toEqual({
            status: 2, stdout: '', stderr: `flywheel: needs Node.js ${minimum} or newer (this is Node.js ${version})\n`
        });
    });
});

describe('installed without optional dependencies (npm install --omit=optional)', () => {
    test('PNG export says in one line what is missing; SVG still draws', () => {
        const bare = adopterRepository({ 'amazon.fly': EXAMPLE });
        npmInstall(bare, tarball, '--omit=optional');
        const png = run(bare, 'npx', ['--no-install', 'flywheel', 'render', 'amazon.fly', '--format', 'png']);
        expect(png.status).toBe(2);
        expect(png.stderr).toBe(`flywheel: PNG export needs resvg's native module for ${process.platform}-${process.arch}, which is not installed `
            + '(were optional dependencies skipped?): reinstall flywheel with them, or use --format svg\n');
        expect(existsSync(join(bare, 'amazon.png'))).toBe(false);
        expect(run(bare, 'npx', ['--no-install', 'flywheel', 'render', 'amazon.fly'])).toMatchObject({ status: 0, stdout: 'wrote amazon.svg\n' });
    }, 120_000);
});
