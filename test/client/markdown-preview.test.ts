/**
 * The Markdown preview's plugin with a real markdown-it and the real checker: ```fly blocks drawn
 * as the wheel, a one-line notice for a block that does not parse, other fences left alone.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, test } from 'vitest';
import { toRenderModels } from '../../language/render-model.js';
import { BlockModels, flywheelFences } from '../../client/markdown-preview.js';
import { STRATEGY_BROKEN_LINE, STRATEGY_MARKDOWN } from '../support/markdown-strategy.js';

const doc = STRATEGY_MARKDOWN;

/** A markdown-it with the plugin, rendering again whenever the plugin asks, as VS Code's preview does. */
function previewEngine() {
    let redrawn: () => void = () => undefined;
    const md = flywheelFences(new MarkdownIt(), new BlockModels(toRenderModels, () => redrawn()));
    /** What the preview shows once every block has been checked (each request to render again is followed). */
    const renderSettled = async (text: string, env: object = {}): Promise<string> => {
        for (;;) {
            const redraw = new Promise<void>(resolve => { redrawn = resolve; });
            const html = md.render(text, env);
            if (!html.includes('flywheel-pending')) return html;
            await redraw;
        }
    };
    const nextRedraw = () => new Promise<void>(resolve => { redrawn = resolve; });
    return { md, renderSettled, nextRedraw };
}

describe('```fly blocks in the Markdown preview', () => {
    test('are checked on first sight, then drawn: one wheel, one one-line notice at the Markdown line', async () => {
        const { md, renderSettled } = previewEngine();
        expect(md.render(doc).match(/class="flywheel-pending"/g)).toHaveLength(2);
        const html = await renderSettled(doc);
        expect(html.match(/<svg /g)).toHaveLength(1);
        expect(html).toContain('data-flywheel="Marketplace"');
        const notices = [...html.matchAll(/<p class="flywheel-notice">([^<]*)<\/p>/g)].map(m => m[1]);
        expect(notices).toEqual([expect.stringMatching(new RegExp(`^This flywheel is not drawn: it does not parse \\(line ${STRATEGY_BROKEN_LINE}: .+\\)\\.$`))]);
        expect(html).toContain('<pre><code class="language-js">const notAWheel = \'&lt;b&gt;\';');
    });

    test('while a block is edited, its last drawing stays until the new one is ready', async () => {
        const { md, renderSettled, nextRedraw } = previewEngine();
        const env = { currentDocument: 'file:///strategy.md' };
        await renderSettled(doc, env);
        const edited = doc.replace('growth -> selection -> prices -> growth', 'growth -> selection -> prices -> growth\n    driver extra');
        const redraw = nextRedraw();
        const meanwhile = md.render(edited, env);
        expect(meanwhile).toContain('data-flywheel="Marketplace"');
        expect(meanwhile).not.toContain('data-node="extra"');
        expect(meanwhile).not.toContain('flywheel-pending');
        await redraw;
        expect(md.render(edited, env)).toContain('data-node="extra"');
    });
});
