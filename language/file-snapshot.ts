/**
 * A parsed and validated document as the plain data `semantic-diff.ts` compares: each named
 * flywheel's graph, analysis and the diagnostics reported in it, and the rest (syntax errors,
 * text between flywheels) for the file. Which flywheel a diagnostic belongs to, and the nodes it
 * names, come from its data (`DiagnosticData`).
 */
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { Model } from './generated/ast.js';
import { byFlywheel, dataOf, messageOf, severityOf } from './diagnostic-codes.js';
import type { FlywheelAnalyzer } from './flywheel-analyzer.js';
import type { DiagnosticSummary, FileSnapshot } from '../core/semantic-diff.js';

export function fileSnapshotOf(document: LangiumDocument<Model>, analyzer: FlywheelAnalyzer): FileSnapshot {
    const { flywheels } = document.parseResult.value;
    const { inFlywheel, inFile } = byFlywheel(document.diagnostics ?? [], flywheels.length);
    const { lexerErrors, parserErrors } = document.parseResult;
    return {
        flywheels: flywheels.flatMap((flywheel, index) => {
            if (!flywheel.name) return [];
            const { graph, analysis } = analyzer.analyze(flywheel);
            return [{ graph, analysis, diagnostics: inFlywheel[index].map(summarize) }];
        }),
        // A diagnostic in a flywheel without a name (a syntax error) belongs to the file, with the syntax errors.
        diagnostics: [...inFile, ...inFlywheel.filter((_, index) => !flywheels[index].name).flat()].map(summarize),
        parses: lexerErrors.length + parserErrors.length === 0
    };
}

function summarize(diagnostic: Diagnostic): DiagnosticSummary {
    const { code, names, loops, reason } = dataOf(diagnostic);
    const summary: DiagnosticSummary = { code, severity: severityOf(diagnostic), message: messageOf(diagnostic) };
    if (names) summary.about = { names, ...(loops && { loops }), ...(reason && { reason }) };
    return summary;
}
