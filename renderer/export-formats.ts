/**
 * The formats a drawing is exported in, one list for everything that offers them: the CLI's
 * `--format` and `-o` (render and the visual diff), the preview's toolbar and its commands, and
 * (checked by a test) the commands package.json contributes.
 */
export const EXPORT_FORMATS = [
    { format: 'svg', name: 'SVG', command: 'flywheel.exportSvg' },
    { format: 'png', name: 'PNG', command: 'flywheel.exportPng' }
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number]['format'];

export const EXPORT_FORMAT_NAMES: readonly ExportFormat[] = EXPORT_FORMATS.map(f => f.format);

export function isExportFormat(text: string): text is ExportFormat {
    return (EXPORT_FORMAT_NAMES as readonly string[]).includes(text);
}
