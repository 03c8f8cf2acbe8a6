/**
 * The output formats of `flywheel check`: `human` for terminals, `json` (the contract's
 * document), `github` (workflow commands that become pull-request annotations) and `sarif`
 * (SARIF 2.1.0, for GitHub code scanning and other tools that read it).
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, Result } from 'sarif';
import type { Diagnostic } from 'vscode-languageserver';
import { dataOf, messageOf, severityOf } from '../language/diagnostic-codes.js';
import type { Severity } from '../core/severity.js';

declare const FLYWHEEL_VERSION: string;

export interface Finding {
    code: string;
    severity: Severity;
    message: string;
    /** 1-based, as the contract's JSON has them. */
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    /** A `diagnostics-left-out` notice: how many of each severity it stands for (counted in the summary, not printed). */
    leftOut?: Record<Severity, number>;
}

export interface FileReport {
    path: string;
    text: string;
    findings: Finding[];
}

export interface Summary {
    files: number;
    errors: number;
    warnings: number;
    infos: number;
}

export function toFinding(diagnostic: Diagnostic): Finding {
    const { start, end } = diagnostic.range;
    const { leftOut } = dataOf(diagnostic);
    return {
        ...(leftOut ? { leftOut } : {}),
        code: String(diagnostic.code ?? 'unknown'),
        severity: severityOf(diagnostic),
        message: messageOf(diagnostic),
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1
    };
}

/** Findings in reading order: by position, then errors before warnings. */
export function sortFindings(findings: Finding[]): Finding[] {
    const rank = { error: 0, warning: 1, info: 2 };
    return [...findings].sort((a, b) => a.line - b.line || a.column - b.column || rank[a.severity] - rank[b.severity]);
}

export function summarize(reports: FileReport[]): Summary {
    const all = reports.flatMap(r => r.findings);
    // A notice of diagnostics left out counts as what it stands for.
    const count = (severity: Severity) => all.reduce((sum, f) => sum + (f.leftOut ? f.leftOut[severity] : f.severity === severity ? 1 : 0), 0);
    return { files: reports.length, errors: count('error'), warnings: count('warning'), infos: count('info') };
}

/** The contract's fields of a finding (a notice's counts go into the summary). */
function printedFields(finding: Finding): Omit<Finding, 'leftOut'> {
    const { code, severity, message, line, column, endLine, endColumn } = finding;
    return { code, severity, message, line, column, endLine, endColumn };
}

export function formatJson(reports: FileReport[]): string {
    const files = reports.map(({ path, findings }) => ({ path, diagnostics: findings.map(printedFields) }));
    return JSON.stringify({ files, summary: summarize(reports) }, null, 2) + '\n';
}

export function formatGithub(reports: FileReport[]): string {
    return reports.flatMap(({ path, findings }) => findings.map(f => {
        const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
        const properties = [
            `file=${escapeProperty(path)}`, `line=${f.line}`, `col=${f.column}`,
            `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(`flywheel(${f.code})`)}`
        ].join(',');
        return `::${command} ${properties}::${escapeData(f.message)}\n`;
    })).join('');
}

// GitHub's workflow-command escaping: data escapes %, CR, LF; properties also : and ,.
function escapeData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One SARIF run: a rule per code that occurs, a result per diagnostic. Paths are relative URIs
 * against `%SRCROOT%` (the current folder), which is how code scanning matches them to the
 * repository's files; columns count UTF-16 code units, as the diagnostics' do.
 */
export function formatSarif(reports: FileReport[]): string {
    const codes = [...new Set(reports.flatMap(r => r.findings.map(f => f.code)))].sort();
    const results: Result[] = reports.flatMap(({ path, findings }) => findings.map(f => ({
        ruleId: f.code,
        ruleIndex: codes.indexOf(f.code),
        level: f.severity === 'info' ? 'note' : f.severity,
        message: { text: f.message },
        locations: [{
            physicalLocation: {
                artifactLocation: isAbsolute(path) ? { uri: pathToFileURL(path).href } : { uri: relativeUri(path), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.column) }
            }
        }]
    })));
    const log: Log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'flywheel', version: FLYWHEEL_VERSION, rules: codes.map(id => ({ id })) } },
            originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(`${process.cwd()}/`).href } },
            columnKind: 'utf16CodeUnits',
            results
        }]
    };
    return JSON.stringify(log, null, 2) + '\n';
}

/** A relative path as a relative URI reference: `/` separators, each segment percent-encoded. */
function relativeUri(path: string): string {
    return path.split(/[\\/]/).map(segment => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment))).join('/');
}

export interface HumanOptions {
    color: boolean;
}

/**
 * `path:line:col: severity: message [code]` (clickable in terminals and editors), the source
 * line with the range underlined, and a closing summary.
 */
export function formatHuman(reports: FileReport[], { color }: HumanOptions): string {
    const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
    const severityColor = { error: '31', warning: '33', info: '36' };
    const out: string[] = [];
    for (const { path, text, findings } of reports) {
        // An unreadable file has no text to show.
        const lines = text === '' ? [] : text.split(/\r\n|\r|\n/);
        for (const f of findings) {
            out.push(`${paint('1', `${path}:${f.line}:${f.column}`)}: ${paint(severityColor[f.severity], f.severity)}: ${f.message} ${paint('2', `[${f.code}]`)}`);
            out.push(...excerpt(lines, f, text => paint(severityColor[f.severity], text)));
        }
    }
    const summary = summarize(reports);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const files = plural(summary.files, 'file');
    if (summary.errors + summary.warnings + summary.infos === 0) {
        out.push(`${paint('32', '✓')} ${files} checked: no problems.`);
    } else {
        if (out.length > 0) out.push('');
        const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning')];
        if (summary.infos > 0) parts.push(plural(summary.infos, 'info'));
        out.push(`${paint(summary.errors > 0 ? '31' : '33', '✖')} ${parts.join(', ')} in ${files}.`);
    }
    return out.join('\n') + '\n';
}

function excerpt(lines: string[], f: Finding, paint: (text: string) => string): string[] {
    const source = lines[f.line - 1];
    if (source === undefined) return [];
    const gutter = String(f.line).length;
    const width = f.endLine === f.line ? Math.max(1, f.endColumn - f.column) : Math.max(1, source.length - f.column + 1);
    const marker = ' '.repeat(Math.max(0, f.column - 1)) + '^'.repeat(width);
    return [
        `  ${String(f.line)} | ${source.replace(/\t/g, ' ')}`,
        `  ${' '.repeat(gutter)} | ${paint(marker)}`
    ];
}
