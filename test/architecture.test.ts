/**
 * The floors of the source tree (README, "Layout"), and that no import runs back up one:
 * `core/` (pure: no package at all) → `renderer/` (core and pure libraries) → `language/`
 * (Langium and LSP, no Node or VS Code API) → the entry points `server/`, `client/`, `cli/`.
 * Imports are read with TypeScript's own scanner (`preProcessFile`: static, dynamic and type-only imports alike).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/** Lowest first. `client/webview` is a page in a webview: it stands on the renderer, and the extension on it (its message types). */
const FLOORS = ['core', 'renderer', 'language', 'client/webview', 'server', 'client', 'cli'] as const;
type Floor = (typeof FLOORS)[number];

/** What each floor may import from the floors below and from packages. */
const RULES: Record<Floor, { floors: Floor[]; packages: (name: string) => boolean }> = {
    core: { floors: [], packages: () => false },
    renderer: { floors: ['core'], packages: name => !platformOrLanguage(name) },
    language: { floors: ['core', 'renderer'], packages: name => !platform(name) },
    'client/webview': { floors: ['core', 'renderer'], packages: () => false },
    server: { floors: ['core', 'renderer', 'language'], packages: () => true },
    client: { floors: ['core', 'renderer', 'language', 'client/webview'], packages: () => true },
    cli: { floors: ['core', 'renderer', 'language'], packages: () => true }
};

/** An API of one platform: Node's modules, VS Code's, and the Node entries of Langium and the LSP libraries. */
function platform(name: string): boolean {
    const bare = name.replace(/^node:/, '');
    return name.startsWith('node:') || builtinModules.includes(bare.split('/')[0]) || name === 'vscode'
        || name.startsWith('vscode-languageclient') || /\/node(\/|$)/.test(name);
}

function platformOrLanguage(name: string): boolean {
    return platform(name) || name.startsWith('langium') || name.startsWith('vscode-');
}

function floorOf(path: string): Floor | undefined {
    return [...FLOORS].sort((a, b) => b.length - a.length).find(floor => path === floor || path.startsWith(`${floor}/`));
}

interface SourceImports {
    path: string;
    imports: string[];
}

/** Every import that the floor of its file does not allow, as `file → import`. */
function violations(files: SourceImports[]): string[] {
    return files.flatMap(({ path, imports }) => {
        const floor = floorOf(path);
        if (!floor) return [];
        const rule = RULES[floor];
        return imports.filter(name => {
            if (!name.startsWith('.')) return !rule.packages(name);
            const target = floorOf(normalize(join(dirname(path), name)).replaceAll('\\', '/'));
            return target !== floor && !(target && rule.floors.includes(target));
        }).map(name => `${path} → ${name}`);
    });
}

function sources(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true, recursive: true })
        .filter(entry => entry.isFile() && entry.name.endsWith('.ts'))
        .map(entry => join(entry.parentPath, entry.name).replaceAll('\\', '/'));
}

function importsOf(path: string): string[] {
    return ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles.map(file => file.fileName);
}

const tree: SourceImports[] = ['core', 'renderer', 'language', 'server', 'client', 'cli'].flatMap(sources).map(path => ({ path, imports: importsOf(path) }));

describe('the floors of the source tree', () => {
    test('every source file is on a floor, and every floor has files', () => {
        expect(tree.filter(file => !floorOf(file.path)).map(file => file.path)).toEqual([]);
        expect(FLOORS.filter(floor => !tree.some(file => floorOf(file.path) === floor))).toEqual([]);
    });

    test('no import runs up a floor, and none below the entry points needs Node or VS Code', () => {
        expect(violations(tree)).toEqual([]);
    });

    test('the check sees an upward import, a package in core and a platform API in the language', () => {
        expect(violations([
            { path: 'core/x.ts', imports: ['../renderer/svg.js', 'langium', './analysis/graph.js'] },
            { path: 'renderer/x.ts', imports: ['../language/render-model.js', 'langium', 'rbush', '../core/severity.js'] },
            { path: 'language/x.ts', imports: ['node:fs', 'path', 'langium/node', 'vscode', '../cli/main.js', 'langium/lsp', '../renderer/svg.js'] },
            { path: 'client/webview/x.ts', imports: ['../preview.js', '../../renderer/svg.js'] },
            { path: 'server/x.ts', imports: ['../client/extension.js', '../language/render-model.js', 'vscode-languageserver/node'] }
        ])).toEqual([
            'core/x.ts → ../renderer/svg.js', 'core/x.ts → langium',
            'renderer/x.ts → ../language/render-model.js', 'renderer/x.ts → langium',
            'language/x.ts → node:fs', 'language/x.ts → path', 'language/x.ts → langium/node', 'language/x.ts → vscode', 'language/x.ts → ../cli/main.js',
            'client/webview/x.ts → ../preview.js',
            'server/x.ts → ../client/extension.js'
        ]);
    });
});

describe("the README's layout table", () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Layout')).split('\n## ')[0];
    const named = new Set([...table.matchAll(/^\| (.*?) \|/gm)].flatMap(([, cell]) => [...cell.matchAll(/`([\w.-]+)\/`/g)].map(([, folder]) => folder)));
    const folders = readdirSync('.', { withFileTypes: true })
        .filter(entry => entry.isDirectory() && !entry.name.startsWith('.') && !['node_modules', 'out', 'test-results'].includes(entry.name))
        .map(entry => entry.name);

    test('names every folder of the tree, and no folder that is not there', () => {
        expect([...named].sort()).toEqual([...folders].sort());
    });
});
