/**
 * The doc-test: every terminal transcript pasted into README.md, docs/*.md and examples/README.md
 * is re-run with the built `flywheel` and must print what is pasted. When an output changes on
 * purpose, `npm run docs:update` writes the new one into the Markdown (then read the diff).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { documents, matches, REPOSITORY, runCommand, session, transcripts, type Session } from './transcripts.ts';

const DOCUMENTS = documents().map(path => ({ path, markdown: readFileSync(join(REPOSITORY, path), 'utf8') }));

test('the transcripts cover every document that pastes a `$ flywheel` command', () => {
    const pasting = DOCUMENTS.filter(d => /^\$ .*\bflywheel /m.test(d.markdown)).map(d => d.path);
    expect(pasting).toEqual(expect.arrayContaining(['README.md', 'docs/reviewing.md']));
    for (const path of pasting) {
        const commands = transcripts(DOCUMENTS.find(d => d.path === path)!.markdown).flatMap(t => t.entries.map(e => e.command));
        expect(commands.some(command => /\bflywheel /.test(command)), path).toBe(true);
    }
});

for (const { path, markdown } of DOCUMENTS) {
    const found = transcripts(markdown);
    if (found.length === 0) continue;
    // One session per document: its commands run in order, each seeing what the ones before did.
    describe(path, () => {
        let s: Session;
        beforeAll(() => { s = session(); });
        found.forEach((transcript, index) => {
            const line = markdown.slice(0, transcript.start).split('\n').length;
            test(`transcript ${index + 1} (line ${line}): ${transcript.entries.map(e => e.command).join('; ')}`, () => {
                for (const entry of transcript.entries) {
                    const actual = runCommand(s, entry.command);
                    if (!matches(entry.pasted, actual)) {
                        expect(`$ ${entry.command}\n${actual.replace(/\n+$/, '')}`, 'run `npm run docs:update` if the change is meant').toBe(`$ ${entry.command}\n${entry.pasted.replace(/\n+$/, '')}`);
                    }
                }
            });
        });
    });
}
