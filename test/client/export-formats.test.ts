/**
 * One list of export formats (renderer/export-formats.ts): the commands the extension registers
 * from it are the ones package.json contributes, titled as its toolbar buttons are, and offered
 * in the command palette where a drawing can be exported; the CLI takes the same formats.
 */
import { describe, expect, test } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { EXPORT_FORMATS } from '../../renderer/export-formats.js';
import { previewHtml } from '../../client/preview-html.js';
import { runFlywheel } from '../cli/run-flywheel.js';

const contributed = packageJson.contributes.commands.filter(c => c.command.startsWith('flywheel.export'));
const palette = packageJson.contributes.menus.commandPalette.filter(m => m.command.startsWith('flywheel.export'));

describe('the export formats', () => {
    test('are the commands package.json contributes, titled as the toolbar says', () => {
        expect(contributed.map(c => [c.command, c.title])).toEqual(EXPORT_FORMATS.map(f => [f.command, `Export ${f.name}`]));
        expect(palette.map(m => m.command)).toEqual(EXPORT_FORMATS.map(f => f.command));
    });

    test('each has its button on the preview\'s toolbar', () => {
        const html = previewHtml({ cspSource: 'vscode-resource:', nonce: 'n', scriptUri: 'preview.js' });
        for (const { format, name } of EXPORT_FORMATS) expect(html).toContain(`<button id="export-${format}" type="button">Export ${name}</button>`);
    });

    test('are what flywheel render takes, and it names them when given another', () => {
        const run = runFlywheel(['render', 'examples/amazon.fly', '--format', 'gif']);
        expect(run.status).toBe(2);
        expect(run.stderr).toBe(`flywheel: unknown value 'gif' for --format (expected ${EXPORT_FORMATS.map(f => f.format).join(' or ')})\n`);
    });
});
