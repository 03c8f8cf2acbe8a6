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
    /** `notDrawn`: a sentence for each flywheel (or group) over the preview's limits. */
    | { kind: 'models'; models: RenderModel[]; notDrawn: string[] }
    | { kind: 'syntax-error'; message: string; line: number; character: number }
    | { kind: 'unknown-document' };
