/**
 * The canonical layout (LANGUAGE.md): one declaration or chain per line, four-space indentation
 * inside `{ }`, one space around arrows, blank lines between groups kept (at most one in a row),
 * comments kept where they were. `fly fmt` and the editor both use this formatter.
 */
import { type AstNode, type CstNode, type LangiumDocument, type MaybePromise, TextDocument } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type FormattingContext } from 'langium/lsp';
import type { DocumentFormattingParams, TextEdit } from 'vscode-languageserver';
import { isChain, isDriver, isFlywheel, isGoal, isLink, isModel } from '../generated/ast.js';

const ARROWS = ['->', '-|', '~>', '~|'];
/** A line break that keeps one blank line where the author left one or more. */
const NEW_LINE_KEEPING_ONE_BLANK = Formatting.fit(Formatting.newLine(), Formatting.newLines(2));
/** The same, one level deeper (Langium's `indent()` always makes exactly one line break). */
const INDENTED_LINE_KEEPING_ONE_BLANK: FormattingAction = { options: {}, moves: [{ tabs: 1, lines: 1 }, { tabs: 1, lines: 2 }] };

export class FlywheelFormatter extends AbstractFormatter {
    /** Langium formats only text that parses; the edits keep the document's own line ending. */
    override async formatDocument(document: LangiumDocument, params: DocumentFormattingParams): Promise<TextEdit[]> {
        const edits = await (super.formatDocument(document, params) as MaybePromise<TextEdit[]>);
        if (!document.textDocument.getText().includes('\r\n')) return edits;
        return edits.map(edit => ({ ...edit, newText: edit.newText.replace(/\r?\n/g, '\r\n') }));
    }

    /**
     * Comments keep their text and place; Langium re-indents a comment on its own line (every line
     * of a block comment moves with its first, so a JSDoc block stays aligned) but leaves
     * the blank lines before it alone, so this also folds them into one clean blank line.
     */
    protected override createHiddenTextEdits(previous: CstNode | undefined, hidden: CstNode, formatting: FormattingAction | undefined, context: FormattingContext): TextEdit[] {
        const edits = super.createHiddenTextEdits(previous, hidden, formatting, context);
        if (previous && hidden.range.start.line - previous.range.end.line >= 2) {
            // The blank lines between them become one, without stray spaces.
            edits.unshift({
                range: { start: { line: previous.range.end.line + 1, character: 0 }, end: { line: hidden.range.start.line, character: 0 } },
                newText: '\n'
            });
        }
        return edits;
    }

    protected format(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        if (isModel(node)) {
            formatter.nodes(...node.flywheels.slice(1)).prepend(NEW_LINE_KEEPING_ONE_BLANK);
        } else if (isFlywheel(node)) {
            formatter.keyword('flywheel').append(Formatting.oneSpace());
            formatter.property('label').prepend(Formatting.oneSpace());
            const open = formatter.keyword('{');
            const close = formatter.keyword('}');
            open.prepend(Formatting.oneSpace());
            formatter.interior(open, close).prepend(INDENTED_LINE_KEEPING_ONE_BLANK);
            close.prepend(Formatting.newLine());
        } else if (isGoal(node) || isDriver(node)) {
            formatter.keywords('goal', 'driver', 'cost', 'quality').append(Formatting.oneSpace());
            formatter.property('label').prepend(Formatting.oneSpace());
        } else if (isChain(node)) {
            formatter.keywords(...ARROWS).surround(Formatting.oneSpace());
        } else if (isLink(node)) {
            formatter.keywords(...ARROWS).surround(Formatting.oneSpace());
            formatter.property('label').prepend(Formatting.oneSpace());
        }
    }
}

/** The document's text in canonical layout (unchanged when it does not parse). */
export async function formatText(formatter: AbstractFormatter, document: LangiumDocument): Promise<string> {
    const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
    return TextDocument.applyEdits(document.textDocument, edits);
}
