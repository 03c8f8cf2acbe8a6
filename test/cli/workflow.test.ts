/**
 * examples/github-workflow.yml cannot run here, so its steps run as GitHub would run them
 * (`bash --noprofile --norc -eo pipefail`), in a temporary git repository with a base and a head
 * commit, with `flywheel` on the PATH as the built bin/flywheel.mjs and GitHub's files (step summary,
 * PATH additions) as temporary files. The `uses:` steps are checked for the settings the others rely on.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { tempTree } from './run-flywheel.js';
import { SHOP } from '../support/fixtures.js';

interface Step {
    name?: string;
    uses?: string;
    if?: string;
    run?: string;
    with: Record<string, string>;
    env: Record<string, string>;
}

const WORKFLOW = readFileSync('examples/github-workflow.yml', 'utf8');

/**
 * The steps of the workflow's one job. Not a general YAML reader: it knows this file's shape
 * (two-space indentation, `run: |` blocks, flat `with:` and `env:` maps), and the test below fails if the
 * file leaves that shape.
 */
function readSteps(yaml: string): Step[] {
    const lines = yaml.split('\n');
    const start = lines.findIndex(line => line === '    steps:');
    const steps: Step[] = [];
    let block: 'run' | 'with' | 'env' | undefined;
    for (const line of lines.slice(start + 1)) {
        const item = /^ {6}- (\w[\w-]*): ?(.*)$/.exec(line);
        const key = /^ {8}(\w[\w-]*): ?(.*)$/.exec(line);
        const step = steps[steps.length - 1];
        if (item || key) {
            if (item) steps.push({ with: {}, env: {} });
            const [, name, value] = (item ?? key)!;
            block = value === '|' ? 'run' : name === 'with' || name === 'env' ? name : undefined;
            if (!block) Object.assign(steps[steps.length - 1], { [name]: value });
        } else if (block === 'run' && (line.startsWith('          ') || line === '')) {
            step.run = (step.run ?? '') + line.slice(10) + '\n';
        } else if ((block === 'with' || block === 'env') && /^ {10}\S/.test(line)) {
            const [, name, value] = /^ {10}([\w-]+): (.*)$/.exec(line)!;
            step[block][name] = value;
        } else if (line.trim() !== '') {
            throw new Error(`unexpected line in steps: ${line}`);
        }
    }
    return steps;
}

const STEPS = readSteps(WORKFLOW);

function step(name: string): Step {
    const found = STEPS.find(s => s.name === name);
    if (!found) throw new Error(`no step named '${name}'`);
    return found;
}

/** A repository the way actions/checkout leaves it: base and head commits, the head checked out. */
interface Checkout {
    repo: string;
    base: string;
    /** The folder put first on the PATH, holding `flywheel` (and a stand-in `npm`). */
    bin: string;
}

function git(repo: string, ...args: string[]): string {
    const run = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, HOME: repo, GIT_CONFIG_NOSYSTEM: '1' } });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
    return run.stdout.trim();
}

function checkout(head: (repo: string) => void): Checkout {
    const repo = tempTree({ 'wheels/shop.fly': SHOP, 'wheels/old.fly': SHOP.replace('Shop', 'Old'), 'README.md': '# Wheels\n' });
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.name', 'Fly Test');
    git(repo, 'config', 'user.email', 'fly-test@example.com');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    const base = git(repo, 'rev-parse', 'HEAD');
    head(repo);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'head');

    const bin = tempTree({});
    writeFileSync(join(bin, 'flywheel'), `#!/bin/sh\nexec '${process.execPath}' '${resolve('bin/flywheel.mjs')}' "$@"\n`);
    // `npm ci` needs the registry; here it only has to succeed so the rest of the step runs.
    writeFileSync(join(bin, 'npm'), '#!/bin/sh\necho "npm $*"\n');
    chmodSync(join(bin, 'flywheel'), 0o755);
    chmodSync(join(bin, 'npm'), 0o755);
    return { repo, base, bin };
}

interface StepRun {
    status: number | null;
    stdout: string;
    stderr: string;
    summary: string;
    path: string;
}

/** One `run:` step as GitHub runs it with `shell: bash`, with the job's env and `extra` standing in for the step's own. */
function runStep(name: string, { repo, base, bin }: Checkout, extra: Record<string, string> = {}): StepRun {
    const script = step(name).run;
    if (!script) throw new Error(`step '${name}' runs nothing`);
    const github = tempTree({ summary: '', path: '' });
    const env = {
        ...process.env,
        PATH: `${bin}${delimiter}${process.env.PATH}`,
        HOME: repo,
        GIT_CONFIG_NOSYSTEM: '1',
        NO_COLOR: '1',
        BASE_SHA: base,
        GITHUB_STEP_SUMMARY: join(github, 'summary'),
        GITHUB_PATH: join(github, 'path'),
        ...extra
    };
    const { status, stdout, stderr } = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: repo, env, encoding: 'utf8' });
    return { status, stdout, stderr, summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'), path: readFileSync(env.GITHUB_PATH, 'utf8') };
}

describe('the workflow file', () => {
    test('runs on pull requests that touch .fly files, with the base commit and bash for every step', () => {
        expect(WORKFLOW).toMatch(/\non:\n {2}pull_request:\n {4}paths:\n {6}- '\*\*\.fly'\n {6}- '\*\*\/flywheel\.config\.json'\n/);
        expect(WORKFLOW).toContain('\n    defaults:\n      run:\n        shell: bash\n');
        expect(WORKFLOW).toContain('\n      BASE_SHA: ${{ github.event.pull_request.base.sha }}\n');
        expect(STEPS.map(s => s.name)).toEqual([
            'Check out, with the history back to the base branch', 'Set up Node.js', 'Install', 'Check the flywheels',
            'Report for code scanning', 'Upload to code scanning', 'Canonical layout', 'What changed in meaning', 'Draw what changed', 'Upload the drawings',
            'The drawings in the summary'
        ]);
    });

    test('is printed in full in the README section (docs/reviewing.md, or README.md once merged)', () => {
        const docs = ['docs/reviewing.md', 'README.md'].filter(existsSync).map(path => readFileSync(path, 'utf8'));
        expect(docs.some(text => text.includes('## Reviewing flywheels in pull requests') && text.includes('```yaml\n' + WORKFLOW + '```'))).toBe(true);
    });

    test('the actions it uses are set up for the steps after them', () => {
        // The diff needs the base branch's commits, which a shallow checkout does not have.
        expect(step('Check out, with the history back to the base branch')).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': '0' } });
        expect(step('Set up Node.js')).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': '22' } });
        expect(step('Upload to code scanning')).toMatchObject({ uses: 'github/codeql-action/upload-sarif@v3', if: '${{ !cancelled() }}', with: { sarif_file: 'flywheels.sarif' } });
        expect(WORKFLOW).toContain('\n  security-events: write\n');
        expect(step('Upload the drawings')).toMatchObject({ uses: 'actions/upload-artifact@v4', id: 'drawings', if: '${{ !cancelled() }}', with: { path: 'rendered/' } });
        // The summary links the artifact that upload made (upload-artifact's output `artifact-url`).
        expect(step('The drawings in the summary').env).toEqual({ DRAWINGS_URL: '${{ steps.drawings.outputs.artifact-url }}' });
        // A failed check must not hide the layout, the diff and the drawings.
        for (const name of ['Canonical layout', 'What changed in meaning', 'Draw what changed', 'The drawings in the summary']) expect(step(name).if).toBe('${{ !cancelled() }}');
    });
});

describe('the steps, on a pull request that changes, adds, breaks and deletes wheels', () => {
    let pr: Checkout;
    beforeAll(() => {
        pr = checkout(repo => {
            writeFileSync(join(repo, 'wheels/shop.fly'), SHOP.replace('"Buyers"', '"Customers"').replace('buyers -> price', 'buyers -| price'));
            mkdirSync(join(repo, 'wheels/new'));
            writeFileSync(join(repo, 'wheels/new/store.fly'), 'flywheel Store { goal g\ncost quality driver d\ng->d->g }\n');
            writeFileSync(join(repo, 'wheels/broken.fly'), 'flywheel Broken {\n    goal\n}\n');
            rmSync(join(repo, 'wheels/old.fly'));
        });
    });

    test('Install: npm ci, and the installed `flywheel` goes on the PATH', () => {
        const run = runStep('Install', pr);
        expect(run.status).toBe(0);
        expect(run.stdout).toBe('npm ci\n');
        expect(run.path).toBe(`${pr.repo}/node_modules/.bin\n`);
    });

    test('Check: an annotation per problem, and the step fails on errors', () => {
        const run = runStep('Check the flywheels', pr);
        expect(run.status).toBe(1);
        expect(run.stdout).toMatch(/^::error file=wheels\/broken\.fly,line=2,col=5,.*title=flywheel\(syntax-error\)::/m);
        expect(run.stdout).toMatch(/^::warning file=wheels\/shop\.fly,.*title=flywheel\(balancing-loop\)::Balancing loop B1/m);
    });

    test('Report for code scanning: the same findings as SARIF, the step passing on errors so the upload runs', () => {
        const run = runStep('Report for code scanning', pr);
        expect(run.status).toBe(0);
        const log = JSON.parse(readFileSync(join(pr.repo, 'flywheels.sarif'), 'utf8'));
        const results = log.runs[0].results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
            `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}`);
        expect(results).toEqual(expect.arrayContaining(['syntax-error wheels/broken.fly', 'balancing-loop wheels/shop.fly']));
    });

    test('the repository\'s flywheel.config.json applies to the check, as in the editor', () => {
        const configured = checkout(repo => {
            writeFileSync(join(repo, 'wheels/shop.fly'), SHOP.replace('buyers -> price', 'buyers -| price'));
            writeFileSync(join(repo, 'flywheel.config.json'), '{ "rules": { "balancing-loop": "off" } }\n');
        });
        expect(runStep('Check the flywheels', configured)).toMatchObject({ status: 0, stdout: '' });
    });

    test('Canonical layout: lists the file to reformat and fails', () => {
        const run = runStep('Canonical layout', pr);
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('would reformat wheels/new/store.fly\n');
        expect(readFileSync(join(pr.repo, 'wheels/new/store.fly'), 'utf8')).toContain('g->d->g');
    });

    test('What changed in meaning: every changed .fly file in the job summary', () => {
        const run = runStep('What changed in meaning', pr);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const { summary } = run;
        expect(summary).toMatch(/^## Flywheels: what changed in meaning\n\n### `wheels\/broken\.fly`: new file\n/);
        expect(summary).toContain('> **Warning:** the new version does not parse; the comparison uses what could be read.\n');
        expect(summary).toContain('### `wheels/new/store.fly`: new file\n');
        expect(summary).toContain('### `wheels/old.fly`: deleted\n\n**Flywheel `Old`** “A shop”: removed; its wheel closed: 2 reinforcing loops, 0 balancing loops.\n');
        expect(summary).toContain([
            '### `wheels/shop.fly`: 4 changes in meaning',
            '',
            '**Flywheel `Shop`** “A shop”: the wheel still closes: 1 reinforcing loop (was 2), 1 balancing loop (was 0).',
            '',
            '- Driver relabelled: `buyers` “Buyers” → “Customers”',
            '- Link changed: `buyers -> price` is now `buyers -| price` (reinforcing → dampening)',
            '- Loop changed: `sales -> reviews -> buyers -| price -> sales` is now balancing (was R2, now B1)',
            '- New warning `balancing-loop`: Balancing loop B1 brakes the wheel: sales -> reviews -> buyers -| price -> sales.',
            ''
        ].join('\n'));
    });

    test('Draw what changed: a PNG and an SVG of each changed wheel with its changes marked, a deleted one ghosted, a warning for the one that does not parse', () => {
        const run = runStep('Draw what changed', pr);
        // In the job's log: why broken.fly is not drawn (the new file's name, not the temporary base's).
        expect(run.stderr).toMatch(/^wheels\/broken\.fly:2:5: error: .*\[syntax-error\]\nflywheel: 'wheels\/broken\.fly' does not parse, so what changed cannot be drawn\n$/);
        expect(run.status).toBe(0);
        expect(run.stdout).toBe('::warning file=wheels/broken.fly::wheels/broken.fly could not be drawn\n');
        const drawings = readdirSync(join(pr.repo, 'rendered'), { recursive: true }).map(String).filter(p => /\.(svg|png)$/.test(p)).sort();
        expect(drawings).toEqual(['wheels/new/store.png', 'wheels/new/store.svg', 'wheels/old.png', 'wheels/old.svg', 'wheels/shop.png', 'wheels/shop.svg']);
        const svg = (path: string) => readFileSync(join(pr.repo, 'rendered', path), 'utf8');
        // The relabelled driver and the flipped link of shop.fly, marked; every node of the deleted wheel a ghost.
        expect(svg('wheels/shop.svg')).toMatch(/<g [^>]*data-node="buyers"[^>]*data-change="changed"/);
        expect(svg('wheels/shop.svg')).toMatch(/<g [^>]*data-source="buyers" data-target="price"[^>]*data-change="changed"/);
        expect(svg('wheels/shop.svg')).toContain('was reinforcing');
        expect([...svg('wheels/old.svg').matchAll(/<g [^>]*data-node="\w+"[^>]*>/g)].every(([group]) => group.includes('data-change="removed"'))).toBe(true);
        expect(svg('wheels/new/store.svg')).toMatch(/<g [^>]*data-node="d"[^>]*data-change="added"/);
        expect([...readFileSync(join(pr.repo, 'rendered/wheels/shop.png')).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    });

    test('The drawings in the summary: each drawing named, and the artifact that holds them linked', () => {
        const run = runStep('The drawings in the summary', pr, { DRAWINGS_URL: 'https://github.com/o/r/actions/runs/1/artifacts/2' });
        expect(run.status).toBe(0);
        expect(run.summary).toBe([
            '## Flywheels: what changed, drawn',
            '',
            'Each changed wheel drawn with what changed marked: green added, pink removed (where it was), orange changed (what it was beside it).'
                + ' In the [`flywheels` artifact](https://github.com/o/r/actions/runs/1/artifacts/2), as PNG and SVG:',
            '',
            '- `wheels/new/store.png`',
            '- `wheels/old.png`',
            '- `wheels/shop.png`',
            ''
        ].join('\n'));
    });
});

describe('the steps, on a pull request that changes no .fly file', () => {
    test('the summary says so, nothing is drawn, and check and layout pass', () => {
        const pr = checkout(repo => writeFileSync(join(repo, 'README.md'), '# Wheels\n\nMore words.\n'));
        expect(runStep('What changed in meaning', pr).summary).toBe('## Flywheels: what changed in meaning\n\nNo `.fly` file changed.\n');
        const draw = runStep('Draw what changed', pr);
        expect(draw.status).toBe(0);
        expect(readdirSync(join(pr.repo, 'rendered'))).toEqual([]);
        expect(runStep('The drawings in the summary', pr, { DRAWINGS_URL: '' }).summary).toBe('');
        expect(runStep('Check the flywheels', pr)).toMatchObject({ status: 0, stdout: '' });
        expect(runStep('Canonical layout', pr).status).toBe(0);
    });
});
