// Bundles the command line, the language server and the VS Code extension (desktop and web).
// Langium is ESM-only; the extension host loads CommonJS, so the editor bundles are `.cjs`.
import * as esbuild from 'esbuild';
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
// Split chunks have content hashes in their names: old ones would pile up.
for (const chunks of ['cli-chunks', 'bench-chunks']) rmSync(new URL(`./out/${chunks}`, import.meta.url), { recursive: true, force: true });

const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    minify: !watch,
    logLevel: 'warning',
    define: { FLYWHEEL_VERSION: JSON.stringify(version) },
    // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow; its ES module build bundles.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' }
};

/**
 * `import … from 'node:fs'` in an ES module makes Node build the whole fs namespace, reading
 * every export: fs.promises, fs.ReadStream and fs.WriteStream are lazy getters that load Node's
 * streams (several ms at every start). `process.getBuiltinModule` hands over fs without touching
 * them; a command that used one of those getters would fail to build here, not at run time.
 */
const fsWithoutStreams = {
    name: 'fs-without-streams',
    setup(build) {
        const properties = Object.getOwnPropertyDescriptors(require('node:fs'));
        const plain = Object.keys(properties).filter(name => !properties[name].get && /^[A-Za-z_$][\w$]*$/.test(name));
        // ES imports only: a bundled CommonJS require('fs') already gets fs without the namespace.
        build.onResolve({ filter: /^(node:)?fs$/ }, args => (args.kind === 'import-statement' ? { path: 'fs', namespace: 'fs-without-streams' } : undefined));
        build.onLoad({ filter: /.*/, namespace: 'fs-without-streams' }, () => ({
            contents: `const fs = process.getBuiltinModule('node:fs');\nexport default fs;\nexport const { ${plain.join(', ')} } = fs;\n`
        }));
    }
};

/**
 * The CLI never speaks LSP, yet Langium's core imports all of 'vscode-languageserver-protocol'
 * for four things: cancellation tokens, an event emitter, the error a wait rejects with, and two
 * of its codes. In the CLI's bundle those come from the small modules of vscode-jsonrpc they are
 * defined in, and the rest of the protocol is not loaded (test/cli/start-up.test.ts checks both).
 */
const langiumCoreWithoutLsp = {
    name: 'langium-core-without-lsp',
    setup(build) {
        const jsonrpcCommon = dirname(require.resolve('vscode-jsonrpc')); // its lib/common/api.js
        build.onResolve({ filter: /^vscode-languageserver-protocol$/ }, args =>
            /[\\/]langium[\\/]lib[\\/](?!lsp[\\/])/.test(args.importer) ? { path: 'langium-core-protocol', namespace: 'langium-core-without-lsp' } : undefined);
        build.onLoad({ filter: /.*/, namespace: 'langium-core-without-lsp' }, () => ({
            resolveDir: jsonrpcCommon,
            contents: `import RAL from './ral.js';
// What those modules ask of the runtime: a timer for already-cancelled tokens, a console for a failing listener.
RAL.install({ console, timer: { setTimeout, clearTimeout, setImmediate, clearImmediate } });
export { CancellationToken, CancellationTokenSource } from './cancellation.js';
export { Emitter } from './events.js';
export { ResponseError } from './messages.js';
export const LSPErrorCodes = { RequestFailed: -32803, ServerCancelled: -32802 };
`
        }));
    }
};

/** What makes the command line start quickly: it loads only what it uses. */
const cliPlugins = [fsWithoutStreams, langiumCoreWithoutLsp];

const esm = {
    ...common, format: 'esm', outExtension: { '.js': '.mjs' }, outdir: 'out',
    // Bundled CommonJS dependencies call require(); give the ESM bundles one.
    banner: { js: "import { createRequire as __flyRequire } from 'node:module'; const require = __flyRequire(import.meta.url);" }
};

// The extension host loads CommonJS; `vscode` is provided by it at run time.
const cjs = { ...common, format: 'cjs', outExtension: { '.js': '.cjs' }, outdir: 'out', external: ['vscode'] };

// The web extension (vscode.dev, github.dev): its extension runs in the web worker extension
// host (CommonJS, `vscode` provided; `.cjs`, since the package is "type": "module" and that host
// refuses ESM), its language server in a Web Worker of its own (one file).
const web = { ...common, platform: 'browser', target: 'es2022', outdir: 'out', define: { ...common.define, 'process.env.NODE_ENV': '"production"' } };

// The VS Code suite's bundles read example files as text.
const suite = { minify: false, loader: { '.fly': 'text' } };

const builds = [
    // Split so that each command's code loads only when that command runs.
    // resvg is native: it stays a dependency, loaded from node_modules when a PNG is asked for.
    { ...esm, entryPoints: { cli: 'cli/main.ts' }, splitting: true, chunkNames: 'cli-chunks/[name]-[hash]', external: ['@resvg/resvg-js'], plugins: cliPlugins },
    { ...cjs, entryPoints: { server: 'server/main.ts', extension: 'client/extension.ts' } },
    { ...web, format: 'cjs', outExtension: { '.js': '.cjs' }, entryPoints: { 'browser-extension': 'client/browser.ts' }, external: ['vscode'] },
    { ...web, format: 'iife', entryPoints: { 'browser-server': 'server/browser.ts' } },
    // The preview page's script runs in the webview, a browser.
    { ...common, platform: 'browser', format: 'iife', target: 'chrome120', entryPoints: { 'webview/preview': 'client/webview/preview.ts' }, outdir: 'out' },
    // The VS Code suite: mocha stays external (the extension host loads it from node_modules).
    {
        ...cjs, ...suite, external: ['vscode', 'mocha'],
        entryPoints: { 'test/index': 'test/vscode/index.ts', 'test/suite': 'test/vscode/suite/index.ts', 'test/installed': 'test/vscode/installed/installed.vscode.ts' }
    },
    // The same suite for the web worker extension host: one file with mocha's browser build, and Node's assert for browsers.
    {
        ...web, ...suite, format: 'cjs', outExtension: { '.js': '.cjs' }, entryPoints: { 'test/web-index': 'test/vscode/web/index.ts' }, external: ['vscode'],
        alias: { ...common.alias, 'node:assert/strict': './test/vscode/web/assert-strict.cjs' }, inject: ['test/vscode/web/process-shim.ts']
    },
    // What the code-server launcher runs in the workbench's frames to read what a preview drew.
    { ...common, platform: 'browser', format: 'iife', target: 'chrome120', entryPoints: { 'test/preview-recorder': 'test/vscode/page/preview-recorder.ts' }, outdir: 'out', minify: false, sourcemap: false },
    ...(process.argv.includes('--bench') ? [
        { ...esm, entryPoints: { bench: 'bench/bench.ts' }, minify: false, external: ['@hpcc-js/wasm-graphviz'] },
        // Bundled as the CLI is (split, minified), so its steps cost what the CLI's do.
        { ...esm, entryPoints: { 'startup-probe': 'bench/startup-probe.ts' }, splitting: true, chunkNames: 'bench-chunks/[name]-[hash]', plugins: cliPlugins }
    ] : []),
    ...(process.argv.includes('--fuzz') ? [{ ...esm, entryPoints: { fuzz: 'test/fuzz/fuzz.ts' }, minify: false }] : [])
];

/** The Markdown preview's style sheet (`markdown.previewStyles`), written from the one source of the drawing's styles. */
async function writeMarkdownPreviewCss() {
    const { outputFiles: [module] } = await esbuild.build({ ...common, platform: 'neutral', format: 'esm', sourcemap: false, write: false, entryPoints: ['client/markdown-preview.ts'], outdir: 'out' });
    const { MARKDOWN_PREVIEW_CSS } = await import(`data:text/javascript;base64,${Buffer.from(module.text).toString('base64')}`);
    mkdirSync(new URL('./out/markdown', import.meta.url), { recursive: true });
    writeFileSync(new URL('./out/markdown/flywheel.css', import.meta.url), MARKDOWN_PREVIEW_CSS);
}

if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
} else {
    await Promise.all([...builds.map(options => esbuild.build(options)), writeMarkdownPreviewCss()]);
}
