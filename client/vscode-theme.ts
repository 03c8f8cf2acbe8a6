/**
 * The drawing's colours (`--fw-*`, see renderer/svg.ts) mapped onto VS Code's theme variables, so
 * a wheel follows the light, dark and high-contrast themes. Both webviews that show wheels use it:
 * the wheel preview (in its page) and the Markdown preview (in its style sheet). The rim band is a
 * tint of the background, so links drawn on it keep their contrast in every theme; in
 * high-contrast themes links and marks take the editor's foreground and contrast border.
 */
export const FLYWHEEL_VSCODE_THEME_CSS = `
.flywheel { --fw-bg: var(--vscode-editor-background); --fw-fg: var(--vscode-editor-foreground);
  --fw-muted: var(--vscode-descriptionForeground);
  --fw-rim: color-mix(in srgb, var(--vscode-editor-foreground) 10%, var(--vscode-editor-background));
  --fw-node: var(--vscode-editor-background); --fw-accent: var(--vscode-charts-blue);
  --fw-accenttext: color-mix(in srgb, var(--vscode-charts-blue) 65%, var(--vscode-editor-foreground));
  --fw-goal: var(--vscode-charts-yellow); --fw-goaledge: color-mix(in srgb, var(--vscode-charts-yellow) 60%, var(--vscode-editor-foreground));
  --fw-link: var(--vscode-descriptionForeground);
  --fw-dampen: var(--vscode-charts-red); --fw-warning: color-mix(in srgb, var(--vscode-editorWarning-foreground) 60%, var(--vscode-editor-foreground));
  --fw-highlight: var(--vscode-focusBorder);
  --fw-added: var(--vscode-charts-green); --fw-removed: var(--vscode-charts-purple); --fw-changed: var(--vscode-charts-orange); }
body.vscode-high-contrast .flywheel, body.vscode-high-contrast-light .flywheel {
  --fw-muted: var(--vscode-editor-foreground); --fw-link: var(--vscode-editor-foreground);
  --fw-accent: var(--vscode-contrastActiveBorder, var(--vscode-editor-foreground)); --fw-accenttext: var(--vscode-editor-foreground); }
body.vscode-high-contrast .flywheel .link path.course { stroke-width: 2.6; }
`;
