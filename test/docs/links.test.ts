/**
 * Every link and image in the repository's Markdown points inside the repository, at a file that
 * is there (and, with `#…`, at a heading of it): a clone, the npm package and the .vsix carry no
 * `../shared/…`, and the docs travel with the code they describe.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, test } from 'vitest';
import { REPOSITORY } from './transcripts.ts';

const MARKDOWN = spawnSync('git', ['ls-files', '*.md'], { cwd: REPOSITORY, encoding: 'utf8' }).stdout.trim().split('\n');

/** Links and images of a document, reference-style ones included. */
function links(markdown: string): string[] {
    const found: string[] = [];
    marked.walkTokens(marked.lexer(markdown), (token: Token) => {
        if (token.type === 'link' || token.type === 'image') found.push((token as Tokens.Link).href);
    });
    return found;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
    return heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

function anchors(path: string): string[] {
    return marked.lexer(readFileSync(path, 'utf8')).filter(t => t.type === 'heading').map(t => anchor((t as Tokens.Heading).text));
}

describe.each(MARKDOWN)('%s', document => {
    test('every link points at a file of the repository', () => {
        const from = join(REPOSITORY, document);
        for (const href of links(readFileSync(from, 'utf8'))) {
            expect(href, `${document}: ${href} leaves the repository`).not.toMatch(/^[a-z][a-z+.-]*:|^\/\//i);
            const [path, fragment] = href.split('#');
            const target = path === '' ? from : resolve(dirname(from), decodeURI(path));
            expect(relative(REPOSITORY, target), `${document}: ${href} leaves the repository`).not.toMatch(/^\.\./);
            expect(existsSync(target), `${document}: ${href} does not exist`).toBe(true);
            if (fragment !== undefined && target.endsWith('.md')) expect(anchors(target), `${document}: ${href}`).toContain(fragment);
        }
    });
});
