/**
 * The canonical layout (LANGUAGE.md): one declaration or chain per line, four-space indentation
 * inside `{ }`, one space around arrows, blank lines between groups kept (at most one in a row),
 * comments kept where they were. `flywheel fmt` and the editor both use this formatter.
 *
 * The layout rules are Langium's `AbstractFormatter` DSL (`format`). Langium leaves a few things
 * around comments (hidden CST nodes) to the language; the overrides below decide them:
 * - a comment that ends a line keeps the next token off that line (it would comment it out),
 *   and a chain continued below a comment is indented one level deeper;
 * - a block comment that opens a line stays glued to the token after it (`/* x *\/ driver d`);
 * - blank lines before a comment are capped like those before a declaration, and leading blank
 *   lines of the file go, and the file ends with exactly one line break.
 * Before handing out edits it re-parses the result and refuses (throws) if the meaning or a comment
 * changed, as black's safe mode does: a layout bug must never reach a file. (Format Selection
 * may run on a text with a syntax error further down, which cannot be re-parsed; it checks that
 * the tokens and comments stay the same instead.)
 */
import { type AstNode, type CstNode, CstUtils, type LangiumDocument, type LangiumDocumentFactory, type LangiumParser, type Lexer, TextDocument } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type FormattingContext } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { isChain, isDeclaration, isFlywheel, isLink, isModel } from '../generated/ast.js';
import { commentText, meaningOf } from '../model-meaning.js';
import type { FlywheelServices } from '../flywheel-lsp-module.js';

const ARROWS = ['->', '-|', '~>', '~|'];
/**
 * The canonical layout indents with four spaces whatever the editor's own settings, so that the
 * editor and `flywheel fmt` give the same bytes (as gofmt and Prettier do).
 */
const CANONICAL_OPTIONS: FormattingOptions = { tabSize: 4, insertSpaces: true };
/** A line break that keeps one blank line where the author left one or more. */
const NEW_LINE_KEEPING_ONE_BLANK = Formatting.fit(Formatting.newLine(), Formatting.newLines(2));
/** The same, one level deeper (Langium's `indent()` always makes exactly one line break). */
const INDENTED_LINE_KEEPING_ONE_BLANK: FormattingAction = { options: {}, moves: [{ tabs: 1, lines: 1 }, { tabs: 1, lines: 2 }] };
/** Where a chain goes on below a comment: one level deeper than the chain's first line. */
const CONTINUATION: FormattingAction = { options: {}, moves: [{ tabs: 1 }] };

/** Thrown instead of returning edits that would change what the file means. */
export class FormattingWouldChangeMeaningError extends Error {}

export class FlywheelFormatter extends AbstractFormatter {
    private readonly documentFactory: LangiumDocumentFactory;
    private readonly parser: LangiumParser;
    private readonly lexer: Lexer;

    constructor(services: FlywheelServices) {
        super();
        this.documentFactory = services.shared.workspace.LangiumDocumentFactory;
        this.parser = services.parser.LangiumParser;
        this.lexer = services.parser.Lexer;
    }

    /**
     * Langium formats only text that parses. Its layout counts line breaks as `\n`, so a text with
     * any `\r` is laid out with every line break made `\n`, and the result written with the file's
     * dominant line break throughout (one edit for the whole text; editors shrink it to what changed).
     */
    override async formatDocument(document: LangiumDocument, params: DocumentFormattingParams): Promise<TextEdit[]> {
        const { lexerErrors, parserErrors } = document.parseResult;
        if (lexerErrors.length + parserErrors.length > 0) return [];
        const text = document.textDocument.getText();
        if (!text.includes('\r')) return this.checked(document, await this.layoutEdits(document, params));
        const withLf = this.documentFactory.fromString(text.replace(LINE_BREAK, '\n'), document.uri);
        const formatted = TextDocument.applyEdits(withLf.textDocument, await this.layoutEdits(withLf, params)).replace(/\n/g, dominantLineEnding(text));
        if (formatted === text) return [];
        const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
        return this.checked(document, [{ range: whole, newText: formatted }]);
    }

    /** The canonical layout's edits of a text whose line breaks are all `\n`. */
    private async layoutEdits(document: LangiumDocument, params: DocumentFormattingParams): Promise<TextEdit[]> {
        const edits = await super.formatDocument(document, { ...params, options: CANONICAL_OPTIONS });
        const endEdit = finalLineBreak(document.textDocument);
        return uniqueEdits(endEdit ? [...edits, endEdit] : edits);
    }

    /**
     * Format Selection (and format-on-save of modified lines) changes only the lines selected, so
     * each edit is cut down to the characters it really changes first: re-indenting a selected
     * line is an edit that begins at the end of the line above. Langium's own range formatting
     * keeps whole edits that merely touch the range, and treats an error at the end of the file as
     * no error; here the lines selected must all come before the first error. Text with an error
     * cannot be re-parsed to compare meanings, so the check is that the tokens stay the same.
     */
    override async formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): Promise<TextEdit[]> {
        const lines = selectedLines(params.range);
        if (lines.last >= firstErrorLine(document)) return [];
        const textDocument = document.textDocument;
        // Langium's range skips the nodes after it; one starting above the selection must stay in
        // (a chain continued into it), so the range given to Langium starts at the top.
        const upToSelection = { start: { line: 0, character: 0 }, end: { line: lines.last + 1, character: 0 } };
        const edits = withEditorLineEnding(textDocument, uniqueEdits(this.doDocumentFormat(document, CANONICAL_OPTIONS, upToSelection)))
            .map(edit => minimalEdit(textDocument, edit))
            .filter((edit): edit is TextEdit => edit !== undefined && edit.range.start.line >= lines.first && edit.range.end.line <= lines.last);
        return this.tokensKept(document, edits);
    }

    protected format(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        if (isModel(node)) {
            // One by one: `nodes(...node.flywheels)` spreads thousands of flywheels into a call and overflows the stack.
            for (const flywheel of node.flywheels) formatter.node(flywheel).prepend(NEW_LINE_KEEPING_ONE_BLANK);
        } else if (isFlywheel(node)) {
            formatter.keyword('flywheel').append(Formatting.oneSpace());
            formatter.property('label').prepend(Formatting.oneSpace());
            const open = formatter.keyword('{');
            const close = formatter.keyword('}');
            open.prepend(Formatting.oneSpace());
            formatter.interior(open, close).prepend(INDENTED_LINE_KEEPING_ONE_BLANK);
            close.prepend(Formatting.newLine());
        } else if (isDeclaration(node)) {
            formatter.keywords('goal', 'driver', 'cost', 'quality', 'initiative').append(Formatting.oneSpace());
            formatter.property('label').prepend(Formatting.oneSpace());
        } else if (isChain(node) || isLink(node)) {
            formatter.keywords(...ARROWS).surround(Formatting.oneSpace());
            formatter.property('label').prepend(Formatting.oneSpace());
        }
    }

    /** The layout between two tokens, adjusted where the first one is a comment. */
    protected override createTextEdit(a: CstNode | undefined, b: CstNode, formatting: FormattingAction, context: FormattingContext): TextEdit[] {
        // Always called, even when its edits are replaced: it keeps Langium's indentation count.
        const edits = super.createTextEdit(a, b, formatting, context);
        if (b.hidden) return edits;
        if (!a) return [replace({ start: { line: 0, character: 0 }, end: b.range.start }, '')];
        // A block starts right below its `{`: blank lines there separate nothing.
        if (isOpeningBrace(a)) return edits.map(edit => ({ ...edit, newText: edit.newText.replace(/\n+/, '\n') }));
        if (!a.hidden) return edits;
        const comment = a;
        if (comment.range.end.line === b.range.start.line) {
            // A block comment that opens its line introduces the token after it: keep them together.
            const breaksLine = edits.some(edit => edit.newText.includes('\n'));
            return breaksLine && opensLine(comment) ? [replace({ start: comment.range.end, end: b.range.start }, ' ')] : edits;
        }
        // Langium adds no space after a comment; a token it pushed onto the next line continues the chain.
        return edits.length > 0 ? edits : [replace({ start: comment.range.end, end: b.range.start }, '\n' + indentation(context, 1))];
    }

    /**
     * A comment on its own line goes to the indentation of the code around it, and the lines after
     * the first of a block comment move with it, so a JSDoc block stays aligned. Langium's own
     * version counts a tab as one column when it removes indentation (a tab-indented comment
     * lands at column 0) and leaves the blank lines before a comment alone, so this one is ours.
     */
    protected override createHiddenTextEdits(
        previous: CstNode | undefined, hidden: CstNode, formatting: FormattingAction | undefined, context: FormattingContext
    ): TextEdit[] {
        const start = hidden.range.start;
        if (!previous) return [replace({ start: { line: 0, character: 0 }, end: start }, '')];
        // A trailing comment stays on its line, exactly as written.
        if (previous.range.end.line === start.line) return [];
        const lineStart = { line: start.line, character: 0 };
        const moves = (insideChain(hidden) ? CONTINUATION : formatting)?.moves ?? [];
        const width = this.getIndentationCharacterCount(context, this.findFittingMove({ start: lineStart, end: start }, moves, context));
        const existing = this.getExistingIndentationCharacterCount(context.document.getText({ start: lineStart, end: start }), context);
        const blankLine = start.line - previous.range.end.line >= 2 && !isOpeningBrace(previous);
        const firstLine = replace({ start: previous.range.end, end: start }, (blankLine ? '\n\n' : '\n') + ' '.repeat(width));
        return [firstLine, ...this.shiftFollowingLines(hidden, width - existing, context)];
    }

    /** Moves every line of a block comment after its first by `shift` columns; blank ones become empty. */
    private shiftFollowingLines(hidden: CstNode, shift: number, context: FormattingContext): TextEdit[] {
        // Lines as the editor counts them: a lone CR breaks a line too (the fuzzer found one).
        return hidden.text.split(/\r\n|\r|\n/).slice(1).flatMap((text, i) => {
            const line = hidden.range.start.line + 1 + i;
            const indentation = /^[ \t]*/.exec(text)![0];
            const blank = text.slice(indentation.length) === '';
            const width = blank ? 0 : Math.max(0, this.getExistingIndentationCharacterCount(indentation, context) + shift);
            return [replace({ start: { line, character: 0 }, end: { line, character: indentation.length } }, ' '.repeat(width))];
        });
    }

    /** The edits, unless the text they make would mean something else than the document. */
    private checked(document: LangiumDocument, edits: TextEdit[]): TextEdit[] {
        if (edits.length === 0) return edits;
        const formatted = TextDocument.applyEdits(document.textDocument, edits);
        const reparsed = this.parser.parse(formatted);
        const parses = reparsed.lexerErrors.length + reparsed.parserErrors.length === 0;
        if (!parses || meaningOf(reparsed.value) !== meaningOf(document.parseResult.value)) {
            throw new FormattingWouldChangeMeaningError(`formatting ${document.uri.path} would change its meaning; it was left as it is (please report this with the file)`);
        }
        return edits;
    }

    /** The edits, unless the text they make has other tokens or comments than the document's. */
    private tokensKept(document: LangiumDocument, edits: TextEdit[]): TextEdit[] {
        if (edits.length === 0) return edits;
        const formatted = TextDocument.applyEdits(document.textDocument, edits);
        if (this.tokensOf(formatted) !== this.tokensOf(document.textDocument.getText())) {
            throw new FormattingWouldChangeMeaningError(`formatting the selection in ${document.uri.path} would change its meaning; it was left as it is (please report this with the file)`);
        }
        return edits;
    }

    private tokensOf(text: string): string {
        const { tokens, hidden } = this.lexer.tokenize(text);
        return JSON.stringify([...tokens, ...hidden]
            .filter(token => token.tokenType.name !== 'WS')
            .sort((a, b) => a.startOffset - b.startOffset)
            .map(token => [token.tokenType.name, commentText(token.image)]));
    }
}

/** The document's text in canonical layout (unchanged when it does not parse). */
export async function formatText(formatter: FlywheelFormatter, document: LangiumDocument): Promise<string> {
    const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: CANONICAL_OPTIONS });
    return TextDocument.applyEdits(document.textDocument, edits);
}

/**
 * Each edit once: Langium visits a comment twice when it follows a keyword with spacing after
 * it, and the same insertion twice would insert twice.
 */
function uniqueEdits(edits: TextEdit[]): TextEdit[] {
    const seen = new Set<string>();
    return edits.filter(edit => {
        const key = JSON.stringify(edit);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The line break a file is written with: its most common one (`\r\n`, `\n`, or a lone `\r` as
 * classic Mac OS wrote), a tie going to the one that comes first; `\n` for a file of one line.
 */
export function dominantLineEnding(text: string): string {
    const counts = new Map<string, number>();
    for (const [ending] of text.matchAll(LINE_BREAK)) counts.set(ending, (counts.get(ending) ?? 0) + 1);
    let dominant = '\n';
    let most = 0;
    for (const [ending, count] of counts) {
        if (count > most) [dominant, most] = [ending, count];
    }
    return dominant;
}

/**
 * Format Selection runs in an editor, whose document has one line ending (VS Code makes it so):
 * CRLF where the text has any, else `\n` as Langium writes it.
 */
function withEditorLineEnding(document: TextDocument, edits: TextEdit[]): TextEdit[] {
    if (!document.getText().includes('\r\n')) return edits;
    return edits.map(edit => ({ ...edit, newText: edit.newText.replace(/\r?\n/g, '\r\n') }));
}

/** The file ends with exactly one line break: none missing, no blank lines after the last one. */
function finalLineBreak(document: TextDocument): TextEdit | undefined {
    const text = document.getText();
    // Only blanks and line breaks: `trimEnd` would also take a U+2028 that ends a line comment's
    // text, changing the comment (found by the fuzzer).
    const end = text.replace(/[ \t\r\n]+$/, '').length;
    if (end === 0 || /^\r?\n$/.test(text.slice(end))) return undefined;
    return replace({ start: document.positionAt(end), end: document.positionAt(text.length) }, '\n');
}

/**
 * The lines a selection covers; a selection of whole lines ends at the start of the next line,
 * which is not part of it (as in VS Code).
 */
function selectedLines(range: Range): { first: number; last: number } {
    const endsAtLineStart = range.end.character === 0 && range.end.line > range.start.line;
    return { first: range.start.line, last: endsAtLineStart ? range.end.line - 1 : range.end.line };
}

/** The 0-based line of the first lexer or parser error; an error at the end of the text is on the last line. */
function firstErrorLine(document: LangiumDocument): number {
    const { lexerErrors, parserErrors } = document.parseResult;
    const lastLine = document.textDocument.lineCount - 1;
    // Chevrotain counts lines from 1, and gives the end of the input line -1 (or none).
    const zeroBased = (line: number | undefined) => (line !== undefined && line >= 1 ? line - 1 : lastLine);
    let first = Number.POSITIVE_INFINITY;
    for (const error of lexerErrors) first = Math.min(first, zeroBased(error.line));
    for (const error of parserErrors) first = Math.min(first, zeroBased(error.token.startLine));
    return first;
}

/** The edit without the text it leaves as it is at either end (undefined when that is all of it). */
function minimalEdit(document: TextDocument, edit: TextEdit): TextEdit | undefined {
    const oldText = document.getText(edit.range);
    const newText = edit.newText;
    let prefix = 0;
    while (prefix < oldText.length && prefix < newText.length && oldText[prefix] === newText[prefix]) prefix++;
    let suffix = 0;
    const fits = () => suffix < oldText.length - prefix && suffix < newText.length - prefix;
    while (fits() && oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]) suffix++;
    if (prefix === oldText.length && prefix === newText.length) return undefined;
    const start = document.offsetAt(edit.range.start);
    return replace(
        { start: document.positionAt(start + prefix), end: document.positionAt(start + oldText.length - suffix) },
        newText.slice(prefix, newText.length - suffix)
    );
}

/** No token before `comment` on its line (other comments may be). */
function opensLine(comment: CstNode): boolean {
    const before = CstUtils.getPreviousNode(comment, false);
    return !before || before.range.end.line < comment.range.start.line;
}

function isOpeningBrace(node: CstNode): boolean {
    return !node.hidden && node.text === '{';
}

/** A comment after a chain's first token (the parser attaches hidden nodes to the chain or link being built). */
function insideChain(hidden: CstNode): boolean {
    const owner = hidden.container?.astNode;
    return isChain(owner) || isLink(owner);
}

function indentation(context: FormattingContext, extraLevels: number): string {
    return ' '.repeat((context.indentation + extraLevels) * CANONICAL_OPTIONS.tabSize);
}

function replace(range: Range, newText: string): TextEdit {
    return { range, newText };
}
