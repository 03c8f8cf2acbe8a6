/** `flywheel diff OLD NEW --format svg|png`: the visual diff from the built command, one drawing per changed flywheel. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runFlywheel, tempTree } from './run-flywheel.js';
import { SHOP } from '../support/fixtures.js';

const CHANGED = SHOP.replace('"Buyers"', '"Customers"');
const TWO = (a: string, b: string) => `${a}\n${b.replace(/Shop/g, 'Store')}`;

describe('flywheel diff --format svg', () => {
    test('one flywheel changed: its drawing on standard output, the change marked', () => {
        const root = tempTree({ 'old.fly': SHOP, 'new.fly': CHANGED });
        const run = runFlywheel(['diff', 'old.fly', 'new.fly', '--format', 'svg'], { cwd: root });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/^<svg [^>]*data-flywheel="Shop"/);
        expect(run.stdout).toMatch(/<g [^>]*data-node="buyers"[^>]*data-change="changed"/);
        expect(run.stdout).toContain('was “Buyers”');
        // A standalone drawing: its colours written in, no custom property left for a viewer to resolve.
        expect(run.stdout).not.toContain('var(--fw-');
    });

    test('-o: written there; several changed flywheels get OUT-Name each, an unchanged one none', () => {
        const root = tempTree({ 'old.fly': TWO(SHOP, SHOP) + SHOP.replace(/Shop/g, 'Same'), 'new.fly': TWO(CHANGED, CHANGED) + SHOP.replace(/Shop/g, 'Same') });
        const run = runFlywheel(['diff', 'old.fly', 'new.fly', '--format', 'svg', '-o', 'out.svg'], { cwd: root });
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe('wrote out-Shop.svg\nwrote out-Store.svg\n');
        expect(readFileSync(join(root, 'out-Store.svg'), 'utf8')).toContain('data-change="changed"');
    });

    test('several changed flywheels and no -o: one line saying to give -o, exit 2', () => {
        const root = tempTree({ 'old.fly': TWO(SHOP, SHOP), 'new.fly': TWO(CHANGED, CHANGED) });
        const run = runFlywheel(['diff', 'old.fly', 'new.fly', '--format', 'svg'], { cwd: root });
        expect(run).toMatchObject({ status: 2, stdout: '' });
        expect(run.stderr).toBe('flywheel: 2 flywheels changed and standard output takes one drawing: give -o OUT (each is written to OUT-Name.svg)\n');
    });

    test('nothing changed in meaning: the plain drawing, no mark', () => {
        const root = tempTree({ 'old.fly': SHOP, 'new.fly': SHOP.replace(/\n\s*\n/g, '\n').replace(/ -> /g, '->') });
        const diff = runFlywheel(['diff', 'old.fly', 'new.fly', '--format', 'svg'], { cwd: root });
        const render = runFlywheel(['render', 'new.fly', '-o', '-'], { cwd: root });
        expect(diff.status).toBe(0);
        expect(diff.stdout).not.toContain('data-change');
        expect(diff.stdout).toBe(render.stdout);
    });

    test('a deleted file (NEW is /dev/null): the old wheel, every node and link ghosted as removed', () => {
        const root = tempTree({ 'old.fly': SHOP });
        const run = runFlywheel(['diff', 'old.fly', '/dev/null', '--format', 'svg'], { cwd: root });
        expect(run.status).toBe(0);
        const nodes = [...run.stdout.matchAll(/<g [^>]*data-node="(\w+)"[^>]*>/g)];
        expect(nodes.length).toBeGreaterThan(2);
        for (const [group] of nodes) expect(group).toContain('data-change="removed"');
    });

    test('--format png, or -o with a .png file alone: a PNG file', () => {
        const root = tempTree({ 'old.fly': SHOP, 'new.fly': CHANGED });
        const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
        for (const args of [['--format', 'png', '-o', 'shop.png'], ['-o', 'shop.png']]) {
            const run = runFlywheel(['diff', 'old.fly', 'new.fly', ...args], { cwd: root });
            expect(run).toMatchObject({ status: 0, stdout: 'wrote shop.png\n', stderr: '' });
            expect([...readFileSync(join(root, 'shop.png')).subarray(0, 8)]).toEqual(png);
        }
    });

    test('a version that does not parse cannot be drawn: its syntax errors, exit 1', () => {
        const root = tempTree({ 'old.fly': SHOP, 'new.fly': 'flywheel Shop {\n    goal\n}\n' });
        const run = runFlywheel(['diff', 'old.fly', 'new.fly', '--format', 'svg'], { cwd: root });
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^new\.fly:2:5: error: .*\[syntax-error\]\nflywheel: 'new\.fly' does not parse, so what changed cannot be drawn\n$/);
    });

    test('bad usage: --git draws nothing, -o and --theme need a drawing format, -o must match the format', () => {
        const root = tempTree({ 'old.fly': SHOP, 'new.fly': CHANGED });
        const usage = (...args: string[]) => runFlywheel(['diff', 'old.fly', 'new.fly', ...args], { cwd: root });
        expect(usage('--format', 'markdown', '-o', 'x.svg')).toMatchObject({ status: 2, stderr: 'flywheel: -o is for the drawings: add --format svg or --format png\n' });
        expect(usage('-o', 'x.txt')).toMatchObject({ status: 2, stderr: "flywheel: cannot tell what to write to 'x.txt': -o takes a .svg or .png file (or - for standard output)\n" });
        expect(usage('--theme', 'dark')).toMatchObject({ status: 2, stderr: 'flywheel: --theme is for the drawings: add --format svg or --format png\n' });
        expect(usage('--format', 'svg', '-o', 'x.png')).toMatchObject({ status: 2, stderr: "flywheel: --format svg does not match 'x.png': use a .svg file, or leave --format out\n" });
        expect(usage('--format', 'gif').stderr).toBe("flywheel: unknown format 'gif' for --format (expected text, markdown, json, svg or png)\n");
        const git = runFlywheel(['diff', '--git', '--format', 'svg', 'f.fly', 'old.fly', '0', '100644', 'new.fly', '0', '100644'], { cwd: root });
        expect(git).toMatchObject({ status: 2, stderr: 'flywheel: --git prints words for git diff; to draw, run flywheel diff OLD NEW --format svg\n' });
    });
});
