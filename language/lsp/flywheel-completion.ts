/**
 * Completion that helps while typing a chain. After an arrow and a space it opens by itself
 * (space is a trigger character; a space anywhere else opens nothing) and offers the flywheel's
 * goal and drivers only — no keywords, not the chain's own source — each with its display label
 * and kinds. After a name it offers the four arrows, each saying what it means; right after an
 * arrow, before its space, it offers nothing (an arrow is not completed into another arrow).
 * Elsewhere it is Langium's default: keywords, kinds and the current flywheel's names.
 */
import type { AstNodeDescription, GrammarAST, LangiumDocument, MaybePromise, ReferenceInfo } from 'langium';
import { type CompletionAcceptor, type CompletionContext, type CompletionProviderOptions, type CompletionValueItem, DefaultCompletionProvider } from 'langium/lsp';
import { type CancellationToken, type CompletionList, type CompletionParams, CompletionItemKind, CompletionTriggerKind } from 'vscode-languageserver';
import { isDeclaration, isDriver, isGoal, isNode, type Model } from '../generated/ast.js';
import { arrowMeaning, ARROWS } from '../flywheel-vocabulary.js';
import type { Arrow } from '../generated/ast.js';

function isArrow(text: string): text is Arrow {
    return (ARROWS as readonly string[]).includes(text);
}

const ARROW_PATTERN = ARROWS.map(arrow => arrow.replace(/[|]/g, '\\|')).join('|');
/** The line so far ends with `name ARROW `: a link's target comes next. */
const AFTER_ARROW = new RegExp(`(?:^|[^\\w])(\\w+)?\\s*(?:${ARROW_PATTERN})[ \\t]+$`);
/** The line so far ends right after an arrow. */
const AT_ARROW = new RegExp(`(?:${ARROW_PATTERN})$`);

export class FlywheelCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: [' '] };

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const line = document.textDocument.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
        const target = AFTER_ARROW.exec(line);
        const bySpace = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter && params.context.triggerCharacter === ' ';
        if ((bySpace && !target) || AT_ARROW.test(line)) return undefined;
        const list = await super.getCompletion(document, params, cancelToken);
        if (!list || !target) return list;
        // A link's target: the flywheel's goal and drivers, not the node the link starts from.
        const targets = targetsAt(document, document.textDocument.offsetAt(params.position));
        targets.delete(target[1] ?? '');
        return { ...list, items: list.items.filter(item => item.kind !== CompletionItemKind.Keyword && targets.has(item.label)) };
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!isArrow(keyword.value)) return super.completionForKeyword(context, keyword, acceptor);
        acceptor(context, { label: keyword.value, kind: CompletionItemKind.Operator, detail: arrowMeaning(keyword.value), sortText: `0${ARROWS.indexOf(keyword.value)}` });
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        return isArrow(keyword.value) || super.filterKeyword(context, keyword);
    }

    /** Each name with what the drawing shows for it: its label and kinds (`Customer experience · quality driver`). */
    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        if (!isDeclaration(node)) return item;
        const role = isGoal(node) ? 'goal' : isDriver(node) ? [...node.kinds, 'driver'].join(' ') : 'initiative';
        const shown = node.label ? `${node.label} · ${role}` : role;
        return { ...item, labelDetails: { description: shown }, detail: shown };
    }
}

/** The names a link's target may take at `offset`: the goal and drivers of the flywheel there. */
function targetsAt(document: LangiumDocument, offset: number): Set<string> {
    const model = document.parseResult.value as Model;
    const flywheel = model.flywheels.find(f => f.$cstNode && f.$cstNode.offset <= offset && offset <= f.$cstNode.end);
    return new Set((flywheel?.members ?? []).flatMap(m => (isNode(m) && m.name ? [m.name] : [])));
}
