/**
 * What a drawing of one flywheel needs, as plain data: built from the pure analysis and the
 * diagnostics, with no Langium types. The language server sends it to the preview and the CLI
 * renders it, so an export is exactly what the preview shows.
 */
import { type FlywheelGraph, isDelayed, signOf, type DriverKind } from '../core/analysis/graph.js';
import type { WheelAnalysis } from '../core/analysis/analyze.js';
import { enumerateLoops } from '../core/analysis/loops.js';
import { pressureTest } from '../core/analysis/pressure.js';
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
    /** The node, link or initiative it is about, when it is about one. */
    node?: number;
    link?: number;
    initiative?: number;
}

export interface RenderNode {
    index: number;
    name: string;
    label: string;
    doc?: string;
    kinds: DriverKind[];
    placement: Placement;
    /** Ids of the loops through the goal that pass through this node: they stop if it fails. */
    loops: string[];
    /** A wheel driver on every reinforcing loop through the goal: if it fails, the wheel stops. */
    singlePointOfFailure: boolean;
    range?: SourceRange;
}

/** An initiative: drawn as a tag outside the rim, pointing at what it pushes. */
export interface RenderInitiative {
    index: number;
    name: string;
    label: string;
    doc?: string;
    pushes: Array<{ target: number; dampening: boolean; delayed: boolean; label?: string }>;
    /** It pushes nothing on the wheel: one to say no to. */
    offWheel: boolean;
    /** The reinforcing loops through the goal it feeds. */
    feeds: string[];
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
    /** Link indices: `links[i]` goes from `nodes[i]` to the next node (the last back to the first). */
    links: number[];
}

/** A loop on the wheel that does not pass through the goal (the legend's "inner loops"). */
export interface InnerLoop {
    reinforcing: boolean;
    nodes: number[];
    links: number[];
}

export interface RenderModel {
    name: string;
    label: string;
    nodes: RenderNode[];
    links: RenderLink[];
    loops: RenderLoop[];
    loopsComplete: boolean;
    /** The first few loops on the wheel that avoid the goal. */
    innerLoops: InnerLoop[];
    initiatives: RenderInitiative[];
    diagnostics: RenderDiagnostic[];
}

export interface SourceRanges {
    nodes?: Array<SourceRange | undefined>;
    links?: Array<SourceRange | undefined>;
    initiatives?: Array<SourceRange | undefined>;
}

export function toRenderModel(graph: FlywheelGraph, analysis: WheelAnalysis, diagnostics: RenderDiagnostic[] = [], ranges: SourceRanges = {}): RenderModel {
    const loopsOf = graph.nodes.map(() => [] as string[]);
    for (const loop of analysis.loops) for (const node of loop.nodes) loopsOf[node].push(loop.id);
    const pressure = pressureTest(graph, analysis);
    const singlePoints = new Set(pressure.drivers.filter(d => d.singlePointOfFailure === true).map(d => d.node));
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
            singlePointOfFailure: singlePoints.has(index),
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
        loops: analysis.loops.map(loop => ({ id: loop.id, reinforcing: loop.polarity === 'reinforcing', delayed: loop.delayed, nodes: loop.nodes, links: loop.links })),
        loopsComplete: analysis.loopsComplete,
        innerLoops: innerLoopsOf(graph, analysis),
        initiatives: graph.initiatives.map((initiative, index) => ({
            index,
            name: initiative.name,
            label: initiative.label,
            doc: initiative.doc,
            pushes: initiative.pushes.map(push => ({
                target: push.target, dampening: signOf(push.arrow) < 0, delayed: isDelayed(push.arrow), label: push.label
            })),
            offWheel: pressure.initiatives[index].offWheel,
            feeds: pressure.initiatives[index].feeds,
            range: ranges.initiatives?.[index]
        })),
        diagnostics
    };
}

/** Inner loops listed, and wheel nodes tried as their start (each search walks the whole wheel). */
const INNER_LOOPS = 3;
const INNER_STARTS = 20;

/**
 * Loops on the wheel that avoid the goal, each found once: from each wheel node in turn, the
 * loops through it among the wheel nodes not yet tried (and never the goal).
 */
function innerLoopsOf(graph: FlywheelGraph, analysis: WheelAnalysis): InnerLoop[] {
    if (graph.goal === undefined) return [];
    const allowed = analysis.onWheel.map((on, node) => on && node !== graph.goal);
    const found: InnerLoop[] = [];
    let starts = 0;
    for (let node = 0; node < graph.nodes.length && found.length < INNER_LOOPS && starts < INNER_STARTS; node++) {
        if (!allowed[node]) continue;
        starts++;
        const { loops } = enumerateLoops(graph, node, allowed, { maxLoops: INNER_LOOPS - found.length, maxLength: 10, maxSteps: 5_000 });
        found.push(...loops.map(loop => ({ reinforcing: loop.polarity === 'reinforcing', nodes: loop.nodes, links: loop.links })));
        allowed[node] = false;
    }
    return found;
}
