/**
 * A document's syntax errors as the author reads them: one per mistake, where the mistake is,
 * and the places the parser could not read, from which the validators decide what is certain.
 *
 * - Lexing errors come written and placed by `FlywheelLexer`; parsing errors are written by
 *   `FlywheelParserErrorMessages` and placed here at the token the mistake is about.
 * - A parsing error on the same line as an earlier syntax error is a follow-on of it (the parser
 *   stumbling over what the first mistake left) and is not shown.
 * - The end of the file inside a flywheel names the flywheel and points at the `{` left open; a
 *   flywheel left open before the next one, likewise; a declaration after a flywheel's `}` names
 *   that `}`.
 */
import { type AstNode, AstUtils, CstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import { type Flywheel, isFlywheel, type Model } from './generated/ast.js';
import { endOf, isAuthoredLexingError } from './flywheel-lexer.js';
import { anchorsOnPrevious, plainRuleName } from './flywheel-parser-messages.js';
import { flywheelCalled } from './flywheel-vocabulary.js';

export interface SyntaxProblem {
    start: number;
    end: number;
    message: string;
    /** Texts that could replace [start, end): the quick fix. */
    suggestions: string[];
    related?: { start: number; end: number; message: string };
}

export interface SyntaxErrors {
    /** What the author is shown, in the order of the text. */
    shown: SyntaxProblem[];
    /** Every offset the parser could not read, follow-ons included (the lexer's repairs are read as meant). */
    unreadOffsets: number[];
    /** Where every syntax error starts, follow-ons and the lexer's included. */
    errorOffsets: number[];
}

const cache = new WeakMap<object, SyntaxErrors>();

export function syntaxErrorsOf(document: LangiumDocument): SyntaxErrors {
    const parseResult = document.parseResult;
    let errors = cache.get(parseResult);
    if (!errors) {
        errors = collect(document);
        cache.set(parseResult, errors);
    }
    return errors;
}

/** True when the parser read all of `node`'s text, with the lexer's repairs. */
export function parsedWhole(node: AstNode): boolean {
    return !holdsAny(node, syntaxErrorsOf(AstUtils.getDocument(node)).unreadOffsets);
}

/** True when some syntax error lies within `node`'s text (or at its very end: the file ended there). */
export function hasSyntaxErrors(node: AstNode): boolean {
    return holdsAny(node, syntaxErrorsOf(AstUtils.getDocument(node)).errorOffsets);
}

function holdsAny(node: AstNode, offsets: number[]): boolean {
    const cst = node.$cstNode;
    return !cst || offsets.some(offset => offset >= cst.offset && offset <= cst.end);
}

function collect(document: LangiumDocument): SyntaxErrors {
    const { lexerErrors, parserErrors } = document.parseResult;
    const model = document.parseResult.value as Model;
    const text = document.textDocument.getText();
    const lexed = lexerErrors.map(fromLexingError);
    const parsed = parserErrors.flatMap(error => fromParsingError(error, model, text));
    const unreadOffsets = [
        ...parsed.map(p => p.start),
        ...parserErrors.flatMap(e => [e.token, ...e.resyncedTokens].filter(isReal).map(t => t.startOffset))
    ];
    return { shown: withoutFollowOns(text, lexed, parsed), unreadOffsets, errorOffsets: [...unreadOffsets, ...lexed.map(p => p.start)] };
}

function fromLexingError(error: ILexingError): SyntaxProblem {
    return {
        start: error.offset,
        end: error.offset + error.length,
        message: error.message,
        suggestions: isAuthoredLexingError(error) ? error.suggestions ?? [] : []
    };
}

function fromParsingError(error: IRecognitionException, model: Model, text: string): SyntaxProblem[] {
    const previous = (error as { previousToken?: IToken }).previousToken;
    const token = isReal(error.token) ? error.token : undefined;
    const at = token?.startOffset ?? (previous && isReal(previous) ? endOf(previous) : text.length);
    const flywheel = flywheelAround(model, at);
    const open = flywheel && GrammarUtils.findNodeForKeyword(flywheel.$cstNode, '{');
    const closed = flywheel && GrammarUtils.findNodeForKeyword(flywheel.$cstNode, '}');
    const ruleName = plainRuleName(error.context?.ruleStack.at(-1));
    const expectsClosingBrace = ruleName === 'Flywheel' && open !== undefined && open.offset < at;

    if ((ruleName === 'Model' || error.name === 'NotAllInputParsedException') && token) {
        return [outsideAnyFlywheel(error.message, token, model)];
    }
    if (expectsClosingBrace && flywheel && open && !closed && (!token || token.tokenType.name === 'flywheel')) {
        const end = previous && isReal(previous) ? endOf(previous) : at;
        const where = `the \`{\` at ${lineColumn(text, open.offset)}`;
        const message = token
            ? `${flywheelCalled(flywheel, true)} is not closed: add \`}\` before the next \`flywheel\` to close ${where}.`
            : `The file ends before ${flywheelCalled(flywheel)} is closed: add \`}\` to close ${where}.`;
        return [{ start: end, end, message, suggestions: [], related: { start: open.offset, end: open.end, message: `${flywheelCalled(flywheel, true)} opens here` } }];
    }
    if (previous && isReal(previous) && anchorsOnPrevious(token, previous, expectsClosingBrace)) {
        return [{ start: previous.startOffset, end: endOf(previous), message: error.message, suggestions: [] }];
    }
    if (!token) return [{ start: at, end: at, message: error.message, suggestions: [] }];
    return [{ start: token.startOffset, end: endOf(token), message: error.message, suggestions: [] }];
}

/** `goal g` after every flywheel is closed: names the `}` that closed the last one. */
function outsideAnyFlywheel(message: string, token: IToken, model: Model): SyntaxProblem {
    const before = model.flywheels.filter(f => f.$cstNode && f.$cstNode.end <= token.startOffset).at(-1);
    const close = before && GrammarUtils.findNodeForKeyword(before.$cstNode, '}');
    const member = ['goal', 'driver', 'ID', 'STRING'].includes(token.tokenType.name) || /^[a-z]+$/.test(token.tokenType.name);
    const detail = close && member && token.tokenType.name !== 'flywheel'
        ? ` This one comes after the \`}\` that closes flywheel '${before!.name}'.`
        : '';
    return {
        start: token.startOffset,
        end: endOf(token),
        message: message + detail,
        suggestions: [],
        related: close && detail ? { start: close.offset, end: close.end, message: `flywheel '${before!.name}' closes here` } : undefined
    };
}

/** The flywheel whose text holds `offset`, or the last one that starts before it. */
function flywheelAround(model: Model, offset: number): Flywheel | undefined {
    const root = model.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, Math.max(0, offset - 1));
    const around = leaf && AstUtils.getContainerOfType(leaf.astNode, isFlywheel);
    return around ?? model.flywheels.filter(f => f.$cstNode && f.$cstNode.offset <= offset).at(-1);
}

/** One syntax error per line: a parsing error after another error on its line is a follow-on. */
function withoutFollowOns(text: string, lexed: SyntaxProblem[], parsed: SyntaxProblem[]): SyntaxProblem[] {
    const lineOf = lineIndex(text);
    const all = [...lexed.map(p => ({ p, lexed: true })), ...parsed.map(p => ({ p, lexed: false }))]
        .sort((a, b) => a.p.start - b.p.start || Number(b.lexed) - Number(a.lexed));
    const linesWithError = new Set<number>();
    const shown: SyntaxProblem[] = [];
    for (const { p, lexed: fromLexer } of all) {
        const line = lineOf(p.start);
        if (!fromLexer && linesWithError.has(line)) continue;
        linesWithError.add(line);
        shown.push(p);
    }
    return shown;
}

function isReal(token: IToken | undefined): token is IToken {
    return token !== undefined && Number.isFinite(token.startOffset) && token.startOffset >= 0 && !token.isInsertedInRecovery && token.tokenType.name !== 'EOF';
}

function lineIndex(text: string): (offset: number) => number {
    const starts = [0];
    const ends = /\r\n?|\n/g;
    for (let m = ends.exec(text); m; m = ends.exec(text)) starts.push(m.index + m[0].length);
    return offset => {
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (starts[mid] <= offset) low = mid;
            else high = mid - 1;
        }
        return low;
    };
}

/** "3:20", 1-based, as the CLI and the editor show positions. */
function lineColumn(text: string, offset: number): string {
    const line = lineIndex(text)(offset);
    const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
    return `${line + 1}:${offset - lineStart + 1}`;
}
