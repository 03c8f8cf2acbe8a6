/**
 * `flywheel check` loads only what it uses: none of the LSP protocol library (the CLI never speaks
 * LSP), and not the parts of Node's fs that an ES-module import of `node:fs` would load (its
 * streams and promises). How long start-up takes is for `npm run bench` to say, not this test.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
        const root = tempTree({ 'clean.fly': clean });
        // Node's own list of the built-in modules it loaded, read as the process exits.
        const report = "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)))";
        const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, resolve('bin/flywheel.mjs'), 'check', 'clean.fly'], { cwd: root, encoding: 'utf8' });
        expect(run.stdout).toBe('✓ 1 file checked: no problems.\n');
        const loaded = JSON.parse(run.stderr) as string[];
        expect(loaded).toContain('NativeModule fs');
        expect(loaded).not.toContain('NativeModule internal/fs/streams');
        expect(loaded).not.toContain('NativeModule internal/fs/promises');
    });
});
