/** `fly fmt` as a reviewer's tool: like Prettier's --write and --check, and never loses a byte it should not touch. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fly, tempTree } from './run-fly.js';

const messy = 'flywheel A {\ngoal g\n   cost quality driver d // trailing\n\n\n  g->d->g }\n';
const canonical = 'flywheel A {\n    goal g\n    cost quality driver d // trailing\n\n    g -> d -> g\n}\n';

describe('fly fmt', () => {
    test('rewrites files in the canonical layout and says which', () => {
        const root = tempTree({ 'a.fly': messy, 'b.fly': canonical });
        const run = fly(['fmt'], { cwd: root });
        expect(run.status).toBe(0);
        expect(run.stdout).toBe('formatted a.fly\n');
        expect(run.stderr).toBe('1 file reformatted, 1 file already canonical.\n');
        expect(readFileSync(join(root, 'a.fly'), 'utf8')).toBe(canonical);
        expect(fly(['fmt'], { cwd: root }).stdout).toBe('');
    });

    test('--check lists what would change, exits 1, and writes nothing', () => {
        const root = tempTree({ 'a.fly': messy, 'b.fly': canonical });
        const run = fly(['fmt', '--check', '.'], { cwd: root });
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('would reformat a.fly\n');
        expect(readFileSync(join(root, 'a.fly'), 'utf8')).toBe(messy);
        expect(fly(['fmt', '--check', 'b.fly'], { cwd: root }).status).toBe(0);
    });

    test('a file with a syntax error is reported and left byte-for-byte unchanged, exit 1', () => {
        const broken = 'flywheel A {\n  goal g\n  driver }\n';
        const root = tempTree({ 'broken.fly': broken, 'a.fly': messy });
        const run = fly(['fmt'], { cwd: root });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain('broken.fly:3:10: error: ');
        expect(run.stderr).toContain('[syntax-error] (left unformatted)');
        expect(readFileSync(join(root, 'broken.fly'), 'utf8')).toBe(broken);
        expect(readFileSync(join(root, 'a.fly'), 'utf8')).toBe(canonical);
    });

    test('CRLF stays CRLF and a byte-order mark stays', () => {
        const root = tempTree({ 'crlf.fly': messy.replace(/\n/g, '\r\n'), 'bom.fly': '\ufeff' + messy });
        expect(fly(['fmt'], { cwd: root }).status).toBe(0);
        expect(readFileSync(join(root, 'crlf.fly'), 'utf8')).toBe(canonical.replace(/\n/g, '\r\n'));
        expect(readFileSync(join(root, 'bom.fly'), 'utf8')).toBe('\ufeff' + canonical);
    });

    test('bad input is one line and exit code 2', () => {
        const run = fly(['fmt', 'missing.fly'], { cwd: tempTree({}) });
        expect(run.status).toBe(2);
        expect(run.stderr).toBe("fly: cannot read 'missing.fly': no such file or folder\n");
    });
});
