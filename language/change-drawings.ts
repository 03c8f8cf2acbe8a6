/**
 * The visual diff of two versions of a document, for every front end: `flywheel diff --format
 * svg|png` (from its parsed documents) and the editor's "Compare with HEAD" (from two texts). Each
 * named flywheel is paired with its other version as the semantic diff pairs them; the drawings
 * are those of the flywheels that changed in meaning, or, when none did, the plain drawings.
 */
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import type { Model } from './generated/ast.js';
import { DiagnosticCode, messageOf } from './diagnostic-codes.js';
import { fileSnapshotOf } from './file-snapshot.js';
import type { FlywheelAnalyzer } from './flywheel-analyzer.js';
import { createFlywheelCoreServices, type FlywheelCoreServices } from './flywheel-module.js';
import { renderModelsOf } from './render-model.js';
import { changeOverlay } from '../core/change-overlay.js';
import { type FlywheelSnapshot, pairFlywheels } from '../core/semantic-diff.js';
import { renderChangeSvg } from '../renderer/diff-drawing.js';
import type { RenderModel } from '../renderer/model.js';
import type { SvgOptions } from '../renderer/svg.js';

export interface ChangeDrawing {
    /** The flywheel's name (in the new version; in the old one when it was removed). */
    name: string;
    svg: string;
    changed: boolean;
}

/** `undefined`: the document does not exist on that side. Both must parse (see `syntaxErrorOf`). */
export function changeDrawingsOf(
    before: LangiumDocument<Model> | undefined, after: LangiumDocument<Model> | undefined, analyzer: FlywheelAnalyzer, options: SvgOptions = {}
): ChangeDrawing[] {
    const [old, now] = [before, after].map(document => ({
        snapshots: document ? fileSnapshotOf(document, analyzer).flywheels : [],
        models: document ? renderModelsOf(document, analyzer) : []
    }));
    // Snapshots and models list the same named flywheels in the same order.
    const modelOf = (side: typeof old, snapshot: FlywheelSnapshot | undefined): RenderModel | undefined =>
        snapshot && side.models[side.snapshots.indexOf(snapshot)];
    const pairs = pairFlywheels(old.snapshots, now.snapshots).map(([was, is]) => ({
        before: modelOf(old, was), after: modelOf(now, is), overlay: changeOverlay(was, is)
    }));
    const changed = pairs.filter(pair => !pair.overlay.unchanged);
    return (changed.length > 0 ? changed : pairs).map(({ before: was, after: is, overlay }) => ({
        name: (is ?? was)!.name,
        svg: renderChangeSvg(was, is, overlay, options),
        changed: !overlay.unchanged
    }));
}

/** The first syntax error of a document, which keeps it from being drawn. */
export function syntaxErrorOf(document: LangiumDocument<Model> | undefined): { message: string; line: number } | undefined {
    const error = document?.diagnostics?.find(d => d.code === DiagnosticCode.SyntaxError);
    return error && { message: messageOf(error), line: error.range.start.line };
}

export type TextChangeDrawings =
    | { kind: 'drawings'; drawings: ChangeDrawing[] }
    | { kind: 'syntax-error'; side: 'old' | 'new'; message: string; line: number };

let services: FlywheelCoreServices | undefined;
let count = 0;

/** From two texts (`undefined`: no such version), checked on their own with the core services: nothing stays indexed. */
export async function changeDrawingsOfTexts(oldText: string | undefined, newText: string | undefined, options: SvgOptions = {}): Promise<TextChangeDrawings> {
    services ??= createFlywheelCoreServices(EmptyFileSystem).Flywheel;
    const { LangiumDocumentFactory, DocumentBuilder, IndexManager } = services.shared.workspace;
    const documents = [oldText, newText].map(text => text === undefined
        ? undefined
        : LangiumDocumentFactory.fromString<Model>(text, URI.parse(`memory:/compare-${++count}.fly`)));
    const present = documents.filter((d): d is LangiumDocument<Model> => d !== undefined);
    try {
        await DocumentBuilder.build(present, { validation: true });
        for (const [i, side] of (['old', 'new'] as const).entries()) {
            const error = syntaxErrorOf(documents[i]);
            if (error) return { kind: 'syntax-error', side, ...error };
        }
        return { kind: 'drawings', drawings: changeDrawingsOf(documents[0], documents[1], services.analysis.FlywheelAnalyzer, options) };
    } finally {
        for (const document of present) IndexManager.remove(document.uri);
    }
}
