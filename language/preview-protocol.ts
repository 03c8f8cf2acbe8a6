/**
 * The preview's request between the VS Code client and the language server: plain types only,
 * so the client bundle does not pull in the language's services.
 */
import type { RenderModel } from '../renderer/model.js';

/** Answered once the document has been checked. */
export const RENDER_MODELS_REQUEST = 'flywheel/renderModels';

export interface RenderModelsParams {
    uri: string;
}

export type RenderModelsResult =
    | { kind: 'models'; models: RenderModel[] }
    | { kind: 'syntax-error'; message: string; line: number; character: number }
    | { kind: 'unknown-document' };
