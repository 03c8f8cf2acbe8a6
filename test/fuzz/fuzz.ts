/**
 * `npm run fuzz [-- --seed S] [--count N] [--time-limit MS] [--only I]`: feeds generated and
 * mutated `.fly` texts through the parser, checker, editor features, formatter, `flywheel diff` and
 * renderer, and reports every input that breaks a property (`properties.ts`).
 *
 * The inputs are checked in a worker thread that the main thread watches: an input that runs past
 * the time limit (a hang, or work that grows out of bounds) is a finding too, the worker is ended
 * and a new one carries on after it. Each finding is saved under `test-results/fuzz/` and printed
 * with the command that reproduces it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { fuzzInput } from './inputs.js';
import { checkInput, type Finding } from './properties.js';

interface Range {
    seed: number;
    from: number;
    to: number;
}

type FromWorker =
    | { type: 'start'; index: number }
    | { type: 'done'; index: number; findings: Finding[]; parses: boolean; milliseconds: number };

if (isMainThread) {
    process.exitCode = await main();
} else {
    await checkRange(workerData as Range);
}

async function checkRange({ seed, from, to }: Range): Promise<void> {
    for (let index = from; index < to; index++) {
        parentPort!.postMessage({ type: 'start', index } satisfies FromWorker);
        const { text, base } = fuzzInput(seed, index);
        const start = performance.now();
        const { findings, parses } = await checkInput(text, base, index);
        parentPort!.postMessage({ type: 'done', index, findings, parses, milliseconds: performance.now() - start } satisfies FromWorker);
    }
}

interface Tally {
    tried: number;
    parsed: number;
    slowest: { index: number; milliseconds: number };
    findings: Array<{ index: number } & Finding>;
}

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: { seed: { type: 'string', default: '1' }, count: { type: 'string', default: '500' }, 'time-limit': { type: 'string', default: '10000' }, only: { type: 'string' } }
    });
    const seed = Number(values.seed);
    const limit = Number(values['time-limit']);
    const from = values.only === undefined ? 0 : Number(values.only);
    const to = values.only === undefined ? Number(values.count) : from + 1;
    if (![seed, limit, from, to].every(Number.isInteger)) {
        console.error('flywheel fuzz: --seed, --count, --time-limit and --only take whole numbers');
        return 2;
    }
    const tally: Tally = { tried: 0, parsed: 0, slowest: { index: -1, milliseconds: 0 }, findings: [] };
    const started = performance.now();
    for (let next = from; next < to;) next = await runWorker({ seed, from: next, to }, limit, tally);
    report(seed, tally, performance.now() - started);
    return tally.findings.length === 0 ? 0 : 1;
}

/** Runs a worker over `range` until it finishes or an input overruns `limit`; returns where to go on from. */
function runWorker(range: Range, limit: number, tally: Tally): Promise<number> {
    return new Promise(resolve => {
        const worker = new Worker(new URL(import.meta.url), { workerData: range });
        let current = range.from;
        let watchdog: NodeJS.Timeout | undefined;
        worker.on('message', (message: FromWorker) => {
            clearTimeout(watchdog);
            if (message.type === 'start') {
                current = message.index;
                watchdog = setTimeout(() => {
                    tally.tried++;
                    tally.findings.push({ index: current, property: 'time limit', message: `still running after ${limit} ms` });
                    void worker.terminate().then(() => resolve(current + 1));
                }, limit);
                return;
            }
            tally.tried++;
            if (message.parses) tally.parsed++;
            if (message.milliseconds > tally.slowest.milliseconds) tally.slowest = { index: message.index, milliseconds: message.milliseconds };
            tally.findings.push(...message.findings.map(finding => ({ index: message.index, ...finding })));
            if (tally.tried % 500 === 0) console.log(`… ${tally.tried} inputs, ${tally.findings.length} findings`);
        });
        // A worker that dies (out of memory, say) is a finding about the input it was on.
        worker.on('error', error => {
            clearTimeout(watchdog);
            tally.tried++;
            tally.findings.push({ index: current, property: 'crash', message: error.message });
            resolve(current + 1);
        });
        worker.on('exit', () => { clearTimeout(watchdog); resolve(range.to); });
    });
}

function report(seed: number, tally: Tally, milliseconds: number): void {
    console.log(`fuzz: seed ${seed}: ${tally.tried} inputs in ${(milliseconds / 1000).toFixed(1)} s (${tally.parsed} parsed cleanly, ${tally.tried - tally.parsed} with syntax errors); slowest input #${tally.slowest.index} took ${tally.slowest.milliseconds.toFixed(0)} ms`);
    if (tally.findings.length === 0) {
        console.log('fuzz: no findings');
        return;
    }
    const folder = join('test-results', 'fuzz');
    mkdirSync(folder, { recursive: true });
    for (const finding of tally.findings) {
        const { text, recipe } = fuzzInput(seed, finding.index);
        const file = join(folder, `seed-${seed}-input-${finding.index}.fly`);
        writeFileSync(file, text);
        console.log(`\n✘ ${finding.property} — input #${finding.index} (${recipe.join(', ')}), saved as ${file}\n  ${finding.message.split('\n').slice(0, 6).join('\n  ')}\n  reproduce: npm run fuzz -- --seed ${seed} --only ${finding.index}`);
    }
    console.log(`\nfuzz: ${tally.findings.length} findings`);
}
