/**
 * `flywheel check` loads only what it uses: none of the LSP protocol library (the CLI never speaks
 * LSP), not the parts of Node's fs that an ES-module import of `node:fs` would load (its
 * streams and promises), and no stream objects to write its report to a pipe or a file. How long
 * start-up takes is for `npm run bench` to say, not this test.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempTree } from './run-flywheel.js';

const clean = 'flywheel W {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}\n';

/** The bundled files `flywheel check` can load: the check command's chunk and everything it imports. */
function checkPathFiles(): string[] {
    const entry = resolve('out/cli.mjs');
    const check = /import\("(\.\/cli-chunks\/check-[^"]+)"\)/.exec(readFileSync(entry, 'utf8'))?.[1];
    expect(check, 'the check command is a chunk of its own').toBeDefined();
    const seen = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const [, path] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+\.mjs)"/g)) visit(join(dirname(file), path));
    };
    visit(join(dirname(entry), check!));
    return [...seen];
}

describe('flywheel check at start-up', () => {
    test('loads no code of the LSP protocol library', () => {
        const files = checkPathFiles();
        expect(files.length).toBeGreaterThan(1);
        // Method names every copy of the protocol library holds; no Flywheel code mentions them.
        for (const file of files) {
            const code = readFileSync(file, 'utf8');
            expect(code, file).not.toContain('textDocument/publishDiagnostics');
            expect(code, file).not.toContain('workspace/didChangeWatchedFiles');
        }
    });

    test('loads neither the streams nor the promises of node:fs', () => {
        const loaded = builtinsLoadedBy(['check', 'clean.fly'], { 'clean.fly': clean }).modules;
        expect(loaded).toContain('NativeModule fs');
        expect(loaded).not.toContain('NativeModule internal/fs/streams');
        expect(loaded).not.toContain('NativeModule internal/fs/promises');
    });

    test('writes its report to a pipe without loading Node\'s streams', () => {
        const { stdout, modules } = builtinsLoadedBy(['check', 'clean.fly'], { 'clean.fly': clean });
        expect(stdout).toBe('✓ 1 file checked: no problems.\n');
        expect(modules).not.toContain('NativeModule stream');
        expect(modules).not.toContain('NativeModule net');
    });

    test('writes findings to a file, and notes to standard error, without loading Node\'s streams', () => {
        const root = tempTree({ 'broken.fly': 'flywheel W {\n    goal g\n    g -> nowhere\n}\n', 'flywheel.config.json': '{ "ignore": ["skipped.fly"] }', 'skipped.fly': clean });
        const report = join(root, 'report.txt');
        const { modules, status } = builtinsLoadedBy(['check', 'broken.fly', 'skipped.fly'], {}, root, report);
        expect(status).toBe(1);
        expect(readFileSync(report, 'utf8')).toMatch(/^broken\.fly:3:10: error: .*nowhere/m);
        expect(modules).not.toContain('NativeModule stream');
    });
});

/**
 * Runs the CLI and reads Node's own list of the built-in modules it loaded as the process exits
 * (written with fs.writeSync: the stream process.stderr would load what the list is about).
 * Standard output goes to a pipe, or to the file `stdoutFile`.
 */
function builtinsLoadedBy(args: string[], files: Record<string, string>, root = tempTree(files), stdoutFile?: string) {
    const listFile = join(root, 'loaded.json');
    const report = `process.on('exit', () => process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(listFile)}, JSON.stringify(process.moduleLoadList)))`;
    const command = [process.execPath, '--import', `data:text/javascript,${encodeURIComponent(report)}`, resolve('bin/flywheel.mjs'), ...args];
    const stdout = stdoutFile === undefined ? 'pipe' : openSync(stdoutFile, 'w');
    const run = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8', stdio: ['ignore', stdout, 'pipe'] });
    if (typeof stdout === 'number') closeSync(stdout);
    return { stdout: run.stdout, stderr: run.stderr, status: run.status, modules: JSON.parse(readFileSync(listFile, 'utf8')) as string[] };
}
