/**
 * The `flywheel` command line: a thin layer over the language's services. Bad usage and unreadable
 * input print one line (`flywheel: …`) and exit with 2; nothing prints a stack trace unless
 * FLYWHEEL_DEBUG is set.
 */
import { fileURLToPath } from 'node:url';
import type { Command } from './command.js';
import { UsageError } from './files.js';
import { DEFAULT_MAX_DRIVERS } from '../core/limits.js';
import { EXPORT_FORMAT_NAMES } from '../renderer/export-formats.js';
import { writeErr, writeOut } from './output.js';

declare const FLYWHEEL_VERSION: string;

/**
 * Every command, in the order `flywheel --help` lists them. Each loads its code only when it runs,
 * so `flywheel check` in CI does not pay for the formatter or the renderer.
 */
const COMMANDS: Command[] = [
    {
        name: 'check',
        usage: `  check [PATH…]   check .fly files, or every .fly file under the given folders (default: .),
                  and the \`\`\`fly blocks of Markdown files (named, or found there)
      --format human|json|github|sarif   output format (default: human)
      --no-ignore                  also walk what .gitignore and flywheel.config.json's ignore skip
      --stdin [--stdin-filename P] check standard input, as the file P (default stdin.fly)
      --max-drivers N              warn above N drivers per flywheel (default: ${DEFAULT_MAX_DRIVERS})
      --strict                     exit with 1 on warnings too
      exit code: 0 no errors, 1 errors found (or warnings with --strict), 2 bad usage or unreadable input`,
        run: async args => (await import('./check.js')).runCheck(args)
    },
    {
        name: 'fmt',
        usage: `  fmt [PATH…]     rewrite .fly files in the canonical layout (default: every .fly file under .)
      --check                      only list the files that would change
      --no-ignore                  also walk what .gitignore and flywheel.config.json's ignore skip
      --stdin [--stdin-filename P] format standard input to standard output
      exit code: 0 done (or nothing to change), 1 a file did not parse (left as it is) or, with --check, would change, 2 bad usage`,
        run: async args => (await import('./fmt.js')).runFmt(args)
    },
    {
        name: 'diff',
        usage: `  diff OLD NEW    what changed in meaning: goal, drivers, kinds, links, loops, diagnostics, whether the wheel closes
      --format text|markdown|json|${EXPORT_FORMAT_NAMES.join('|')}  output format (default: text; markdown for a pull-request comment or job
                                   summary; svg or png: the new wheel drawn with what changed marked, one drawing per changed flywheel)
      -o, --output OUT             where svg or png go (default: standard output; several flywheels: OUT-Name.svg each)
      --theme light|dark           the drawing's colours (default: light)
      --git                        take the arguments git passes to an external diff driver (diff.flywheel.command; words only)
      OLD may be - for standard input; an empty file or /dev/null stands for a file added or deleted
      exit code: 0 compared (changed or not), 1 a version does not parse so it cannot be drawn, 2 bad usage or unreadable input`,
        run: async args => (await import('./diff.js')).runDiff(args)
    },
    {
        name: 'report',
        usage: `  report FILE     the pressure test: loops through the goal, single points of failure, what each driver's
                  failure leaves turning, initiatives ranked by leverage, the ones to say no to, drivers no initiative pushes
      --format markdown|json       output format (default: markdown)
      exit code: 0 no errors, 1 errors found (no report when the file does not parse), 2 bad usage or unreadable input`,
        run: async args => (await import('./pressure-report.js')).runReport(args)
    },
    {
        name: 'render',
        usage: `  render FILE     draw each flywheel of FILE exactly as the preview does; for a Markdown
                  file, each \`\`\`fly block to a file of its own (FILE-1.svg, FILE-2.svg, …)
      -o, --output OUT             where to write (default: FILE.svg beside it; - for standard output)
      --theme light|dark           colours (default: light)
      --format ${EXPORT_FORMAT_NAMES.join('|')}             SVG, or PNG at 2× for slides (default: from OUT, else svg)
      --flywheel NAME              only this flywheel (a file with several gets FILE-NAME.svg each)
      exit code: 0 drawn, 1 the file does not parse, 2 bad usage or unreadable input`,
        run: async args => (await import('./render.js')).runRender(args)
    }
];

/** docs/language.md, shipped in the package beside out/ (this code is bundled into out/cli.mjs). */
const LANGUAGE_REFERENCE = fileURLToPath(new URL('../docs/language.md', import.meta.url));

function usage(): string {
    return [
        'Usage: flywheel <command> [options]',
        '',
        'Commands:',
        ...COMMANDS.map(command => command.usage),
        '',
        'Exit codes: 0 success, 1 problems found (see each command), 2 bad usage or unreadable input.',
        'Options: --help, --version',
        '',
        `The language (names, arrows, kinds, every diagnostic and its fix): ${LANGUAGE_REFERENCE}`
    ].join('\n');
}

async function main(argv: string[]): Promise<number> {
    const [name, ...args] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        writeOut(usage() + '\n');
        return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
        writeOut(`${FLYWHEEL_VERSION}\n`);
        return 0;
    }
    const command = COMMANDS.find(c => c.name === name);
    if (!command) {
        throw new UsageError(`unknown command '${name}' (expected ${COMMANDS.map(c => c.name).join(', ')}; see flywheel --help)`);
    }
    if (args.includes('--help') || args.includes('-h')) {
        writeOut(command.usage + '\n');
        return 0;
    }
    return command.run(args);
}

main(process.argv.slice(2)).then(
    code => { process.exitCode = code; },
    (error: unknown) => {
        if (error instanceof UsageError) {
            writeErr(`flywheel: ${error.message}\n`);
        } else {
            writeErr(`flywheel: internal error: ${(error as Error)?.message ?? error} (please report it; set FLYWHEEL_DEBUG=1 for details)\n`);
            if (process.env.FLYWHEEL_DEBUG) writeErr(`${(error as Error)?.stack}\n`);
        }
        process.exitCode = 2;
    }
);
