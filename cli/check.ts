/** `flywheel check [PATH…]`: the checker for CI, over the same validation as the editor. */
import type { FlywheelCoreServices } from '../language/flywheel-module.js';
import { parseOptions, useColor } from './command.js';
import { findFlyFiles, readFlyFile, UsageError } from './files.js';
import { type FileReport, formatGithub, formatHuman, formatJson, sortFindings, summarize, toFinding } from './report.js';
import { createCliServices, loadFiles } from './workspace.js';

export type CheckFormat = 'human' | 'json' | 'github';

export interface CheckOptions {
    paths: string[];
    format: CheckFormat;
    maxDrivers?: number;
    strict: boolean;
    color: boolean;
}

export interface CheckResult {
    output: string;
    exitCode: 0 | 1;
}

export async function checkFiles(services: FlywheelCoreServices, options: CheckOptions): Promise<CheckResult> {
    if (options.maxDrivers !== undefined) {
        services.validation.FlywheelSettings.maxDrivers = options.maxDrivers;
    }
    const files = findFlyFiles(options.paths.length > 0 ? options.paths : ['.']).map(readFlyFile);
    const loaded = await loadFiles(services, files);
    const reports: FileReport[] = loaded.map(({ file, document }) => ({
        path: file.path,
        text: file.text,
        findings: sortFindings((document.diagnostics ?? []).map(toFinding))
    }));
    const summary = summarize(reports);
    const failed = summary.errors > 0 || (options.strict && summary.warnings > 0);
    return { output: render(reports, options), exitCode: failed ? 1 : 0 };
}

function render(reports: FileReport[], options: CheckOptions): string {
    switch (options.format) {
        case 'json': return formatJson(reports);
        case 'github': return formatGithub(reports);
        case 'human': return formatHuman(reports, { color: options.color });
    }
}

export function parseFormat(value: string | undefined): CheckFormat {
    if (value === undefined) return 'human';
    if (value === 'human' || value === 'json' || value === 'github') return value;
    throw new UsageError(`unknown format '${value}' for --format (expected human, json or github)`);
}

export function parseMaxDrivers(value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new UsageError(`--max-drivers takes a whole number, not '${value}'`);
    return Number(value);
}

/** `flywheel check` with its command-line arguments; resolves to the exit code. */
export async function runCheck(args: string[]): Promise<number> {
    const { values, positionals } = parseOptions(args, {
        format: { type: 'string' },
        'max-drivers': { type: 'string' },
        strict: { type: 'boolean' }
    });
    const result = await checkFiles(createCliServices(), {
        paths: positionals,
        format: parseFormat(values.format),
        maxDrivers: parseMaxDrivers(values['max-drivers']),
        strict: Boolean(values.strict),
        color: useColor()
    });
    process.stdout.write(result.output);
    return result.exitCode;
}
