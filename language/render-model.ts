/**
 * The drawing's plain model for every flywheel of a document: the analysis, the diagnostics
 * reported in it with the node or link each is about (from its data), and source ranges for the preview.
 */
import type { LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { Model } from './generated/ast.js';
import type { FlywheelAnalyzer } from './flywheel-analyzer.js';
import { byFlywheel, dataOf, messageOf, severityOf } from './diagnostic-codes.js';
import { type RenderDiagnostic, type RenderModel, type SourceRange, toRenderModel } from '../renderer/model.js';

export function renderModelsOf(document: LangiumDocument<Model>, analyzer: FlywheelAnalyzer): RenderModel[] {
    const { flywheels } = document.parseResult.value;
    const { inFlywheel } = byFlywheel(document.diagnostics ?? [], flywheels.length);
    return flywheels.flatMap((flywheel, index) => {
        if (!flywheel.name) return [];
        const facts = analyzer.analyze(flywheel);
        const nodeRanges = facts.declarations.map(node => toSourceRange(node.$cstNode?.range));
        const linkRanges = facts.links.map(link => toSourceRange(link.$cstNode?.range));
        return [toRenderModel(facts.graph, facts.analysis, inFlywheel[index].map(toRenderDiagnostic), { nodes: nodeRanges, links: linkRanges })];
    });
}

function toRenderDiagnostic(diagnostic: Diagnostic): RenderDiagnostic {
    const { code, node, link } = dataOf(diagnostic);
    return { code, severity: severityOf(diagnostic), message: messageOf(diagnostic), node, link };
}

function toSourceRange(range: Range | undefined): SourceRange | undefined {
    return range && { startLine: range.start.line, startCharacter: range.start.character, endLine: range.end.line, endCharacter: range.end.character };
}
