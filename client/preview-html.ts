/**
 * The preview page, as VS Code's webview guidance asks: a strict Content-Security-Policy with a
 * fresh nonce for the one script and the one style sheet, nothing inline without it, no inline
 * event handlers. The drawing's colours follow the VS Code theme through its CSS variables.
 */
import { FLYWHEEL_CSS } from '../renderer/svg.js';

export interface PreviewPageOptions {
    /** `webview.cspSource`: where the page may load its script from. */
    cspSource: string;
    nonce: string;
    scriptUri: string;
}

/** The drawing's colours mapped onto VS Code's theme (light, dark and high contrast alike). */
const VSCODE_THEME_CSS = `
body { margin: 0; padding: 0; background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); }
.flywheel { --fw-bg: var(--vscode-editor-background); --fw-fg: var(--vscode-editor-foreground);
  --fw-muted: var(--vscode-descriptionForeground); --fw-rim: var(--vscode-editorWidget-border, var(--vscode-panel-border));
  --fw-node: var(--vscode-editorWidget-background); --fw-accent: var(--vscode-charts-blue);
  --fw-goal: var(--vscode-charts-yellow); --fw-link: var(--vscode-descriptionForeground);
  --fw-dampen: var(--vscode-charts-red); --fw-warning: var(--vscode-editorWarning-foreground);
  --fw-highlight: var(--vscode-focusBorder); width: 100%; height: auto; display: block; }
body.vscode-high-contrast .flywheel .link path { stroke-width: 2.6; }
.node { cursor: pointer; }
#toolbar { position: sticky; top: 0; display: flex; gap: 6px; padding: 6px 10px; background: var(--vscode-editor-background); border-bottom: 1px solid var(--vscode-panel-border); }
#toolbar button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 3px 10px; cursor: pointer; }
#toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground); }
#banner { margin: 8px 10px; padding: 6px 10px; background: var(--vscode-inputValidation-errorBackground); border: 1px solid var(--vscode-inputValidation-errorBorder); }
#banner[hidden] { display: none; }
.not-drawn { margin: 8px 10px; padding: 6px 10px; border-left: 3px solid var(--vscode-editorWarning-foreground); }
#content svg + svg { margin-top: 24px; border-top: 1px solid var(--vscode-panel-border); }
`;

/** A fresh nonce for each page: 18 random bytes, base64 without the characters a CSP source cannot hold. */
export function newNonce(): string {
    const bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode(...bytes)).replace(/[^A-Za-z0-9]/g, '');
}

export function previewHtml({ cspSource, nonce, scriptUri }: PreviewPageOptions): string {
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
<style nonce="${nonce}">${FLYWHEEL_CSS}${VSCODE_THEME_CSS}</style>
</head>
<body>
<div id="toolbar"><button id="export-svg" type="button">Export SVG</button><button id="export-png" type="button">Export PNG</button></div>
<div id="banner" role="alert" hidden></div>
<div id="content" aria-live="polite"></div>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>
`;
}
