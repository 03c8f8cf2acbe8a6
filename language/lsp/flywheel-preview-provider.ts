/**
 * Feeds the preview. For each document a client previews (`flywheel/preview/didOpen`), the server
 * pushes `flywheel/preview/renderModels` as soon as a build of it has been checked: the plain
 * drawing model of each of its flywheels within the preview's limits (and a sentence for each one
 * left out), or the first syntax error, so the preview can keep the last good drawing and say
 * what is wrong. A build cancelled by a newer edit pushes nothing.
 */
import { DocumentState, type LangiumDocument, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Model } from '../generated/ast.js';
import { renderModelsOf } from '../render-model.js';
import { withinLimits } from '../../renderer/limits.js';
import { DiagnosticCode, messageOf } from '../diagnostic-codes.js';
import { PreviewClosedNotification, PreviewOpenedNotification, RenderModelsNotification, type RenderModelsResult } from '../preview-protocol.js';
import type { FlywheelServices } from '../flywheel-lsp-module.js';

/** A service of the editor module, created with the language server's connection (idle without one). */
export class FlywheelPreviewNotifications {
    constructor(services: FlywheelServices) {
        registerPreviewNotifications(services.shared, services);
    }
}

function registerPreviewNotifications(shared: LangiumSharedServices, services: FlywheelServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    const documents = shared.workspace.LangiumDocuments;
    /** The previewed documents, by Langium's spelling of their URI. */
    const previewed = new Set<string>();
    const push = (document: LangiumDocument) => void connection.sendNotification(RenderModelsNotification, {
        uri: document.uri.toString(),
        version: document.textDocument.version,
        result: renderModelsFor(document as LangiumDocument<Model>, services)
    });

    connection.onNotification(PreviewOpenedNotification, ({ uri }) => {
        const parsed = URI.parse(uri);
        previewed.add(parsed.toString());
        // Already checked: draw it now. Otherwise its build, queued or running, pushes when done.
        const document = documents.getDocument(parsed);
        if (document && document.state >= DocumentState.Validated) push(document);
    });
    connection.onNotification(PreviewClosedNotification, ({ uri }) => {
        previewed.delete(URI.parse(uri).toString());
    });
    // After the whole build, so the diagnostics of every document in it go out first.
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, built => {
        for (const document of built) if (previewed.has(document.uri.toString())) push(document);
    });
}

export function renderModelsFor(document: LangiumDocument<Model>, services: FlywheelServices): RenderModelsResult {
    const syntaxError = (document.diagnostics ?? []).find(d => d.code === DiagnosticCode.SyntaxError);
    if (syntaxError) {
        return { kind: 'syntax-error', message: messageOf(syntaxError), line: syntaxError.range.start.line, character: syntaxError.range.start.character };
    }
    const { drawn, notDrawn } = withinLimits(renderModelsOf(document, services.analysis.FlywheelAnalyzer));
    return { kind: 'models', models: drawn, notDrawn };
}
