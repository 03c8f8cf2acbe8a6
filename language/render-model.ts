/**
 * The drawing's plain model for every flywheel of a document: the analysis, the diagnostics
 * attached to the node or link they are about, and source ranges for the preview.
 */
import type { LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { Model } from './generated/ast.js';
import type { FlywheelAnalyzer } from './flywheel-analyzer.js';
import { messageOf } from './diagnostic-codes.js';
import { type RenderDiagnostic, type RenderModel, type SourceRange, toRenderModel } from '../renderer/model.js';

export function renderModelsOf(document: LangiumDocument<Model>, analyzer: FlywheelAnalyzer): RenderModel[] {
    const diagnostics = document.diagnostics ?? [];
    return document.parseResult.value.flywheels.filter(f => f.name).map(flywheel => {
        const facts = analyzer.analyze(flywheel);
        const nodeRanges = facts.declarations.map(node => toSourceRange(node.$cstNode?.range));
        const linkRanges = facts.links.map(link => toSourceRange(link.$cstNode?.range));
        const inFlywheel = (range: Range) => contains(flywheel.$cstNode?.range, range);
        const attached = diagnostics.filter(d => inFlywheel(d.range)).map(d => attach(d, nodeRanges, linkRanges));
        return toRenderModel(facts.graph, facts.analysis, attached, { nodes: nodeRanges, links: linkRanges });
    });
}

function attach(diagnostic: Diagnostic, nodes: Array<SourceRange | undefined>, links: Array<SourceRange | undefined>): RenderDiagnostic {
    const within = (range: SourceRange | undefined) => range !== undefined && contains(fromSourceRange(range), diagnostic.range);
    const node = nodes.findIndex(within);
    const link = links.findIndex(within);
    return {
        code: String(diagnostic.code ?? ''),
        severity: diagnostic.severity === 1 ? 'error' : diagnostic.severity === 2 ? 'warning' : 'info',
        message: messageOf(diagnostic),
        node: node >= 0 ? node : undefined,
        link: link >= 0 ? link : undefined
    };
}

function toSourceRange(range: Range | undefined): SourceRange | undefined {
    return range && { startLine: range.start.line, startCharacter: range.start.character, endLine: range.end.line, endCharacter: range.end.character };
}

function fromSourceRange(range: SourceRange): Range {
    return { start: { line: range.startLine, character: range.startCharacter }, end: { line: range.endLine, character: range.endCharacter } };
}

function contains(outer: Range | undefined, inner: Range): boolean {
    if (!outer) return false;
    const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return before(outer.start, inner.start) && before(inner.end, outer.end);
}
