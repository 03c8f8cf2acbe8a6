/**
 * `flywheel check [PATH…]`: the checker for CI, over the same validation as the editor, for
 * `.fly` files and the ```fly blocks of Markdown files (each block checked as a file of its own,
 * its findings reported at the Markdown file's lines and columns). One bad
 * file never hides the others: an unreadable file and a bad config file are reported as
 * diagnostics of their own (in every format), every other file is still checked, and the exit
 * code is 2 at the end.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { FileDiagnosticCode } from '../language/diagnostic-codes.js';
import type { FlywheelCoreServices } from '../language/flywheel-module.js';
import { parseOptions, useColor } from './command.js';
import { ConfigFiles } from './config-files.js';
import { type FoundFiles, findFlyFiles, isMarkdownPath, nothingFound } from './file-walk.js';
import { decodeUtf8, isUnreadable, type SourceFile, tryReadFlyFile, type UnreadableFile, UsageError } from './files.js';
import {
    type FileReport, type Finding, formatGithub, formatHuman, formatJson, formatSarif, sortFindings, summarize, toFinding
} from './report.js';
import { createCliServices, loadFiles } from './workspace.js';
import { writeErr, writeOut } from './output.js';

export type CheckFormat = 'human' | 'json' | 'github' | 'sarif';
const FORMATS: CheckFormat[] = ['human', 'json', 'github', 'sarif'];

export interface CheckOptions {
    paths: string[];
    format: CheckFormat;
    maxDrivers?: number;
    strict: boolean;
    color: boolean;
    honourIgnores: boolean;
    /** `--stdin`: the text to check, and the path it stands for (config lookup, report). */
    stdin?: { path: string; text: string };
}

export interface CheckResult {
    output: string;
    /** 0 clean, 1 errors (or warnings with --strict), 2 an unreadable file, a bad config or an internal error. */
    exitCode: 0 | 1 | 2;
    /** Lines for standard error: ignored files, internal errors. */
    notes: string[];
}

export async function checkFiles(services: FlywheelCoreServices, options: CheckOptions): Promise<CheckResult> {
    const settings = services.validation.FlywheelSettings;
    settings.maxDriversOverride = options.maxDrivers;
    const configs = new ConfigFiles(settings);
    const notes: string[] = [];
    let inputs: Array<CheckedFile | UnreadableFile>;
    if (options.stdin) {
        configs.nearest(resolve(options.stdin.path, '..'));
        inputs = [flyFile({ path: options.stdin.path, text: options.stdin.text, bom: false })];
    } else {
        const paths = options.paths.length > 0 ? options.paths : ['.'];
        const found = findFlyFiles(paths, { honourIgnores: options.honourIgnores, configs, markdown: true });
        for (const path of found.ignored) notes.push(`flywheel: '${path}' is ignored by its ${configFileOf(configs, path)} (use --no-ignore to check it)`);
        inputs = await readInputs(found);
        if (found.paths.length > 0 && inputs.length === 0) throw new UsageError(`no ${nothingFound({ markdown: true })} found in '${paths.join("', '")}'`);
        // Each file's config is read before the files are checked, so its settings apply.
        for (const input of inputs) configs.nearest(resolve(pathOf(input), '..'));
    }
    const documents = inputs.flatMap(input => (isUnreadable(input) ? [] : input.documents));
    const loaded = new Map((await loadFiles(services, documents.map(d => d.source))).map(l => [l.file, l.document]));
    const fileReports: FileReport[] = inputs.map(input => isUnreadable(input)
        ? { path: input.path, text: '', findings: [unreadableFinding(input)] }
        : {
            path: input.file.path,
            text: input.file.text,
            findings: sortFindings(input.documents.flatMap(d => (loaded.get(d.source)!.diagnostics ?? []).map(d.toFile)).map(toFinding))
        });
    const reports = [...configReports(configs), ...fileReports];

    const internal = fileReports.flatMap(r => r.findings.filter(f => f.code === 'unknown').map(f => `flywheel: internal error while checking '${r.path}': ${f.message} (please report it)`));
    for (const note of internal) notes.push(note);
    const summary = summarize(reports);
    const badInput = inputs.some(isUnreadable) || reports.length > fileReports.length || internal.length > 0;
    const failed = summary.errors > 0 || (options.strict && summary.warnings > 0);
    return { output: render(reports, options), exitCode: badInput ? 2 : failed ? 1 : 0, notes };
}

/** A file checked, and the flywheel documents in it: the file itself, or each ```fly block of a Markdown file. */
interface CheckedFile {
    file: SourceFile;
    documents: Array<{ source: SourceFile; toFile: (diagnostic: Diagnostic) => Diagnostic }>;
}

function flyFile(file: SourceFile): CheckedFile {
    return { file, documents: [{ source: file, toFile: diagnostic => diagnostic }] };
}

function pathOf(input: CheckedFile | UnreadableFile): string {
    return isUnreadable(input) ? input.path : input.file.path;
}

/**
 * Reads the files found. A Markdown file found in a folder counts only when it holds a ```fly
 * block (a project's README is no flywheel); one named on the command line always counts.
 */
async function readInputs(found: FoundFiles): Promise<Array<CheckedFile | UnreadableFile>> {
    const inputs: Array<CheckedFile | UnreadableFile> = [];
    for (const path of found.paths) {
        if (!isMarkdownPath(path)) {
            const file = tryReadFlyFile(path);
            inputs.push(isUnreadable(file) ? file : flyFile(file));
            continue;
        }
        // Loaded only for Markdown: checking .fly files does not pay for markdown-it.
        const markdown = await import('./markdown.js');
        const walked = found.walked.has(path);
        if (walked && !markdown.mayHoldFlyBlocks(path)) continue;
        const file = tryReadFlyFile(path);
        inputs.push(isUnreadable(file) ? file : { file, documents: markdown.blockSources(file) });
    }
    return inputs;
}

function configFileOf(configs: ConfigFiles, path: string): string {
    return configs.nearest(resolve(path, '..'))?.path ?? 'flywheel.config.json';
}

function unreadableFinding(file: UnreadableFile): Finding {
    return { code: FileDiagnosticCode.UnreadableFile, severity: 'error', message: file.reason, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** A report for each config file with problems, its `invalid-config` diagnostics at their places. */
function configReports(configs: ConfigFiles): FileReport[] {
    const invalid = (message: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Finding => ({
        code: FileDiagnosticCode.InvalidConfig, severity: 'error', message,
        line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1
    });
    const bad = configs.configs.filter(c => c.loaded.problems.length > 0)
        .map(c => ({ path: c.path, text: c.text, findings: c.loaded.problems.map(p => invalid(p.message, p.range)) }));
    const unreadable = configs.unreadable.map(u => ({ path: u.path, text: '', findings: [invalid(u.problem.message, u.problem.range)] }));
    return [...bad, ...unreadable];
}

function render(reports: FileReport[], options: CheckOptions): string {
    switch (options.format) {
        case 'json': return formatJson(reports);
        case 'github': return formatGithub(reports);
        case 'sarif': return formatSarif(reports);
        case 'human': return formatHuman(reports, { color: options.color });
    }
}

export function parseFormat(value: string | undefined): CheckFormat {
    if (value === undefined) return 'human';
    if ((FORMATS as string[]).includes(value)) return value as CheckFormat;
    throw new UsageError(`unknown format '${value}' for --format (expected human, json, github or sarif)`);
}

export function parseMaxDrivers(value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new UsageError(`--max-drivers takes a whole number (0 or more), not '${value}'`);
    return Number(value);
}

/** `--stdin` with `--stdin-filename`: the text of standard input, and the path it is reported (and configured) as. */
export function readStdinOption(stdin: boolean | undefined, filename: string | undefined, positionals: string[]): { path: string; text: string } | undefined {
    if (!stdin) {
        if (filename !== undefined) throw new UsageError('--stdin-filename goes with --stdin');
        return undefined;
    }
    if (positionals.length > 0) throw new UsageError('--stdin reads standard input: give no PATH with it');
    const path = filename ?? 'stdin.fly';
    if (!path.endsWith('.fly')) throw new UsageError(`--stdin-filename '${path}' is not a .fly file`);
    const bytes = readFileSync(0);
    return { path, text: decodeUtf8(filename ?? 'standard input', bytes) };
}

/** `flywheel check` with its command-line arguments; resolves to the exit code. */
export async function runCheck(args: string[]): Promise<number> {
    const { values, positionals } = parseOptions(args, {
        format: { type: 'string' },
        'max-drivers': { type: 'string' },
        strict: { type: 'boolean' },
        'no-ignore': { type: 'boolean' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' }
    });
    const format = parseFormat(values.format);
    const maxDrivers = parseMaxDrivers(values['max-drivers']);
    const result = await checkFiles(createCliServices(), {
        paths: positionals,
        format,
        maxDrivers,
        strict: Boolean(values.strict),
        color: useColor(),
        honourIgnores: !values['no-ignore'],
        stdin: readStdinOption(values.stdin, values['stdin-filename'], positionals)
    });
    for (const note of result.notes) writeErr(`${note}\n`);
    writeOut(result.output);
    return result.exitCode;
}
