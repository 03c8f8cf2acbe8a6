/**
 * `flywheel render FILE [-o OUT] [--theme light|dark] [--format svg|png] [--flywheel NAME]`: the same
 * drawing as the preview, for pull requests and slides. PNG is rasterised at 2× by resvg. FILE may
 * be a Markdown file: each ```fly block is drawn to a file of its own (FILE-1.svg, FILE-2.svg, …).
 */
import { EXPORT_FORMAT_NAMES, type ExportFormat, isExportFormat } from '../renderer/export-formats.js';
import { statSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { renderModelsOf } from '../language/render-model.js';
import { DiagnosticCode } from '../language/diagnostic-codes.js';
import type { RenderModel } from '../renderer/model.js';
import { renderSvg, type Theme } from '../renderer/svg.js';
import { parseOptions } from './command.js';
import type { Diagnostic } from 'vscode-languageserver';
import { isMarkdownPath } from './file-walk.js';
import { describeFsError, readFlyFile, type SourceFile, UsageError } from './files.js';
import { sortFindings, toFinding } from './report.js';
import { createCliServices, loadFiles } from './workspace.js';
import { writeErr, writeOut } from './output.js';

export async function runRender(args: string[]): Promise<number> {
    const { values, positionals } = parseOptions(args, {
        output: { type: 'string', short: 'o' },
        theme: { type: 'string' },
        format: { type: 'string' },
        flywheel: { type: 'string' }
    });
    if (positionals.length !== 1) throw new UsageError('render takes one .fly or Markdown file (see flywheel --help)');
    const [path] = positionals;
    const markdown = isMarkdownPath(path);
    if (!markdown && !path.endsWith('.fly')) throw new UsageError(`'${path}' is not a .fly or Markdown file`);
    const theme = oneOf<Theme>('--theme', values.theme ?? 'light', ['light', 'dark']);
    if (values.output?.endsWith('.fly')) throw new UsageError(`refusing to write the drawing over '${values.output}', a .fly file`);
    const format = formatOf(values.format, values.output);
    if (values.output !== undefined && values.output !== '-') checkFolderExists(values.output);

    const file = readFlyFile(path);
    const units = markdown ? await markdownUnits(file) : [{ source: file, number: undefined, toFile: (diagnostic: Diagnostic) => diagnostic }];
    const services = createCliServices();
    const loaded = await loadFiles(services, units.map(unit => unit.source));
    const drawings: Drawing[] = [];
    let unparsable = 0;
    for (const [i, { document }] of loaded.entries()) {
        const { number, toFile } = units[i];
        const syntaxErrors = (document.diagnostics ?? []).filter(d => d.code === DiagnosticCode.SyntaxError).map(d => toFinding(toFile(d)));
        if (syntaxErrors.length > 0) {
            for (const f of sortFindings(syntaxErrors)) writeErr(`${file.path}:${f.line}:${f.column}: error: ${f.message} [${f.code}]\n`);
            writeErr(number === undefined
                ? `flywheel: '${file.path}' does not parse, so it cannot be drawn\n`
                : `flywheel: block ${number} of '${file.path}' does not parse, so it is not drawn\n`);
            unparsable++;
            continue;
        }
        const models = renderModelsOf(document, services.analysis.FlywheelAnalyzer).filter(m => values.flywheel === undefined || m.name === values.flywheel);
        drawings.push(...models.map(model => ({ model, block: number, severalInBlock: models.length > 1 })));
    }
    if (drawings.length === 0) {
        if (unparsable > 0) return 1;
        if (values.flywheel !== undefined) throw new UsageError(`'${file.path}' has no flywheel named '${values.flywheel}'`);
        throw new UsageError(`'${file.path}' holds no flywheel to draw`);
    }

    if (values.output === '-' && drawings.length > 1) {
        throw new UsageError(`'${file.path}' holds ${drawings.length} flywheels and standard output takes one drawing: pick one with --flywheel NAME`);
    }

    const names = drawings.map(({ model, block, severalInBlock }) => [...(block === undefined ? [] : [String(block)]), ...(severalInBlock ? [model.name] : [])].join('-'));
    const targets = outputPaths(path, values.output, format, names, markdown);
    for (const [i, { model }] of drawings.entries()) {
        const bytes = await draw(model, theme, format);
        if (targets[i] === '-') {
            writeOut(bytes);
        } else {
            writeDrawing(targets[i], bytes);
            writeOut(`wrote ${targets[i]}\n`);
        }
    }
    return unparsable > 0 ? 1 : 0;
}

/** One flywheel to draw; `block` is the number of the Markdown file's ```fly block it is in. */
interface Drawing {
    model: RenderModel;
    block?: number;
    /** Whether its file (or block) holds several flywheels to draw. */
    severalInBlock: boolean;
}

/** The ```fly blocks of a Markdown file, numbered from 1 in the order they appear. */
async function markdownUnits(file: SourceFile) {
    // Loaded only for Markdown: drawing a .fly file does not pay for markdown-it.
    const { blockSources } = await import('./markdown.js');
    const blocks = blockSources(file);
    if (blocks.length === 0) throw new UsageError(`'${file.path}' holds no \`\`\`fly block to draw`);
    return blocks;
}

/**
 * --format, or the output's extension: the two must agree, and an extension that is neither
 * .svg nor .png (in any case) is refused rather than filled with the wrong kind of bytes.
 */
export function formatOf(option: string | undefined, output: string | undefined): ExportFormat {
    const format = option === undefined ? undefined : oneOf('--format', option, EXPORT_FORMAT_NAMES);
    if (output === undefined || output === '-') return format ?? 'svg';
    const extension = extname(output).slice(1).toLowerCase();
    if (!isExportFormat(extension)) {
        const files = EXPORT_FORMAT_NAMES.map(f => `.${f}`).join(' or ');
        throw new UsageError(`cannot tell what to write to '${output}': -o takes a ${files} file (or - for standard output)`);
    }
    if (format !== undefined && format !== extension) {
        throw new UsageError(`--format ${format} does not match '${output}': use a .${format} file, or leave --format out`);
    }
    return extension;
}

export function checkFolderExists(output: string): void {
    const folder = dirname(output);
    let isFolder: boolean;
    try {
        isFolder = statSync(folder).isDirectory();
    } catch {
        isFolder = false;
    }
    if (!isFolder) throw new UsageError(`cannot write '${output}': there is no folder '${folder}'`);
}

export function writeDrawing(target: string, bytes: string | Uint8Array): void {
    try {
        writeFileSync(target, bytes);
    } catch (error) {
        throw new UsageError(`cannot write '${target}': ${describeFsError(error)}`);
    }
}

async function draw(model: RenderModel, theme: Theme, format: ExportFormat): Promise<string | Uint8Array> {
    return inFormat(renderSvg(model, { theme, standalone: true }), format);
}

/** A standalone drawing as the file's bytes: the SVG itself, or a PNG at 2×. */
export async function inFormat(svg: string, format: ExportFormat): Promise<string | Uint8Array> {
    if (format === 'svg') return svg;
    const { Resvg } = await loadResvg();
    return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true } }).render().asPng();
}

/**
 * resvg, loaded only here: a native module that no other command needs. Its binary for this
 * platform comes as an optional dependency, which `npm install --omit=optional` or an unsupported
 * platform leaves out; say so in one line rather than as an internal error.
 */
async function loadResvg(): Promise<typeof import('@resvg/resvg-js')> {
    try {
        return await import('@resvg/resvg-js');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw error;
        throw new UsageError(`PNG export needs resvg's native module for ${process.platform}-${process.arch}, which is not installed `
            + `(were optional dependencies skipped?): reinstall flywheel with them, or use --format svg`);
    }
}

/**
 * Where each flywheel's drawing goes: OUT as given, or FILE.svg beside its source; with several
 * flywheels (or `alwaysNamed`), -Name before the extension (for a Markdown file's blocks, the name
 * is the block's number, then its flywheel's where the block holds several: -2, -2-Name). Names that would land on the same file — twice the
 * same name, or names differing only in case on a case-insensitive disk — get -2, -3… (a name
 * cannot contain '-', so these never meet another flywheel's file).
 */
export function outputPaths(input: string, output: string | undefined, format: string, names: string[], alwaysNamed = false): string[] {
    if (output === '-') return names.map(() => '-');
    const base = output ?? `${input.slice(0, input.length - extname(input).length)}.${format}`;
    if (names.length === 1 && !alwaysNamed) return [base];
    const extension = extname(base);
    const stem = base.slice(0, base.length - extension.length);
    const taken = new Map<string, number>();
    return names.map(name => {
        const key = name.toLowerCase();
        const count = (taken.get(key) ?? 0) + 1;
        taken.set(key, count);
        return `${stem}-${name}${count > 1 ? `-${count}` : ''}${extension}`;
    });
}

export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`unknown value '${value}' for ${option} (expected ${allowed.join(' or ')})`);
    return value as T;
}
