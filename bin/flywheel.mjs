#!/usr/bin/env node
// Plain JavaScript that any Node.js can run, so that an old one hears which Node is needed
// (package.json's `engines`, the one place that says it) instead of failing inside the bundle.
import module from 'node:module';

// require, not an import of node:fs: importing fs as an ES module loads its streams and promises.
const { engines } = module.createRequire(import.meta.url)('../package.json');
const minimum = /\d+(\.\d+)*/.exec(engines.node)[0];
if (isOlder(process.versions.node, minimum)) {
    process.stderr.write(`flywheel: needs Node.js ${minimum} or newer (this is Node.js ${process.versions.node})\n`);
    process.exit(2);
}
// Caches V8's compiled code between runs: `flywheel check` in CI starts many times.
module.enableCompileCache?.();
await import('../out/cli.mjs');

/** Whether dotted version `version` comes before `minimum` (`20.20.2` before `22.12`). */
function isOlder(version, minimum) {
    const [have, need] = [version, minimum].map(v => v.split('.').map(Number));
    const differs = need.findIndex((part, i) => (have[i] ?? 0) !== part);
    return differs >= 0 && (have[differs] ?? 0) < need[differs];
}
