/**
 * What `flywheel check FILE` does at start-up, step by step, timed: run by `npm run bench` as a
 * child process of its own (bundled like the CLI, with the compile cache on as bin/flywheel.mjs
 * has it), it prints one JSON line of milliseconds per step. The steps are the CLI's own
 * modules and services, in the order the CLI reaches them; Chevrotain's self-analysis is timed
 * inside the parser's construction by wrapping it.
 */
import module from 'node:module';

const started = performance.now(); // Node's own start-up, until this module runs
module.enableCompileCache?.();
const file = process.argv[2];

const loading = performance.now();
const chevrotain = await import('chevrotain');
const { checkFiles } = await import('../cli/check.js');
const { createCliServices } = await import('../cli/workspace.js');
const loaded = performance.now();

let selfAnalysis = 0;
const parserClass = chevrotain.EmbeddedActionsParser.prototype as unknown as { performSelfAnalysis(): void };
const performSelfAnalysis = parserClass.performSelfAnalysis;
parserClass.performSelfAnalysis = function (this: unknown) {
    const start = performance.now();
    performSelfAnalysis.call(this);
    selfAnalysis += performance.now() - start;
};

const services = createCliServices();
const created = performance.now();
void services.Grammar;
const grammar = performance.now();
void services.parser.Lexer;
const lexer = performance.now();
void services.parser.LangiumParser;
const parser = performance.now();
const { output } = await checkFiles(services, { paths: [file], format: 'human', strict: false, color: false, honourIgnores: true });
const checked = performance.now();
if (!output.includes('no problems')) throw new Error(`the probe's file should be clean: ${output}`);

process.stdout.write(JSON.stringify({
    'Node start': started,
    'module load': loaded - loading,
    'services wired': created - loaded,
    'grammar loaded': grammar - created,
    'lexer built': lexer - grammar,
    'parser rules recorded': parser - lexer - selfAnalysis,
    'Chevrotain performSelfAnalysis': selfAnalysis,
    'read + parse + check + report': checked - parser
}) + '\n');
