/**
 * `flywheel diff OLD NEW --format svg|png [-o OUT] [--theme light|dark]`: the visual diff, one
 * drawing per changed flywheel (language/change-drawings.ts), written like `flywheel render` writes
 * its drawings. A file whose flywheels did not change in meaning gets their plain drawings, with
 * no marks. A side that does not parse cannot be drawn: its syntax errors and exit code 1.
 */
import type { ExportFormat } from '../renderer/export-formats.js';
import type { LangiumDocument } from 'langium';
import type { Model } from '../language/generated/ast.js';
import { DiagnosticCode } from '../language/diagnostic-codes.js';
import { changeDrawingsOf } from '../language/change-drawings.js';
import type { FlywheelCoreServices } from '../language/flywheel-module.js';
import type { Theme } from '../renderer/svg.js';
import { UsageError } from './files.js';
import { checkFolderExists, inFormat, outputPaths, writeDrawing } from './render.js';
import { sortFindings, toFinding } from './report.js';
import { writeErr, writeOut } from './output.js';

export interface DrawnSide {
    /** How the side is named in messages. */
    name: string;
    document?: LangiumDocument<Model>;
}

export interface DrawingOptions {
    format: ExportFormat;
    /** A file, `-` for standard output; undefined: standard output. */
    output?: string;
    theme: Theme;
}

export async function writeDiffDrawings(services: FlywheelCoreServices, sides: [DrawnSide, DrawnSide], options: DrawingOptions): Promise<number> {
    if (options.output !== undefined && options.output !== '-') checkFolderExists(options.output);
    for (const side of sides) if (!parses(side)) return 1;
    const drawn = changeDrawingsOf(sides[0].document, sides[1].document, services.analysis.FlywheelAnalyzer, { theme: options.theme, standalone: true });
    if (drawn.length === 0) throw new UsageError(`neither ${sides[0].name} nor ${sides[1].name} holds a flywheel to draw`);
    const toStdout = options.output === undefined || options.output === '-';
    if (toStdout && drawn.length > 1) {
        throw new UsageError(`${drawn.length} flywheels changed and standard output takes one drawing: give -o OUT (each is written to OUT-Name.${options.format})`);
    }
    const targets = toStdout ? drawn.map(() => '-') : outputPaths(options.output!, options.output, options.format, drawn.map(d => d.name));
    for (const [i, { svg }] of drawn.entries()) {
        const bytes = await inFormat(svg, options.format);
        if (targets[i] === '-') {
            writeOut(bytes);
        } else {
            writeDrawing(targets[i], bytes);
            writeOut(`wrote ${targets[i]}\n`);
        }
    }
    return 0;
}

/** A side that is there and has syntax errors: they are reported, as `flywheel render` reports them. */
function parses({ name, document }: DrawnSide): boolean {
    const syntaxErrors = (document?.diagnostics ?? []).filter(d => d.code === DiagnosticCode.SyntaxError).map(toFinding);
    if (syntaxErrors.length === 0) return true;
    for (const f of sortFindings(syntaxErrors)) writeErr(`${name}:${f.line}:${f.column}: error: ${f.message} [${f.code}]\n`);
    writeErr(`flywheel: '${name}' does not parse, so what changed cannot be drawn\n`);
    return false;
}
