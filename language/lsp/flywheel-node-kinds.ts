/** Outline and completion icons: a flywheel is a namespace, its goal a class-like target, drivers variables. */
import type { AstNode } from 'langium';
import type { NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import { isFlywheel, isGoal } from '../generated/ast.js';

export class FlywheelNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode): SymbolKind {
        return isFlywheel(node) ? SymbolKind.Namespace : isGoal(node) ? SymbolKind.Class : SymbolKind.Variable;
    }

    getCompletionItemKind(node: AstNode): CompletionItemKind {
        return isGoal(node) ? CompletionItemKind.Class : CompletionItemKind.Variable;
    }
}
