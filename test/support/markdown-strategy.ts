/**
 * A strategy document with two ```fly blocks, one valid and one that does not parse, and a
 * fence of another language: what the Markdown preview's tests (vitest and the VS Code suite) show.
 */
export const STRATEGY_MARKDOWN = `# Our strategy

The wheel we turn:

\`\`\`fly
flywheel Marketplace "Marketplace wheel" {
    goal growth "Growth"
    quality driver selection "Selection"
    cost driver prices "Lower prices"
    growth -> selection -> prices -> growth
}
\`\`\`

And one still being written:

\`\`\`fly
flywheel Draft {
    goal g
    driver }
\`\`\`

\`\`\`js
const notAWheel = '<b>';
\`\`\`
`;

/** The valid block's nodes. */
export const STRATEGY_NODES = ['growth', 'selection', 'prices'];

/** The 1-based line of the Markdown file holding the broken block's syntax error (`driver }`). */
export const STRATEGY_BROKEN_LINE = STRATEGY_MARKDOWN.slice(0, STRATEGY_MARKDOWN.indexOf('driver }')).split('\n').length;
