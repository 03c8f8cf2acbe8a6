/**
 * The `fly` command line: a thin layer over the language's services. Bad usage and unreadable
 * input print one line (`fly: …`) and exit with 2; nothing prints a stack trace unless
 * FLY_DEBUG is set.
 */
import { parseArgs } from 'node:util';
import { checkFiles, parseFormat, parseMaxDrivers } from './check.js';
import { UsageError } from './files.js';
import { createCliServices } from './workspace.js';

declare const FLY_VERSION: string;

const USAGE = `Usage: fly <command> [options]

Commands:
  check [PATH…]   check .fly files, or every .fly file under the given folders (default: .)
      --format human|json|github   output format (default: human)
      --max-drivers N              warn above N drivers per flywheel (default: 10)
      --strict                     exit with 1 on warnings too

Exit codes: 0 no errors, 1 errors found (or warnings with --strict), 2 bad usage or unreadable input.
Options: --help, --version`;

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
        process.stdout.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
        process.stdout.write(`${FLY_VERSION}\n`);
        return 0;
    }
    switch (command) {
        case 'check': return runCheck(rest);
        default: throw new UsageError(`unknown command '${command}' (expected check; see fly --help)`);
    }
}

async function runCheck(args: string[]): Promise<number> {
    const { values, positionals } = parseOptions(args, {
        format: { type: 'string' },
        'max-drivers': { type: 'string' },
        strict: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
    });
    if (values.help) {
        process.stdout.write(USAGE + '\n');
        return 0;
    }
    const result = await checkFiles(createCliServices(), {
        paths: positionals,
        format: parseFormat(values.format),
        maxDrivers: parseMaxDrivers(values['max-drivers']),
        strict: Boolean(values.strict),
        color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
    });
    process.stdout.write(result.output);
    return result.exitCode;
}

type OptionSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

function parseOptions<T extends OptionSpec>(args: string[], options: T) {
    try {
        return parseArgs({ args, options, allowPositionals: true, strict: true });
    } catch (error) {
        const code = (error as { code?: string }).code;
        const option = /'([^']+)'/.exec((error as Error).message)?.[1];
        if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option '${option}' (see fly --help)`);
        if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`option '${option?.split(' ')[0]}' needs a value`);
        throw new UsageError((error as Error).message);
    }
}

main(process.argv.slice(2)).then(
    code => { process.exitCode = code; },
    (error: unknown) => {
        if (error instanceof UsageError) {
            process.stderr.write(`fly: ${error.message}\n`);
        } else {
            process.stderr.write(`fly: internal error: ${(error as Error)?.message ?? error} (please report it; set FLY_DEBUG=1 for details)\n`);
            if (process.env.FLY_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
        }
        process.exitCode = 2;
    }
);
