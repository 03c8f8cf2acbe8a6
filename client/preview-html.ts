/**
 * The preview page, as VS Code's webview guidance asks: a strict Content-Security-Policy with a
 * fresh nonce for the one script and the one style sheet, nothing inline without it, no inline
 * event handlers. The drawing's colours follow the VS Code theme through its CSS variables. The
 * same page shows a visual diff ("Compare with HEAD"), so it carries the marks' looks too.
 */
import { EXPORT_FORMATS } from '../renderer/export-formats.js';
import { CHANGE_CSS } from '../renderer/diff-drawing.js';
import { FLYWHEEL_CSS } from '../renderer/svg.js';
import { FLYWHEEL_VSCODE_THEME_CSS } from './vscode-theme.js';

export interface PreviewPageOptions {
    /** `webview.cspSource`: where the page may load its script from. */
    cspSource: string;
    nonce: string;
    scriptUri: string;
    /** The toolbar's "Changes since HEAD" toggle (the wheel preview of a file has it). */
    changesToggle?: boolean;
}

/** The page around the drawing, in VS Code's theme. */
/** One toolbar button per export format, `export-svg`, `export-png`, … (the page's script listens to them by id). */
const EXPORT_BUTTONS = EXPORT_FORMATS.map(({ format, name }) => `<button id="export-${format}" type="button">Export ${name}</button>`).join('');

const PAGE_CSS = `
html, body { height: 100%; }
body { margin: 0; padding: 0; background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); display: flex; flex-direction: column; overflow: hidden; }
.flywheel { display: block; }
.node { cursor: pointer; }
#toolbar { flex: none; display: flex; gap: 6px; align-items: center; padding: 6px 10px; background: var(--vscode-editor-background); border-bottom: 1px solid var(--vscode-panel-border); }
#toolbar button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: 1px solid var(--vscode-contrastBorder, transparent); padding: 3px 10px; cursor: pointer; }
#toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground); }
#toolbar button[aria-pressed="true"] { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
#toolbar .spacer { flex: 1; }
#toolbar button[aria-pressed="true"] { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
#what-if-status { opacity: 0.85; }
#zoom-level { min-width: 3.5em; text-align: right; font-variant-numeric: tabular-nums; }
#viewport { position: relative; flex: 1; overflow: hidden; cursor: grab; touch-action: none; }
#viewport.panning { cursor: grabbing; }
#content { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
#banner { position: absolute; z-index: 2; left: 10px; right: 10px; top: 8px; margin: 0; padding: 6px 10px; color: var(--vscode-editor-foreground); background: var(--vscode-inputValidation-errorBackground, var(--vscode-editor-background)); border: 1px solid var(--vscode-inputValidation-errorBorder, var(--vscode-editorError-foreground)); }
#banner[hidden] { display: none; }
.not-drawn { margin: 8px 10px; padding: 6px 10px; border-left: 3px solid var(--vscode-editorWarning-foreground); max-width: 60em; }
#content svg + svg { margin-top: 24px; border-top: 1px solid var(--vscode-panel-border); }
`;

/** A fresh nonce for each page: 18 random bytes, base64 without the characters a CSP source cannot hold. */
export function newNonce(): string {
    const bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode(...bytes)).replace(/[^A-Za-z0-9]/g, '');
}

export function previewHtml({ cspSource, nonce, scriptUri, changesToggle = false }: PreviewPageOptions): string {
    const toggle = changesToggle
        ? '<button id="show-changes" type="button" aria-pressed="false" title="Mark what changed since the last commit">Changes since HEAD</button>'
        : '';
    const csp = [
        "default-src 'none'",
        `style-src ${cspSource} 'nonce-${nonce}'`,
        `img-src ${cspSource} data: blob:`,
        `script-src 'nonce-${nonce}'`
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Flywheel preview</title>
<style nonce="${nonce}">${FLYWHEEL_CSS}${CHANGE_CSS}${FLYWHEEL_VSCODE_THEME_CSS}${PAGE_CSS}</style>
</head>
<body>
<div id="toolbar">${EXPORT_BUTTONS}${toggle}<button id="what-if" type="button" aria-pressed="false" title="Then click a driver: the loops that stop if it fails are dimmed">What if a driver fails?</button><span id="what-if-status" aria-live="polite"></span><span class="spacer"></span><button id="zoom-out" type="button" title="Zoom out (-)" aria-label="Zoom out">−</button><span id="zoom-level" aria-live="polite">100%</span><button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button><button id="zoom-fit" type="button" title="Fit to window (0)">Fit</button></div>
<div id="viewport"><div id="banner" role="alert" hidden></div><div id="content" aria-live="polite"></div></div>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>
`;
}
