/**
 * ```` ```fly ```` blocks in VS Code's Markdown preview, drawn as the wheel: a markdown-it plugin
 * (`extendMarkdownIt`), returned by both the desktop and the web entry. It draws with the same
 * renderer and limits as the wheel preview; a block that does not parse gets a one-line notice.
 * The drawing's colours come from the preview style sheet (`MARKDOWN_PREVIEW_CSS`), which maps
 * them onto the Markdown preview's theme.
 *
 * markdown-it renders synchronously and checking a flywheel is asynchronous (Langium builds
 * documents in steps), so a block is drawn from models made earlier: the first time a block's
 * text is seen, its models are made and the preview is asked to render again; meanwhile the
 * block's previous drawing stands in, so a block being edited does not flicker.
 */
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { isFlyFence } from '../language/markdown-fence.js';
import type { RenderedText } from '../language/render-model.js';
import { withinLimits } from '../renderer/limits.js';
import { FLYWHEEL_CSS, renderSvg } from '../renderer/svg.js';
import { FLYWHEEL_VSCODE_THEME_CSS } from './vscode-theme.js';

/** How many blocks' models are kept (a few documents' worth). */
const KEPT_BLOCKS = 100;

/** The models of blocks' texts, made on demand; `redraw` is called when new ones are ready. */
export class BlockModels {
    private readonly ready = new Map<string, RenderedText>();
    private readonly making = new Set<string>();
    /** The text last drawn at each place (document and block number), to stand in while its new text is checked. */
    private readonly lastAt = new Map<string, string>();
    private redrawPending = false;

    constructor(private readonly toRenderModels: (text: string) => Promise<RenderedText>, private readonly redraw: () => void) {}

    /** The models of `text` if ready, else what was drawn at `place` before (if anything); missing models are made. */
    get(text: string, place: string): RenderedText | undefined {
        const rendered = this.ready.get(text);
        if (rendered) {
            this.lastAt.set(place, text);
            return rendered;
        }
        this.make(text);
        const previous = this.lastAt.get(place);
        return previous === undefined ? undefined : this.ready.get(previous);
    }

    private make(text: string): void {
        if (this.making.has(text)) return;
        this.making.add(text);
        void this.toRenderModels(text).then(rendered => {
            this.ready.set(text, rendered);
            // Oldest first: a Map keeps insertion order.
            for (const old of [...this.ready.keys()].slice(0, Math.max(0, this.ready.size - KEPT_BLOCKS))) this.ready.delete(old);
            this.scheduleRedraw();
        }, () => undefined).finally(() => this.making.delete(text));
    }

    /** One redraw for the blocks that are ready in the same turn. */
    private scheduleRedraw(): void {
        if (this.redrawPending) return;
        this.redrawPending = true;
        setTimeout(() => {
            this.redrawPending = false;
            this.redraw();
        }, 0);
    }
}

/** Replaces markdown-it's fence rule for ```fly fences and keeps it for every other fence. */
export function flywheelFences(md: MarkdownIt, models: BlockModels): MarkdownIt {
    const otherFence = md.renderer.rules.fence!;
    md.renderer.rules.fence = (tokens, index, options, env: { currentDocument?: { toString(): string } }, self) => {
        const token = tokens[index];
        if (!isFlyFence(token.info)) return otherFence(tokens, index, options, env, self);
        const blockNumber = tokens.slice(0, index).filter(t => t.type === 'fence' && isFlyFence(t.info)).length;
        return fenceHtml(md, token, models.get(token.content, `${env.currentDocument?.toString() ?? ''}#${blockNumber}`));
    };
    return md;
}

function fenceHtml(md: MarkdownIt, token: Token, rendered: RenderedText | undefined): string {
    const escape = md.utils.escapeHtml;
    // VS Code's preview marks each block with its source line (`data-line`) to keep the preview scrolled with the editor.
    const line = token.attrGet('data-line');
    const attributes = line === null ? '' : ` data-line="${escape(line)}"`;
    const classes = (name: string) => `class="${name}${line === null ? '' : ' code-line'}"`;
    if (!rendered) return `<p ${classes('flywheel-pending')}${attributes}>Drawing the wheel…</p>\n`;
    const [syntaxError] = rendered.syntaxErrors;
    if (syntaxError) {
        // The Markdown file's line: the block starts on the line after its opening fence.
        const where = token.map ? `line ${token.map[0] + 2 + syntaxError.range.startLine}` : `line ${syntaxError.range.startLine + 1} of the block`;
        return `<p ${classes('flywheel-notice')}${attributes}>This flywheel is not drawn: it does not parse (${where}: ${escape(syntaxError.message)}).</p>\n`;
    }
    const { drawn, notDrawn } = withinLimits(rendered.models);
    const notices = [...notDrawn, ...(rendered.models.length === 0 ? ['This block holds no flywheel.'] : [])]
        .map(text => `<p class="flywheel-notice">${escape(text)}</p>\n`);
    return `<div ${classes('flywheel-fence')}${attributes}>\n${drawn.map(model => renderSvg(model)).join('')}${notices.join('')}</div>\n`;
}

/** The Markdown preview's style sheet (`markdown.previewStyles`), written to a file by the build. */
export const MARKDOWN_PREVIEW_CSS = `${FLYWHEEL_CSS}${FLYWHEEL_VSCODE_THEME_CSS}
.flywheel-fence { margin: 16px 0; }
.flywheel-fence .flywheel { max-width: 100%; height: auto; display: block; border-radius: 4px; }
.flywheel-notice, .flywheel-pending { padding: 4px 10px; border-left: 3px solid var(--vscode-editorWarning-foreground); }
.flywheel-pending { border-left-color: var(--vscode-descriptionForeground); color: var(--vscode-descriptionForeground); }
`;
