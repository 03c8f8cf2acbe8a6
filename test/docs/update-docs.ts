/**
 * `npm run docs:update`: re-runs every transcript of the docs (see transcripts.ts) and writes
 * what the commands print now into the Markdown. Review the diff before committing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documents, refreshed, REPOSITORY } from './transcripts.ts';

for (const path of documents()) {
    const file = join(REPOSITORY, path);
    const before = readFileSync(file, 'utf8');
    const after = refreshed(before);
    if (after !== before) {
        writeFileSync(file, after);
        console.log(`updated ${path}`);
    }
}
