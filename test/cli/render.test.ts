/** `flywheel render`: the preview's drawing as files, with the contract's exit codes. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { runFlywheel, tempTree } from './run-flywheel.js';

const wheel = (name: string) => `flywheel ${name} "The ${name} wheel" {
    goal g "Growth"
    cost driver c "Lower cost"
    quality driver q "Quality"
    g -> c -> q -> g
}
`;

describe('flywheel render', () => {
    test('writes FILE.svg beside the file: well-formed, with the flywheel\'s label', () => {
        const root = tempTree({ 'w.fly': wheel('W') });
        const run = runFlywheel(['render', 'w.fly'], { cwd: root });
        expect(run).toMatchObject({ status: 0, stdout: 'wrote w.svg\n', stderr: '' });
        const svg = readFileSync(join(root, 'w.svg'), 'utf8');
        expect(XMLValidator.validate(svg)).toBe(true);
        expect(svg).toContain('The W wheel');
    });

    test('-o - writes the SVG to standard output, --theme dark uses the dark colours', () => {
        const root = tempTree({ 'w.fly': wheel('W') });
        const run = runFlywheel(['render', 'w.fly', '-o', '-', '--theme', 'dark'], { cwd: root });
        expect(run.status).toBe(0);
        expect(run.stdout.startsWith('<svg')).toBe(true);
        expect(run.stdout).toContain('theme-dark');
    });

    test('a PNG at 2× for slides', () => {
        const root = tempTree({ 'w.fly': wheel('W') });
        expect(runFlywheel(['render', 'w.fly', '-o', 'w.png'], { cwd: root }).status).toBe(0);
        const svgWidth = Number(/width="(\d+)"/.exec(runFlywheel(['render', 'w.fly', '-o', '-'], { cwd: root }).stdout)![1]);
        const png = readFileSync(join(root, 'w.png'));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(png.readUInt32BE(16)).toBe(2 * svgWidth);
    });

    test('a file with several flywheels renders each, or the one --flywheel names', () => {
        const root = tempTree({ 'two.fly': wheel('A') + wheel('B') });
        const run = runFlywheel(['render', 'two.fly'], { cwd: root });
        expect(run.stdout).toBe('wrote two-A.svg\nwrote two-B.svg\n');
        const only = tempTree({ 'two.fly': wheel('A') + wheel('B') });
        expect(runFlywheel(['render', 'two.fly', '--flywheel', 'B'], { cwd: only }).stdout).toBe('wrote two.svg\n');
        expect(readFileSync(join(only, 'two.svg'), 'utf8')).toContain('The B wheel');
        expect(runFlywheel(['render', 'two.fly', '--flywheel', 'C'], { cwd: only })).toMatchObject({ status: 2, stderr: "flywheel: 'two.fly' has no flywheel named 'C'\n" });
    });

    test('a file that does not parse exits 1 and writes nothing', () => {
        const root = tempTree({ 'bad.fly': 'flywheel W {\n    goal\n}\n' });
        const run = runFlywheel(['render', 'bad.fly'], { cwd: root });
        expect(run.status).toBe(1);
        // The mistake is the name missing after `goal`, not the `}` the parser met next.
        expect(run.stderr).toContain('bad.fly:2:5: error: `goal` needs a name');
        expect(existsSync(join(root, 'bad.svg'))).toBe(false);
    });

    test('refuses to write over a .fly file', () => {
        const root = tempTree({ 'w.fly': wheel('W'), 'other.fly': wheel('O') });
        const run = runFlywheel(['render', 'w.fly', '-o', 'other.fly'], { cwd: root });
        expect(run).toMatchObject({ status: 2, stderr: "flywheel: refusing to write the drawing over 'other.fly', a .fly file\n" });
        expect(readFileSync(join(root, 'other.fly'), 'utf8')).toBe(wheel('O'));
    });

    test('bad usage is one line and exit 2', () => {
        const root = tempTree({ 'w.fly': wheel('W') });
        expect(runFlywheel(['render', 'w.fly', '--theme', 'neon'], { cwd: root })).toMatchObject({ status: 2, stderr: "flywheel: unknown value 'neon' for --theme (expected light or dark)\n" });
        expect(runFlywheel(['render'], { cwd: root })).toMatchObject({ status: 2, stderr: 'flywheel: render takes one .fly or Markdown file (see flywheel --help)\n' });
    });

    test('an output extension that is neither .svg nor .png, or that --format contradicts, is a usage error; nothing is written', () => {
        const root = tempTree({ 'w.fly': wheel('W') });
        expect(runFlywheel(['render', 'w.fly', '-o', 'w.pdf'], { cwd: root })).toMatchObject({
            status: 2, stdout: '', stderr: "flywheel: cannot tell what to write to 'w.pdf': -o takes a .svg or .png file (or - for standard output)\n"
        });
        expect(runFlywheel(['render', 'w.fly', '-o', 'w.svg', '--format', 'png'], { cwd: root })).toMatchObject({
            status: 2, stderr: "flywheel: --format png does not match 'w.svg': use a .png file, or leave --format out\n"
        });
        expect(readdirSync(root)).toEqual(['w.fly']);
    });

    test('an upper-case .PNG gets a PNG', () => {
        const root = tempTree({ 'w.fly': wheel('W') });
        expect(runFlywheel(['render', 'w.fly', '-o', 'W.PNG'], { cwd: root }).status).toBe(0);
        expect(readFileSync(join(root, 'W.PNG')).subarray(1, 4).toString()).toBe('PNG');
    });

    test('a missing output folder is one line, exit 2', () => {
        const root = tempTree({ 'w.fly': wheel('W') });
        expect(runFlywheel(['render', 'w.fly', '-o', 'missing/dir/w.svg'], { cwd: root })).toMatchObject({
            status: 2, stdout: '', stderr: "flywheel: cannot write 'missing/dir/w.svg': there is no folder 'missing/dir'\n"
        });
    });

    test('two flywheels that would write the same file get distinct names: nothing is drawn over', () => {
        const root = tempTree({ 'two.fly': wheel('A') + wheel('A').replace('The A wheel', 'The second A') + wheel('a') });
        const run = runFlywheel(['render', 'two.fly'], { cwd: root });
        expect(run).toMatchObject({ status: 0, stdout: 'wrote two-A.svg\nwrote two-A-2.svg\nwrote two-a-3.svg\n' });
        expect(readFileSync(join(root, 'two-A.svg'), 'utf8')).toContain('The A wheel');
        expect(readFileSync(join(root, 'two-A-2.svg'), 'utf8')).toContain('The second A');
    });

    test('several flywheels to standard output is a usage error: it takes one drawing', () => {
        const root = tempTree({ 'two.fly': wheel('A') + wheel('B') });
        expect(runFlywheel(['render', 'two.fly', '-o', '-'], { cwd: root })).toMatchObject({
            status: 2, stdout: '', stderr: "flywheel: 'two.fly' holds 2 flywheels and standard output takes one drawing: pick one with --flywheel NAME\n"
        });
    });
});
