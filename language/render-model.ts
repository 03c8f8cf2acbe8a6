/**
 * The drawing's plain model for every flywheel of a document: the analysis, the diagnostics
 * reported in it with the node or link each is about (from its data), and source ranges for the
 * preview. `toRenderModels` goes from text to the models in one call, for anything that has text
 * and no workspace: the CLI, a Markdown renderer, a web worker.
 */
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { Model } from './generated/ast.js';
import type { FlywheelAnalyzer } from './flywheel-analyzer.js';
import { createFlywheelCoreServices, type FlywheelCoreServices } from './flywheel-module.js';
import { byFlywheel, dataOf, DiagnosticCode, messageOf, severityOf } from './diagnostic-codes.js';
import { type RenderDiagnostic, type RenderModel, type SourceRange, toRenderModel } from '../renderer/model.js';

/** What a text draws as: its flywheels' models, and its syntax errors (a text with one is not drawn by the preview or the CLI). */
export interface RenderedText {
    models: RenderModel[];
    syntaxErrors: Array<{ message: string; range: SourceRange }>;
}

export function renderModelsOf(document: LangiumDocument<Model>, analyzer: FlywheelAnalyzer): RenderModel[] {
    const { flywheels } = document.parseResult.value;
    const { inFlywheel } = byFlywheel(document.diagnostics ?? [], flywheels.length);
    return flywheels.flatMap((flywheel, index) => {
        if (!flywheel.name) return [];
        const facts = analyzer.analyze(flywheel);
        const nodeRanges = facts.declarations.map(node => toSourceRange(node.$cstNode?.range));
        const linkRanges = facts.links.map(link => toSourceRange(link.$cstNode?.range));
        const initiativeRanges = facts.initiatives.map(initiative => toSourceRange(initiative.$cstNode?.range));
        const ranges = { nodes: nodeRanges, links: linkRanges, initiatives: initiativeRanges };
        return [toRenderModel(facts.graph, facts.analysis, inFlywheel[index].map(toRenderDiagnostic), ranges)];
    });
}

/** A checked document's models and syntax errors, in the order they occur. */
export function renderedTextOf(document: LangiumDocument<Model>, analyzer: FlywheelAnalyzer): RenderedText {
    const syntaxErrors = (document.diagnostics ?? []).filter(d => d.code === DiagnosticCode.SyntaxError)
        .map(d => ({ message: messageOf(d), range: toSourceRange(d.range) }));
    return { models: renderModelsOf(document, analyzer), syntaxErrors };
}

let defaultServices: FlywheelCoreServices | undefined;
let textCount = 0;
/** The previous call's build: builds run one after another, as the language server's do. */
let previous: Promise<unknown> = Promise.resolve();

/**
 * Parses, links and checks `text` on its own (no file is read, nothing stays in the services'
 * index), with `services` or a shared set of core services created on first use.
 */
export function toRenderModels(text: string, services: FlywheelCoreServices = sharedServices()): Promise<RenderedText> {
    const { LangiumDocumentFactory, DocumentBuilder, IndexManager } = services.shared.workspace;
    const next = previous.then(async () => {
        const document = LangiumDocumentFactory.fromString<Model>(text, URI.parse(`memory:/text-${++textCount}.fly`));
        try {
            await DocumentBuilder.build([document], { validation: true });
            return renderedTextOf(document, services.analysis.FlywheelAnalyzer);
        } finally {
            IndexManager.remove(document.uri);
        }
    });
    previous = next.catch(() => undefined);
    return next;
}

function sharedServices(): FlywheelCoreServices {
    return defaultServices ??= createFlywheelCoreServices(EmptyFileSystem).Flywheel;
}

function toRenderDiagnostic(diagnostic: Diagnostic): RenderDiagnostic {
    const { code, node, link, initiative } = dataOf(diagnostic);
    return { code, severity: severityOf(diagnostic), message: messageOf(diagnostic), node, link, initiative };
}

function toSourceRange(range: Range): SourceRange;
function toSourceRange(range: Range | undefined): SourceRange | undefined;
function toSourceRange(range: Range | undefined): SourceRange | undefined {
    return range && { startLine: range.start.line, startCharacter: range.start.character, endLine: range.end.line, endCharacter: range.end.character };
}
