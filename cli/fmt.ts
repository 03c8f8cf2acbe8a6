/**
 * `fly fmt [PATH…] [--check]`: the canonical layout, with the editor's formatter. Files that do
 * not parse are reported and left byte-for-byte as they are.
 */
import { EmptyFileSystem } from 'langium';
import { createFlywheelServices } from '../language/flywheel-module.js';
import { formatText } from '../language/lsp/flywheel-formatter.js';
import type { AbstractFormatter } from 'langium/lsp';
import { parseOptions } from './command.js';
import { findFlyFiles, readFlyFile, writeFlyFile } from './files.js';
import { sortFindings, toFinding } from './report.js';
import { loadFiles } from './workspace.js';

export async function runFmt(args: string[]): Promise<number> {
    const { values, positionals } = parseOptions(args, { check: { type: 'boolean' } });
    const check = Boolean(values.check);
    const services = createFlywheelServices(EmptyFileSystem).Flywheel;
    const formatter = services.lsp.Formatter as AbstractFormatter;
    const files = findFlyFiles(positionals.length > 0 ? positionals : ['.']).map(readFlyFile);
    const loaded = await loadFiles(services, files, false);

    let changed = 0;
    let unparsable = 0;
    for (const { file, document } of loaded) {
        const { lexerErrors, parserErrors } = document.parseResult;
        if (lexerErrors.length + parserErrors.length > 0) {
            unparsable++;
            const syntaxErrors = (await services.validation.DocumentValidator.validateDocument(document, { categories: ['built-in'] }))
                .filter(d => d.code === 'syntax-error').map(toFinding);
            for (const f of sortFindings(syntaxErrors)) {
                process.stderr.write(`${file.path}:${f.line}:${f.column}: error: ${f.message} [${f.code}] (left unformatted)\n`);
            }
            continue;
        }
        const formatted = await formatText(formatter, document);
        if (formatted === file.text) continue;
        changed++;
        if (check) {
            process.stdout.write(`would reformat ${file.path}\n`);
        } else {
            writeFlyFile(file, formatted);
            process.stdout.write(`formatted ${file.path}\n`);
        }
    }
    const unchanged = files.length - changed - unparsable;
    const plural = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
    const summary = [`${plural(changed)} ${check ? 'would be reformatted' : 'reformatted'}`, `${plural(unchanged)} already canonical`];
    if (unparsable > 0) summary.push(`${plural(unparsable)} not parsed`);
    process.stderr.write(`${summary.join(', ')}.\n`);
    return unparsable > 0 || (check && changed > 0) ? 1 : 0;
}
