#!/usr/bin/env node
import module from 'node:module';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    process.stderr.write(`flywheel: needs Node.js 22 or newer (this is Node.js ${process.versions.node})\n`);
    process.exit(2);
}
// Caches V8's compiled code between runs: `flywheel check` in CI starts many times.
module.enableCompileCache?.();
await import('../out/cli.mjs');
