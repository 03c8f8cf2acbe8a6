/** The messages between the extension and the preview page. */

/** Extension → page. */
import type { ExportFormat } from '../../renderer/export-formats.js';
export type ToPreview =
    | { type: 'render'; uri: string; svg: string; notDrawn?: string[] }
    | { type: 'syntax-error'; message: string }
    | { type: 'highlight'; flywheel?: string; node?: string; link?: number }
    | { type: 'rasterize'; id: number; svg: string; scale: number }
    /** Whether the drawing marks what changed since HEAD (the toolbar's toggle shows it). */
    | { type: 'changes-shown'; on: boolean };

/** Page → extension. */
export type FromPreview =
    | { type: 'ready' }
    /** The page shows a drawing (or a banner over the last one). */
    | { type: 'rendered' }
    | { type: 'reveal'; flywheel: string; node: string }
    | { type: 'export'; format: ExportFormat }
    | { type: 'rasterized'; id: number; png?: string; error?: string }
    | { type: 'toggle-changes' };
