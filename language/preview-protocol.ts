/**
 * The preview's messages between an editor client and the language server, typed with the LSP
 * library's message types (the platform-neutral entry: no Node APIs, so a browser client and a
 * web-worker server use the same file), and no language services.
 *
 * The client says which documents it previews; the server pushes their drawing models as soon as
 * each build of them is checked, so the preview waits for no timer and asks for nothing.
 */
import { NotificationType } from 'vscode-languageserver-protocol';
import type { RenderModel } from '../renderer/model.js';

export interface PreviewDocumentParams {
    /** The document's URI, as the client names it in `textDocument/didOpen`. */
    uri: string;
}

/** Client → server: push the render models of this document after each build, starting with the current one. */
export const PreviewOpenedNotification = new NotificationType<PreviewDocumentParams>('flywheel/preview/didOpen');

/** Client → server: stop pushing for this document. */
export const PreviewClosedNotification = new NotificationType<PreviewDocumentParams>('flywheel/preview/didClose');

export type RenderModelsResult =
    /** `notDrawn`: a sentence for each flywheel (or group) over the preview's limits. */
    | { kind: 'models'; models: RenderModel[]; notDrawn: string[] }
    | { kind: 'syntax-error'; message: string; line: number; character: number };

export interface RenderModelsParams {
    uri: string;
    /** The version of the text these models were built from (`textDocument/didChange`'s version). */
    version: number;
    result: RenderModelsResult;
}

/**
 * Server → client: a previewed document was built and checked. A client drops one whose version
 * is older than its document's: the build of the newer text is on its way.
 */
export const RenderModelsNotification = new NotificationType<RenderModelsParams>('flywheel/preview/renderModels');
