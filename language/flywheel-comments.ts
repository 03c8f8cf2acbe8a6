/**
 * Doc comments in linear time. Langium's comment provider finds the node before a declaration
 * with `indexOf` over its parent's children, and a flywheel's children are all its members: a
 * wheel of 200,000 documented drivers made that quadratic. The children are in the text's order,
 * so a binary search by offset finds a node among them at once.
 */
import { type AstNode, type CstNode, CstUtils, DefaultCommentProvider } from 'langium';

export class FlywheelCommentProvider extends DefaultCommentProvider {
    override getComment(node: AstNode): string | undefined {
        const given = (node as { $comment?: unknown }).$comment;
        if (typeof given === 'string') return given;
        const previous = node.$cstNode && previousNode(node.$cstNode);
        return previous && CstUtils.isCommentNode(previous, this.grammarConfig().multilineCommentRules) ? previous.text : undefined;
    }
}

/** The CST node just before `node` (hidden ones included), climbing while it is the first child. */
function previousNode(node: CstNode): CstNode | undefined {
    for (let current = node; current.container; current = current.container) {
        const siblings = current.container.content;
        const index = indexAmong(siblings, current);
        if (index > 0) return siblings[index - 1];
    }
    return undefined;
}

/** Where `node` is among siblings sorted by offset (nodes of no length may share an offset). */
function indexAmong(siblings: readonly CstNode[], node: CstNode): number {
    let low = 0;
    let high = siblings.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (siblings[middle].offset < node.offset) low = middle + 1;
        else high = middle;
    }
    for (let i = low; i < siblings.length && siblings[i].offset === node.offset; i++) {
        if (siblings[i] === node) return i;
    }
    return siblings.indexOf(node);
}
