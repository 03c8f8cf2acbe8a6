/**
 * `flywheel render FILE [-o OUT] [--theme light|dark] [--format svg|png] [--flywheel NAME]`: the same
 * drawing as the preview, for pull requests and slides. PNG is rasterised at 2× by resvg.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { renderModelsOf } from '../language/render-model.js';
import { DiagnosticCode } from '../language/diagnostic-codes.js';
import type { RenderModel } from '../renderer/model.js';
import { renderSvg, type Theme } from '../renderer/svg.js';
import { parseOptions } from './command.js';
import { readFlyFile, UsageError } from './files.js';
import { sortFindings, toFinding } from './report.js';
import { createCliServices, loadFiles } from './workspace.js';

export async function runRender(args: string[]): Promise<number> {
    const { values, positionals } = parseOptions(args, {
        output: { type: 'string', short: 'o' },
        theme: { type: 'string' },
        format: { type: 'string' },
        flywheel: { type: 'string' }
    });
    if (positionals.length !== 1) throw new UsageError('render takes one .fly file (see flywheel --help)');
    const [path] = positionals;
    if (!path.endsWith('.fly')) throw new UsageError(`'${path}' is not a .fly file`);
    const theme = oneOf<Theme>('--theme', values.theme ?? 'light', ['light', 'dark']);
    const format = oneOf('--format', values.format ?? (values.output && extname(values.output) === '.png' ? 'png' : 'svg'), ['svg', 'png'] as const);
    if (values.output?.endsWith('.fly')) throw new UsageError(`refusing to write the drawing over '${values.output}', a .fly file`);

    const services = createCliServices();
    const [{ file, document }] = await loadFiles(services, [readFlyFile(path)]);
    const syntaxErrors = (document.diagnostics ?? []).filter(d => d.code === DiagnosticCode.SyntaxError).map(toFinding);
    if (syntaxErrors.length > 0) {
        for (const f of sortFindings(syntaxErrors)) process.stderr.write(`${file.path}:${f.line}:${f.column}: error: ${f.message} [${f.code}]\n`);
        process.stderr.write(`flywheel: '${file.path}' does not parse, so it cannot be drawn\n`);
        return 1;
    }
    let models = renderModelsOf(document, services.analysis.FlywheelAnalyzer);
    if (values.flywheel !== undefined) {
        models = models.filter(m => m.name === values.flywheel);
        if (models.length === 0) throw new UsageError(`'${file.path}' has no flywheel named '${values.flywheel}'`);
    }
    if (models.length === 0) throw new UsageError(`'${file.path}' holds no flywheel to draw`);

    for (const model of models) {
        const bytes = await draw(model, theme, format);
        const target = outputPath(path, values.output, format, models.length > 1 ? model.name : undefined);
        if (target === '-') {
            process.stdout.write(bytes);
        } else {
            writeFileSync(target, bytes);
            process.stdout.write(`wrote ${target}\n`);
        }
    }
    return 0;
}

async function draw(model: RenderModel, theme: Theme, format: 'svg' | 'png'): Promise<string | Uint8Array> {
    const svg = renderSvg(model, { theme, standalone: true });
    if (format === 'svg') return svg;
    // Loaded only here: a native module that `flywheel check` never needs.
    const { Resvg } = await import('@resvg/resvg-js');
    return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true } }).render().asPng();
}

/** OUT as given (with -Name before the extension when several flywheels are drawn), or FILE beside its source. */
function outputPath(input: string, output: string | undefined, format: string, flywheel: string | undefined): string {
    if (output === '-') return '-';
    const base = output ?? `${input.slice(0, -'.fly'.length)}.${format}`;
    if (!flywheel) return base;
    const extension = extname(base);
    return `${base.slice(0, base.length - extension.length)}-${flywheel}${extension}`;
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`unknown value '${value}' for ${option} (expected ${allowed.join(' or ')})`);
    return value as T;
}
