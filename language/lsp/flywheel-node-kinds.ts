/** Outline and completion icons: a flywheel is a namespace, its goal a class-like target, drivers variables, initiatives events (they act on the wheel). */
import type { AstNode } from 'langium';
import type { NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import { isFlywheel, isGoal, isInitiative } from '../generated/ast.js';

export class FlywheelNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode): SymbolKind {
        return isFlywheel(node) ? SymbolKind.Namespace : isGoal(node) ? SymbolKind.Class : isInitiative(node) ? SymbolKind.Event : SymbolKind.Variable;
    }

    getCompletionItemKind(node: AstNode): CompletionItemKind {
        return isGoal(node) ? CompletionItemKind.Class : isInitiative(node) ? CompletionItemKind.Event : CompletionItemKind.Variable;
    }
}
