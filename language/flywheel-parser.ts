/**
 * Langium's parser, with its concrete syntax tree built in linear time. Langium 4's
 * `CstNodeBuilder.addHiddenNodes` runs before every token, comments or not, and for the first
 * token of each new node looks the node up in its parent's children with `indexOf` from the
 * front: a flywheel's node is the last of its parent's children, so each member cost a scan of
 * all the members before it, and a wheel of 200,000 drivers took minutes to parse. Here the
 * search starts at the end, where the node is, and no tokens means nothing to place.
 */
import { type CompositeCstNode, createParser, CstNodeBuilder, type LangiumCoreServices, LangiumParser } from 'langium';
import type { IToken } from 'chevrotain';

export class FlywheelCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length === 0) return;
        const nodes = tokens.map(token => this.createLeafNode(token, true));
        let current: CompositeCstNode = this.current;
        // Inside a node that has content already: after it. At a node just opened: before the
        // nearest ancestor that has something before it, or else at the very start.
        if (current.content.length > 0) return this.appendChildren(current, nodes);
        while (current.container) {
            const index = current.container.content.lastIndexOf(current);
            if (index > 0) return this.insertChildren(current.container, index, nodes);
            current = current.container;
        }
        this.insertChildren(current, 0, nodes);
    }
}

export class FlywheelParser extends LangiumParser {
    constructor(services: LangiumCoreServices) {
        super(services);
        // Langium creates its builder in a private field and has no service for it.
        (this as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new FlywheelCstNodeBuilder();
    }
}

/** As Langium's `createLangiumParser`, with our parser. */
export function createFlywheelParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new FlywheelParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
