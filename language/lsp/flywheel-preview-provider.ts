/**
 * Feeds the preview: the request `flywheel/renderModels` answers, once the document has been
 * checked, with the plain drawing model of each of its flywheels within the preview's limits
 * (and a sentence for each one left out) — or with the first syntax error, so the preview can keep the last good drawing and say what is wrong.
 */
import { DocumentState, isOperationCancelled, type LangiumDocument, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { type CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Model } from '../generated/ast.js';
import { renderModelsOf } from '../render-model.js';
import { withinLimits } from '../../renderer/limits.js';
import { DiagnosticCode, messageOf } from '../diagnostic-codes.js';
import { RENDER_MODELS_REQUEST, type RenderModelsParams, type RenderModelsResult } from '../preview-protocol.js';
import type { FlywheelServices } from '../flywheel-lsp-module.js';

export function registerPreviewRequests(shared: LangiumSharedServices, services: FlywheelServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onRequest(RENDER_MODELS_REQUEST, async (params: RenderModelsParams, cancel: CancellationToken) => {
        const uri = URI.parse(params.uri);
        const documents = shared.workspace.LangiumDocuments;
        // Open but not built yet (queued behind another build) is not unknown: waitUntil waits for it.
        const known = documents.hasDocument(uri) || shared.workspace.TextDocuments?.get(params.uri) !== undefined;
        if (!known) return { kind: 'unknown-document' } satisfies RenderModelsResult;
        try {
            await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, cancel);
        } catch (error) {
            // The editor gave up on this request (a newer edit is coming): say so in LSP's terms, not as a failure.
            if (isOperationCancelled(error)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The preview request was cancelled.');
            throw error;
        }
        return renderModelsFor(documents.getDocument(uri) as LangiumDocument<Model>, services);
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
