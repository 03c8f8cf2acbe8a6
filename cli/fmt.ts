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
import { findFlyFiles, readFlyFile, writeFlyFile } from './files.js';
import { sortFindings, toFinding } from './report.js';
import { loadFiles } from './workspace.js';

type Outcome = 'changed' | 'unchanged' | 'unparsable' | 'refused';

export async function runFmt(args: string[]): Promise<number> {
    const { values, positionals } = parseOptions(args, { check: { type: 'boolean' } });
    const check = Boolean(values.check);
    // The formatter is an editor (LSP) service, so this command needs the full services.
    const services = createFlywheelServices(EmptyFileSystem).Flywheel;
    const files = findFlyFiles(positionals.length > 0 ? positionals : ['.']).map(readFlyFile);
    const loaded = await loadFiles(services, files, false);

    const outcomes: Outcome[] = [];
    for (const { file, document } of loaded) {
        const outcome = await formatOne(services, document, file.path);
        if (outcome.kind !== 'formatted') {
            outcomes.push(outcome.kind);
        } else if (outcome.text === file.text) {
            outcomes.push('unchanged');
        } else {
            outcomes.push('changed');
            if (!check) writeFlyFile(file, outcome.text);
            process.stdout.write(`${check ? 'would reformat' : 'formatted'} ${file.path}\n`);
        }
    }
    process.stderr.write(summary(outcomes, check));
    const failed = outcomes.some(o => o === 'unparsable' || o === 'refused' || (check && o === 'changed'));
    return failed ? 1 : 0;
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
        process.stderr.write(`${path}: error: the formatter would change what this file means, so it was left as it is; please report it with the file [internal]\n`);
        return { kind: 'refused' };
    }
}

/** The same lines as `flywheel check` prints for them, so editors and terminals can jump to them. */
async function reportSyntaxErrors(services: FlywheelServices, document: LangiumDocument, path: string): Promise<void> {
    const diagnostics = await services.validation.DocumentValidator.validateDocument(document, { categories: ['built-in'] });
    const findings = sortFindings(diagnostics.filter(d => d.code === DiagnosticCode.SyntaxError).map(toFinding));
    for (const f of findings) {
        process.stderr.write(`${path}:${f.line}:${f.column}: error: ${f.message} [${f.code}]\n`);
    }
}

function summary(outcomes: Outcome[], check: boolean): string {
    const count = (outcome: Outcome) => outcomes.filter(o => o === outcome).length;
    const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
    const parts = [`${files(count('changed'))} ${check ? 'would be reformatted' : 'reformatted'}`, `${files(count('unchanged'))} already canonical`];
    if (count('unparsable') > 0) parts.push(`${files(count('unparsable'))} not parsed (left untouched)`);
    if (count('refused') > 0) parts.push(`${files(count('refused'))} left untouched (formatter error)`);
    return `${parts.join(', ')}.\n`;
}
