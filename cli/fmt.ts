/**
 * `flywheel fmt [PATH…] [--check]`: the canonical layout, with the editor's formatter. Like Prettier's
 * `--write` and `--check`: files are rewritten only when they change, and `--check` writes
 * nothing. Files that do not parse are reported and left byte-for-byte as they are.
 */
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { createFlywheelServices, type FlywheelServices } from '../language/flywheel-lsp-module.js';
import { type FlywheelFormatter, formatText, FormattingWouldChangeMeaningError } from '../language/lsp/flywheel-formatter.js';
import { DiagnosticCode } from '../language/diagnostic-codes.js';
import { parseOptions } from './command.js';
import { readStdinOption } from './check.js';
import { ConfigFiles } from './config-files.js';
import { findFlyFiles } from './file-walk.js';
import { isUnreadable, type SourceFile, tryReadFlyFile, UsageError, writeFlyFile } from './files.js';
import { sortFindings, toFinding } from './report.js';
import { loadFiles } from './workspace.js';
import { writeErr, writeOut } from './output.js';

type Outcome = 'changed' | 'unchanged' | 'unparsable' | 'refused' | 'unreadable' | 'unwritable';

export async function runFmt(args: string[]): Promise<number> {
    const { values, positionals } = parseOptions(args, {
        check: { type: 'boolean' },
        'no-ignore': { type: 'boolean' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' }
    });
    const check = Boolean(values.check);
    // The formatter is an editor (LSP) service, so this command needs the full services.
    const services = createFlywheelServices(EmptyFileSystem).Flywheel;
    const stdin = readStdinOption(values.stdin, values['stdin-filename'], positionals);
    if (stdin) return formatStandardInput(services, stdin, check);
    const configs = new ConfigFiles(services.validation.FlywheelSettings);
    const found = findFlyFiles(positionals.length > 0 ? positionals : ['.'], { honourIgnores: !values['no-ignore'], configs });
    for (const path of found.ignored) writeErr(`flywheel: '${path}' is ignored by its flywheel.config.json (use --no-ignore to format it)\n`);
    const inputs = found.paths.map(tryReadFlyFile);
    const readable = inputs.filter((f): f is SourceFile => !isUnreadable(f));
    const loaded = await loadFiles(services, readable, false);

    const outcomes: Outcome[] = [];
    for (const input of inputs) {
        if (isUnreadable(input)) {
            writeErr(`${input.path}:1:1: error: ${input.reason} [unreadable-file]\n`);
            outcomes.push('unreadable');
        }
    }
    for (const { file, document } of loaded) {
        const outcome = await formatOne(services, document, file.path);
        if (outcome.kind !== 'formatted') {
            outcomes.push(outcome.kind);
        } else if (outcome.text === file.text) {
            outcomes.push('unchanged');
        } else if (check) {
            outcomes.push('changed');
            writeOut(`would reformat ${file.path}\n`);
        } else {
            try {
                writeFlyFile(file, outcome.text);
            } catch (error) {
                if (!(error instanceof UsageError)) throw error;
                writeErr(`${file.path}: error: ${error.message}\n`);
                outcomes.push('unwritable');
                continue;
            }
            outcomes.push('changed');
            writeOut(`formatted ${file.path}\n`);
        }
    }
    writeErr(summary(outcomes, check));
    if (outcomes.some(o => o === 'unreadable' || o === 'unwritable')) return 2;
    const failed = outcomes.some(o => o === 'unparsable' || o === 'refused' || (check && o === 'changed'));
    return failed ? 1 : 0;
}

/**
 * `fmt --stdin`: the formatted text on standard output, for editors and pre-commit tools that
 * pipe a buffer through. Text that does not parse comes back unchanged (a filter that printed
 * nothing would empty the buffer), its syntax errors on standard error and exit code 1.
 */
async function formatStandardInput(services: FlywheelServices, input: { path: string; text: string }, check: boolean): Promise<number> {
    const [{ file, document }] = await loadFiles(services, [{ path: input.path, text: input.text, bom: false }], false);
    const outcome = await formatOne(services, document, file.path);
    const text = outcome.kind === 'formatted' ? outcome.text : file.text;
    if (check) {
        if (outcome.kind === 'formatted' && text !== file.text) writeOut(`would reformat ${file.path}\n`);
    } else {
        writeOut(text);
    }
    return outcome.kind !== 'formatted' || (check && text !== file.text) ? 1 : 0;
}

type FormatOutcome = { kind: 'formatted'; text: string } | { kind: 'unparsable' | 'refused' };

async function formatOne(services: FlywheelServices, document: LangiumDocument, path: string): Promise<FormatOutcome> {
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length + parserErrors.length > 0) {
        await reportSyntaxErrors(services, document, path);
        return { kind: 'unparsable' };
    }
    try {
        return { kind: 'formatted', text: await formatText(services.lsp.Formatter as FlywheelFormatter, document) };
    } catch (error) {
        if (!(error instanceof FormattingWouldChangeMeaningError)) throw error;
        writeErr(`${path}: error: the formatter would change what this file means, so it was left as it is; please report it with the file [internal]\n`);
        return { kind: 'refused' };
    }
}

/** The same lines as `flywheel check` prints for them, so editors and terminals can jump to them. */
async function reportSyntaxErrors(services: FlywheelServices, document: LangiumDocument, path: string): Promise<void> {
    const diagnostics = await services.validation.DocumentValidator.validateDocument(document, { categories: ['built-in'] });
    const findings = sortFindings(diagnostics.filter(d => d.code === DiagnosticCode.SyntaxError).map(toFinding));
    for (const f of findings) {
        writeErr(`${path}:${f.line}:${f.column}: error: ${f.message} [${f.code}]\n`);
    }
}

function summary(outcomes: Outcome[], check: boolean): string {
    const count = (outcome: Outcome) => outcomes.filter(o => o === outcome).length;
    const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
    const parts = [`${files(count('changed'))} ${check ? 'would be reformatted' : 'reformatted'}`, `${files(count('unchanged'))} already canonical`];
    if (count('unparsable') > 0) parts.push(`${files(count('unparsable'))} not parsed (left untouched)`);
    if (count('refused') > 0) parts.push(`${files(count('refused'))} left untouched (formatter error)`);
    if (count('unreadable') > 0) parts.push(`${files(count('unreadable'))} unreadable`);
    if (count('unwritable') > 0) parts.push(`${files(count('unwritable'))} could not be written (left as they were)`);
    return `${parts.join(', ')}.\n`;
}
