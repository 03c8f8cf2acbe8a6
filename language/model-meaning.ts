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
 * Every comment's text, in order. The lines after the first of a block comment lose their
 * leading blanks: re-indenting a comment moves all its lines, and that is layout, not text.
 */
export function commentsOf(root: CstNode | undefined): string[] {
    if (!root) return [];
    return CstUtils.streamCst(root)
        .filter(node => node.hidden)
        .map(node => node.text.replace(/\r?\n[ \t]*/g, '\n'))
        .toArray();
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
