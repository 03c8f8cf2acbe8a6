/**
 * What a parsed `.fly` text means, as one string that two parses can be compared by: the AST's
 * own properties (references by the name written) and the text of every comment. Layout is not
 * part of it, so a text and its formatted version must give the same string.
 */
import { type AstNode, type CstNode, CstUtils, isAstNode, isReference } from 'langium';

export function meaningOf(root: AstNode): string {
    return JSON.stringify({ model: plain(root), comments: commentsOf(root.$cstNode) });
}

/**
 * Every comment's text, in order. Blanks at the ends of its lines, the kind of line break, and
 * the indentation of a block comment's later lines are layout, not text (re-indenting a comment
 * moves all its lines); the fuzzer found a lone CR and a trailing blank that the formatter
 * rightly normalises but this compared as changed text.
 */
export function commentsOf(root: CstNode | undefined): string[] {
    if (!root) return [];
    return CstUtils.streamCst(root)
        .filter(node => node.hidden)
        .map(node => commentText(node.text))
        .toArray();
}

/** A comment's text without its layout (see `commentsOf`). */
export function commentText(comment: string): string {
    return comment.replace(/[ \t]*(\r\n|\r|\n)[ \t]*/g, '\n').replace(/[ \t]+$/, '');
}

function plain(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(plain);
    if (isReference(value)) return { ref: value.$refText };
    if (isAstNode(value)) {
        // `$`-properties are Langium's bookkeeping (container, CST, document), except the type.
        const properties = Object.keys(value).filter(key => !key.startsWith('$')).sort();
        const record = value as unknown as Record<string, unknown>;
        return { $type: value.$type, ...Object.fromEntries(properties.map(key => [key, plain(record[key])])) };
    }
    return value;
}
