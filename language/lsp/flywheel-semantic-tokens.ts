/**
 * Semantic tokens: the goal, drivers and initiatives (declarations and references, with their kinds as
 * modifiers) and arrows by polarity, so a theme can tell a brake from an accelerator at a glance.
 * The custom types and modifiers are declared in package.json with standard super types.
 */
import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, AllSemanticTokenModifiers, AllSemanticTokenTypes, type SemanticTokenAcceptor } from 'langium/lsp';
import { type Declaration, isChain, isDeclaration, isDriver, isGoal, isInitiative, isLink } from '../generated/ast.js';

const typeCount = Object.keys(AllSemanticTokenTypes).length;
const modifierCount = Object.keys(AllSemanticTokenModifiers).length;

export const FlywheelTokenTypes = {
    goal: typeCount,
    driver: typeCount + 1,
    reinforcing: typeCount + 2,
    dampening: typeCount + 3,
    initiative: typeCount + 4
} as const;

export const FlywheelTokenModifiers = {
    cost: 1 << modifierCount,
    quality: 1 << (modifierCount + 1),
    delayed: 1 << (modifierCount + 2)
} as const;

export class FlywheelSemanticTokenProvider extends AbstractSemanticTokenProvider {
    override get tokenTypes(): Record<string, number> {
        return { ...AllSemanticTokenTypes, ...FlywheelTokenTypes };
    }

    override get tokenModifiers(): Record<string, number> {
        return { ...AllSemanticTokenModifiers, ...FlywheelTokenModifiers };
    }

    /** Half-typed text parses into nodes with parts missing (no source, arrow or target): those parts get no token. */
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (isDeclaration(node) && node.name) {
            acceptor({ node, property: 'name', type: nodeType(node), modifier: ['declaration', ...kindsOf(node)] });
        } else if (isChain(node) && node.source?.ref) {
            acceptor({ node, property: 'source', type: nodeType(node.source.ref), modifier: kindsOf(node.source.ref) });
        } else if (isLink(node)) {
            if (node.arrow) {
                const polarity = node.arrow.endsWith('|') ? 'dampening' : 'reinforcing';
                acceptor({ node, property: 'arrow', type: polarity, modifier: node.arrow.startsWith('~') ? ['delayed'] : [] });
            }
            if (node.target?.ref) acceptor({ node, property: 'target', type: nodeType(node.target.ref), modifier: kindsOf(node.target.ref) });
        }
    }
}

function nodeType(node: Declaration): 'goal' | 'driver' | 'initiative' {
    return isGoal(node) ? 'goal' : isInitiative(node) ? 'initiative' : 'driver';
}

function kindsOf(node: Declaration): string[] {
    return isDriver(node) ? [...new Set(node.kinds)] : [];
}
