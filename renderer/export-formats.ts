/**
 * The formats a drawing is exported in, one list for everything that offers them: the CLI's
 * `--format` and `-o` (render and the visual diff), the preview's toolbar, its commands and its
 * save dialog, and (checked by a test) the commands package.json contributes. `format` is also
 * the file's extension.
 *
 * How each is produced: SVG is the renderer's output itself. PNG is that SVG rasterised at 2×,
 * by resvg in the CLI and by the webview's canvas in the editor: resvg's native module cannot
 * load in a webview, and its WebAssembly build would add megabytes to the extension, so there are
 * two rasterisers of one SVG, with one font stack.
 */
export const EXPORT_FORMATS = [
    { format: 'svg', name: 'SVG', mimeType: 'image/svg+xml', command: 'flywheel.exportSvg' },
    { format: 'png', name: 'PNG', mimeType: 'image/png', command: 'flywheel.exportPng' }
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number]['format'];

export const EXPORT_FORMAT_NAMES: readonly ExportFormat[] = EXPORT_FORMATS.map(f => f.format);

export function isExportFormat(text: string): text is ExportFormat {
    return (EXPORT_FORMAT_NAMES as readonly string[]).includes(text);
}

export function exportFormat(format: ExportFormat): (typeof EXPORT_FORMATS)[number] {
    return EXPORT_FORMATS.find(f => f.format === format)!;
}
