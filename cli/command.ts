/** What every `flywheel` subcommand provides, and the option parsing they share. */
import { UsageError } from './files.js';
import { stdoutIsTerminal } from './output.js';

// Not `import … from 'node:util'`: building util's ES namespace loads its diff, which opens
// process.stderr and with it Node's streams (about 3 ms of every start; see output.ts).
const { parseArgs } = process.getBuiltinModule('node:util');

export interface Command {
    name: string;
    /** Its lines in `flywheel --help`: the synopsis, then indented options. */
    usage: string;
    /** Runs with the arguments after the command's name; resolves to the exit code. */
    run(args: string[]): Promise<number>;
}

type OptionSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

/** `node:util`'s parseArgs, with its errors turned into one-line usage errors. */
export function parseOptions<T extends OptionSpec>(args: string[], options: T) {
    try {
        return parseArgs({ args: withNegativeValues(args, options), options, allowPositionals: true, strict: true });
    } catch (error) {
        const code = (error as { code?: string }).code;
        const option = /'([^']+)'/.exec((error as Error).message)?.[1];
        if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option '${option}' (see flywheel --help)`);
        if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`option '${option?.split(' ')[0]}' needs a value`);
        throw new UsageError((error as Error).message);
    }
}

/**
 * parseArgs reads `--max-drivers -1` as two options and says the first "needs a value"; a value
 * that looks like a negative number is the option's value, so the option can say what is wrong
 * with it.
 */
function withNegativeValues(args: string[], options: OptionSpec): string[] {
    const optionTakingValue = (arg: string) => {
        const name = arg.startsWith('--') ? arg.slice(2) : arg.startsWith('-') ? Object.keys(options).find(key => options[key].short === arg.slice(1)) : undefined;
        return name !== undefined && options[name]?.type === 'string' ? name : undefined;
    };
    const out: string[] = [];
    for (let i = 0; i < args.length; i++) {
        const name = optionTakingValue(args[i]);
        if (name !== undefined && /^-\d/.test(args[i + 1] ?? '')) out.push(`--${name}=${args[++i]}`);
        else out.push(args[i]);
    }
    return out;
}

/** Colour only for a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(): boolean {
    return stdoutIsTerminal() && !process.env.NO_COLOR;
}
