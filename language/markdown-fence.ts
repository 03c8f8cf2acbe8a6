/**
 * Flywheels written inside Markdown, as ```` ```fly ```` fenced code blocks: which fences hold
 * one. The command line (`flywheel check`/`render` of a Markdown file) and VS Code's Markdown
 * preview both ask this, with markdown-it's own reading of the fence's info string.
 */

/** The fence's language: the `.fly` extension, as GitHub and VS Code name fence languages. */
export const FLY_FENCE_LANGUAGE = 'fly';

/** A fence holds a flywheel when the first word of its info string is `fly` (` ```fly title="…"` too). */
export function isFlyFence(info: string): boolean {
    return info.trim().split(/\s+/, 1)[0] === FLY_FENCE_LANGUAGE;
}
