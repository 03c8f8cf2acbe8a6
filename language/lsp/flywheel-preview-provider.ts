/**
 * Feeds the preview: the request `flywheel/renderModels` answers, once the document has been
 * checked, with the plain drawing model of each of its flywheels — or with the first syntax
 * error, so the preview can keep the last good drawing and say what is wrong.
 */
import { DocumentState, type LangiumDocument, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken } from 'vscode-languageserver';
import type { Model } from '../generated/ast.js';
import { renderModelsOf } from '../render-model.js';
import { messageOf } from '../diagnostic-codes.js';
import { RENDER_MODELS_REQUEST, type RenderModelsParams, type RenderModelsResult } from '../preview-protocol.js';
import type { FlywheelServices } from '../flywheel-lsp-module.js';

export function registerPreviewRequests(shared: LangiumSharedServices, services: FlywheelServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onRequest(RENDER_MODELS_REQUEST, async (params: RenderModelsParams, cancel: CancellationToken) => {
        const uri = URI.parse(params.uri);
        const documents = shared.workspace.LangiumDocuments;
        if (!documents.hasDocument(uri)) return { kind: 'unknown-document' } satisfies RenderModelsResult;
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, cancel);
        return renderModelsFor(documents.getDocument(uri) as LangiumDocument<Model>, services);
    });
}

export function renderModelsFor(document: LangiumDocument<Model>, services: FlywheelServices): RenderModelsResult {
    const syntaxError = (document.diagnostics ?? []).find(d => d.code === 'syntax-error');
    if (syntaxError) {
        return { kind: 'syntax-error', message: messageOf(syntaxError), line: syntaxError.range.start.line, character: syntaxError.range.start.character };
    }
    return { kind: 'models', models: renderModelsOf(document, services.analysis.FlywheelAnalyzer) };
}
