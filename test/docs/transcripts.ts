/**
 * Terminal transcripts pasted into the docs: fenced blocks whose lines starting with `$ ` are
 * commands, each followed by what it printed. The doc-test re-runs them with the built `flywheel`
 * and compares; `npm run docs:update` writes the fresh output back into the Markdown.
 *
 * Each document's commands run in order, in a fresh copy of the repository docs/reviewing.md
 * describes (a base branch and a review branch of wheels/, with examples/ beside them), through
 * bash with standard error merged into standard output, as a terminal shows them. A pasted line
 * ending in `…` stands for any line that starts like it (commit ids, dates). `npm run bench`'s
 * figures are measurements of one run, not outputs to compare: that transcript is left alone.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { marked, type Tokens } from 'marked';

export const REPOSITORY = resolve(import.meta.dirname, '../..');

/** The documents whose transcripts are re-run, relative to the repository. */
export function documents(): string[] {
    const docs = spawnSync('git', ['ls-files', 'README.md', 'docs/*.md', 'examples/README.md'], { cwd: REPOSITORY, encoding: 'utf8' });
    return docs.stdout.trim().split('\n').filter(Boolean);
}

export interface Entry {
    command: string;
    /** What was pasted after the command, up to the next one (trailing blank lines apart). */
    pasted: string;
    /** The blank lines that separated it from the next command, kept on update. */
    gap: string;
}

export interface Transcript {
    /** Where the block's text starts and ends in the document. */
    start: number;
    end: number;
    entries: Entry[];
}

/** Every fenced block of `markdown` that holds at least one `$ ` command. */
export function transcripts(markdown: string): Transcript[] {
    const found: Transcript[] = [];
    let searchFrom = 0;
    marked.walkTokens(marked.lexer(markdown), token => {
        if (token.type !== 'code' || (token as Tokens.Code).codeBlockStyle === 'indented') return;
        const { raw, text } = token as Tokens.Code;
        const at = markdown.indexOf(raw, searchFrom);
        searchFrom = at + raw.length;
        if (!text.split('\n').some(line => line.startsWith('$ ')) || text.startsWith('$ npm run bench')) return;
        const start = at + raw.indexOf(text);
        found.push({ start, end: start + text.length, entries: parseEntries(text) });
    });
    return found;
}

function parseEntries(text: string): Entry[] {
    const entries: Entry[] = [];
    for (const line of text.split('\n')) {
        if (line.startsWith('$ ')) entries.push({ command: line.slice(2), pasted: '', gap: '' });
        else if (entries.length > 0) entries[entries.length - 1].pasted += line + '\n';
    }
    for (const entry of entries) {
        const body = entry.pasted.replace(/\n+$/, '\n');
        entry.gap = entry.pasted.slice(body.length);
        entry.pasted = body === '\n' ? '' : body;
    }
    return entries;
}

/** A folder where a document's commands run, with `flywheel` on the PATH as the built command. */
export interface Session {
    cwd: string;
    env: NodeJS.ProcessEnv;
    status: number;
}

export function session(): Session {
    const root = mkdtempSync(join(tmpdir(), 'flywheel-doc-'));
    const bin = join(root, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'flywheel'), `#!/bin/sh\nexec '${process.execPath}' '${join(REPOSITORY, 'bin/flywheel.mjs')}' "$@"\n`);
    chmodSync(join(bin, 'flywheel'), 0o755);
    const cwd = join(root, 'work');
    mkdirSync(cwd);
    const env = {
        PATH: [bin, dirname(process.execPath), ...(process.env.PATH ?? '').split(delimiter).filter(dir => !dir.startsWith(REPOSITORY))].join(delimiter),
        HOME: root, LANG: 'C.UTF-8', NO_COLOR: '1', GIT_PAGER: 'cat', GIT_CONFIG_NOSYSTEM: '1', TZ: 'UTC'
    };
    const s: Session = { cwd, env, status: 0 };
    cpSync(join(REPOSITORY, 'examples'), join(cwd, 'examples'), { recursive: true });
    reviewScenario(s);
    return s;
}

/** Runs one command as a terminal would; `$?` is the previous command's exit code. */
export function runCommand(s: Session, command: string): string {
    const script = `(exit ${s.status}); ${command}`;
    const result = spawnSync('bash', ['--noprofile', '--norc', '-c', `exec 2>&1\n${script}`], { cwd: s.cwd, env: s.env, encoding: 'utf8' });
    s.status = result.status ?? 1;
    return result.stdout;
}

/** Whether what was pasted is what ran, `…` at the end of a pasted line matching the rest of a line. */
export function matches(pasted: string, actual: string): boolean {
    const [want, got] = [pasted, actual].map(text => text.replace(/\n+$/, '').split('\n'));
    return want.length === got.length && want.every((line, i) => line === got[i] || (line.endsWith('…') && got[i].startsWith(line.slice(0, -1))));
}

/** The document with every transcript's output replaced by what its commands print now. */
export function refreshed(markdown: string): string {
    const s = session();
    let result = '';
    let copied = 0;
    for (const transcript of transcripts(markdown)) {
        const text = transcript.entries.map(entry => {
            const actual = runCommand(s, entry.command);
            const output = matches(entry.pasted, actual) ? entry.pasted : actual.replace(/\n+$/, '\n').replace(/^\n$/, '');
            return `$ ${entry.command}\n${output}${entry.gap}`;
        }).join('');
        result += markdown.slice(copied, transcript.start) + text.replace(/\n$/, '');
        copied = transcript.end;
    }
    return result + markdown.slice(copied);
}

function git(s: Session, ...args: string[]): void {
    const result = spawnSync('git', args, { cwd: s.cwd, env: s.env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/**
 * docs/reviewing.md's repository: on `main`, three wheels (one of them messy) and the
 * `.gitattributes` line; on the checked-out branch `review`, one commit that changes Stripe's
 * and Amazon's wheels. Reviewers have set the diff driver, as the page says.
 */
function reviewScenario(s: Session): void {
    const example = (name: string) => readFileSync(join(REPOSITORY, 'examples', name), 'utf8');
    const write = (path: string, text: string) => {
        mkdirSync(dirname(join(s.cwd, path)), { recursive: true });
        writeFileSync(join(s.cwd, path), text);
    };
    git(s, 'init', '-q', '-b', 'main');
    git(s, 'config', 'user.name', 'Demo');
    git(s, 'config', 'user.email', 'demo@example.com');
    git(s, 'config', 'diff.flywheel.command', 'flywheel diff --git');
    write('.gitattributes', '*.fly diff=flywheel\n');
    write('wheels/stripe.fly', example('stripe.fly'));
    write('wheels/amazon.fly', example('amazon.fly'));
    write('wheels/messy.fly', readFileSync(join(REPOSITORY, 'test/docs/scenarios/messy.fly'), 'utf8'));
    git(s, 'add', '-A');
    git(s, 'commit', '-q', '-m', 'Three wheels');
    git(s, 'checkout', '-q', '-b', 'review');
    write('wheels/stripe.fly', readFileSync(join(REPOSITORY, 'test/docs/scenarios/stripe-compliance.fly'), 'utf8'));
    write('wheels/amazon.fly', example('amazon.fly').replace('cost driver prices', 'driver prices'));
    git(s, 'commit', '-q', '-am', 'Stripe: compliance costs; Amazon: prices');
}
