/**
 * What a drawing of one flywheel needs, as plain data: built from the pure analysis and the
 * diagnostics, with no Langium types. The language server sends it to the preview and the CLI
 * renders it, so an export is exactly what the preview shows.
 */
import { type FlywheelGraph, isDelayed, signOf, type DriverKind } from '../core/analysis/graph.js';
import type { WheelAnalysis } from '../core/analysis/analyze.js';
import type { Severity } from '../core/severity.js';

export type Placement = 'goal' | 'wheel' | 'off';

/** A 0-based source range, so the preview can reveal a declaration and follow the cursor. */
export interface SourceRange {
    startLine: number;
    startCharacter: number;
    endLine: number;
    endCharacter: number;
}

export interface RenderDiagnostic {
    code: string;
    severity: Severity;
    message: string;
    /** The node or link it is about, when it is about one. */
    node?: number;
    link?: number;
}

export interface RenderNode {
    index: number;
    name: string;
    label: string;
    doc?: string;
    kinds: DriverKind[];
    placement: Placement;
    /** Ids of the loops through the goal that pass through this node. */
    loops: string[];
    range?: SourceRange;
}

export interface RenderLink {
    index: number;
    source: number;
    target: number;
    dampening: boolean;
    delayed: boolean;
    label?: string;
    range?: SourceRange;
}

export interface RenderLoop {
    id: string;
    reinforcing: boolean;
    delayed: boolean;
    /** Node indices, starting at the goal. */
    nodes: number[];
}

export interface RenderModel {
    name: string;
    label: string;
    nodes: RenderNode[];
    links: RenderLink[];
    loops: RenderLoop[];
    loopsComplete: boolean;
    diagnostics: RenderDiagnostic[];
}

export interface SourceRanges {
    nodes?: Array<SourceRange | undefined>;
    links?: Array<SourceRange | undefined>;
}

export function toRenderModel(graph: FlywheelGraph, analysis: WheelAnalysis, diagnostics: RenderDiagnostic[] = [], ranges: SourceRanges = {}): RenderModel {
    const loopsOf = graph.nodes.map(() => [] as string[]);
    for (const loop of analysis.loops) for (const node of loop.nodes) loopsOf[node].push(loop.id);
    return {
        name: graph.name,
        label: graph.label,
        nodes: graph.nodes.map((node, index) => ({
            index,
            name: node.name,
            label: node.label,
            doc: node.doc,
            kinds: node.kinds,
            placement: index === graph.goal ? 'goal' : analysis.onWheel[index] ? 'wheel' : 'off',
            loops: loopsOf[index],
            range: ranges.nodes?.[index]
        })),
        links: graph.links.map((link, index) => ({
            index,
            source: link.source,
            target: link.target,
            dampening: signOf(link.arrow) < 0,
            delayed: isDelayed(link.arrow),
            label: link.label,
            range: ranges.links?.[index]
        })),
        loops: analysis.loops.map(loop => ({ id: loop.id, reinforcing: loop.polarity === 'reinforcing', delayed: loop.delayed, nodes: loop.nodes })),
        loopsComplete: analysis.loopsComplete,
        diagnostics
    };
}
