/**
 * A parsed and validated document as the plain data `semantic-diff.ts` compares: each named
 * flywheel's graph, analysis and the diagnostics inside it, and the rest (syntax errors, text
 * between flywheels) for the file.
 */
import type { LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { Model } from './generated/ast.js';
import { DiagnosticCode, messageOf } from './diagnostic-codes.js';
import type { FlywheelAnalyzer } from './flywheel-analyzer.js';
import type { DiagnosticSummary, FileSnapshot } from '../core/semantic-diff.js';

export function fileSnapshotOf(document: LangiumDocument<Model>, analyzer: FlywheelAnalyzer): FileSnapshot {
    const diagnostics = document.diagnostics ?? [];
    const flywheels = document.parseResult.value.flywheels.filter(f => f.name);
    // A syntax error breaks the file, not one flywheel: parser recovery may have moved text between them.
    const inside = (range: Range | undefined) => (d: Diagnostic) => d.code !== DiagnosticCode.SyntaxError && contains(range, d.range);
    const { lexerErrors, parserErrors } = document.parseResult;
    return {
        flywheels: flywheels.map(flywheel => {
            const { graph, analysis } = analyzer.analyze(flywheel);
            return { graph, analysis, diagnostics: diagnostics.filter(inside(flywheel.$cstNode?.range)).map(summarize) };
        }),
        diagnostics: diagnostics.filter(d => !flywheels.some(f => inside(f.$cstNode?.range)(d))).map(summarize),
        parses: lexerErrors.length + parserErrors.length === 0
    };
}

function summarize(diagnostic: Diagnostic): DiagnosticSummary {
    const severity = diagnostic.severity === 1 ? 'error' : diagnostic.severity === 2 ? 'warning' : 'info';
    return { code: String(diagnostic.code ?? 'unknown'), severity, message: messageOf(diagnostic) };
}

function contains(outer: Range | undefined, inner: Range): boolean {
    if (!outer) return false;
    const notAfter = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return notAfter(outer.start, inner.start) && notAfter(inner.end, outer.end);
}
