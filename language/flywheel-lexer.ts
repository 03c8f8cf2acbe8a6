/**
 * The lexer, with the repairs a new author's typing needs. Chevrotain skips every character it
 * does not know and the parser then stumbles over what is left (`content => search` becomes
 * `content search`, `long-term-value` becomes three names), so one slip gave half a dozen errors.
 * Here each unknown stretch is read for its likely intent, reported once in the author's words,
 * and replaced by the token that was meant, so the parser goes on as if it had been written right:
 *
 * - an unclosed label runs to the end of its line (`"Media flywheel {` keeps its `{`);
 * - `'Growth'` and `“Growth”` are labels; `#` starts a comment;
 * - `=>`, `-->`, `→`, a lone `-`, … are the arrow `->`; `<-` is an arrow pointing backwards;
 * - `long-term-value`, `2nd`, `café` are names (reported once per name);
 * - a mistyped keyword at the start of a declaration (`drivr product`, `Goal growth`) is that keyword.
 *
 * The text still has errors, so the wheel rules wait (see `flywheel-validator.ts`); what the
 * repairs buy is that the rest of the file is read as it was meant.
 */
import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';
import { createTokenInstance, type ILexingError, type IToken, type TokenType } from 'chevrotain';
import { closestMatches } from './did-you-mean.js';
import { ARROWS, KINDS, WORD_KEYWORDS, listOfArrows } from './flywheel-vocabulary.js';

/** A lexing error with what could replace its text, for the quick fix. */
export interface AuthoredLexingError extends ILexingError {
    /** Texts that could replace the error's range (`->` for `=>`, `driver` for `drivr`, …). */
    suggestions?: string[];
}

export function isAuthoredLexingError(error: ILexingError): error is AuthoredLexingError {
    return 'suggestions' in error;
}

const LABEL_OPENERS: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '„': '“' };
const NAME_CHAR = /[\p{L}\p{N}_$]/u;
/** Joins the parts of a name (`long-term`, `v1.2`), never starts or ends one. */
const NAME_JOINER = /[-.]/;
const ARROW_CHAR = /[-=~<>|→⇒⟶➔➜⟹←⇐—–]/u;
const BACKWARDS = /^[<←⇐]/u;

export class FlywheelLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        return new LexerRepair(text, result, this.definition).run();
    }
}

interface Span {
    start: number;
    end: number;
}

/**
 * Pieces of the text (tokens, or stretches the lexer could not read), sorted by offset and never
 * overlapping, found by binary search: a large file with one slip is repaired in a few steps.
 */
class Pieces<T> {
    constructor(readonly items: T[], private readonly startOf: (item: T) => number, private readonly endOf: (item: T) => number) {}

    /** The index of the first piece starting at or after `offset`. */
    indexFrom(offset: number): number {
        let low = 0;
        let high = this.items.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (this.startOf(this.items[mid]) < offset) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    startingAt(offset: number): T | undefined {
        const item = this.items[this.indexFrom(offset)];
        return item !== undefined && this.startOf(item) === offset ? item : undefined;
    }

    endingAt(offset: number): T | undefined {
        const item = this.items[this.indexFrom(offset) - 1];
        return item !== undefined && this.endOf(item) === offset ? item : undefined;
    }

    /** The last piece that ends at or before `offset`. */
    before(offset: number): T | undefined {
        let index = this.indexFrom(offset) - 1;
        while (index >= 0 && this.endOf(this.items[index]) > offset) index--;
        return this.items[index];
    }

    /** The first piece that starts at or after `offset`. */
    from(offset: number): T | undefined {
        return this.items[this.indexFrom(offset)];
    }

    /** Takes out every piece that starts within [start, end). */
    remove(start: number, end: number): void {
        const first = this.indexFrom(start);
        this.items.splice(first, this.indexFrom(end) - first);
    }

    insert(item: T): void {
        this.items.splice(this.indexFrom(this.startOf(item)), 0, item);
    }
}

class LexerRepair {
    private readonly tokens: Pieces<IToken>;
    private readonly hidden: Pieces<IToken>;
    /** What the lexer could not read, one character at a time at first. */
    private unknown: Pieces<Span>;
    private readonly errors: AuthoredLexingError[] = [];
    private lineStarts?: number[];

    constructor(private readonly text: string, private readonly result: LexerResult, private readonly types: Record<string, TokenType>) {
        this.tokens = new Pieces(result.tokens, t => t.startOffset, endOf);
        this.hidden = new Pieces(result.hidden, t => t.startOffset, endOf);
        // One stretch per character: a stretch the lexer skipped can mix a name's letter and a `;` (`café;`).
        this.unknown = new Pieces(result.errors.flatMap(error => {
            const chars = [...text.slice(error.offset, error.offset + error.length)];
            let start = error.offset;
            return chars.map(char => ({ start, end: (start += char.length) }));
        }), s => s.start, s => s.end);
    }

    run(): LexerResult {
        if (this.unknown.items.length > 0) {
            this.readLinesToTheirEnd();
            this.readNames();
            this.mergeUnknown();
            this.readArrows();
            this.reportTheRest();
        }
        this.readMistypedKeywords();
        if (this.errors.length === 0) return this.result;
        return {
            ...this.result,
            tokens: this.tokens.items,
            hidden: this.hidden.items,
            errors: this.errors.sort((a, b) => a.offset - b.offset)
        };
    }

    /** Unclosed or wrongly quoted labels, and `#` comments: each takes the rest of its line. */
    private readLinesToTheirEnd(): void {
        for (let i = 0; i < this.unknown.items.length; i++) {
            const { start } = this.unknown.items[i];
            const char = this.text[start];
            const lineEnd = this.lineEnd(start);
            if (char === '#') {
                this.replace(start, lineEnd, this.token('SL_COMMENT', start, lineEnd), true);
                this.report(start, start + 1, 'Comments start with `//`, not `#`.', ['//']);
            } else if (char in LABEL_OPENERS) {
                this.readLabel(start, char, lineEnd);
            } else {
                continue;
            }
            i--; // the stretch at i was replaced; the next one has moved into its place
        }
    }

    private readLabel(start: number, opener: string, lineEnd: number): void {
        const closer = LABEL_OPENERS[opener];
        const close = opener === '"' ? -1 : this.text.slice(start + 1, lineEnd).indexOf(closer) + start + 1;
        if (close > start) {
            const content = this.text.slice(start + 1, close);
            this.replace(start, close + 1, this.token('STRING', start, close + 1));
            this.report(start, close + 1, `Labels are written in straight double quotes: "${content}".`, [`"${content.replace(/["\\]/g, '\\$&')}"`]);
            return;
        }
        // The label ends where its line does, before a `{` or `}` the line ends with.
        const rest = this.text.slice(start, lineEnd);
        const end = start + rest.replace(/\s*[{}]?\s*$/u, '').length;
        this.replace(start, end, this.token('STRING', start, end));
        const { line, column } = this.position(start);
        const label = this.text.slice(start, end);
        this.report(start, end, `The label opened at ${line}:${column} is not closed before the end of the line: end it with \`${closer}\`.`,
            [opener === '"' ? `${label}"` : `"${label.slice(1).replace(/["\\]/g, '\\$&')}"`]);
    }

    /** `long-term-value`, `2nd`, `café`: one name, reported once however often it is written. */
    private readNames(): void {
        const reported = new Set<string>();
        for (let i = 0; i < this.unknown.items.length; i++) {
            const span = this.unknown.items[i];
            if (!this.isNamePart(span)) continue;
            let start = span.start;
            let end = span.end;
            // Grow over the names and unknown name parts glued on either side.
            for (let piece = this.pieceEndingAt(start); piece && this.isNamePiece(piece); piece = this.pieceEndingAt(start)) {
                start = 'startOffset' in piece ? piece.startOffset : piece.start;
            }
            for (let piece = this.pieceStartingAt(end); piece && this.isNamePiece(piece); piece = this.pieceStartingAt(end)) {
                end = 'startOffset' in piece ? endOf(piece) : piece.end;
            }
            const name = this.text.slice(start, end);
            // A joiner at either end belongs to an arrow (`a--> b`) or stands alone (`a - b`).
            if (!NAME_CHAR.test(name[0]) || !NAME_CHAR.test([...name].pop()!)) continue;
            this.replace(start, end, this.token('ID', start, end));
            i = this.unknown.indexFrom(start) - 1; // the stretches of this name are gone; go on after it
            if (!reported.has(name)) {
                reported.add(name);
                this.report(start, end, nameMessage(name), [suggestedName(name)]);
            }
        }
    }

    private pieceEndingAt(offset: number): IToken | Span | undefined {
        return this.tokens.endingAt(offset) ?? this.unknown.endingAt(offset);
    }

    private pieceStartingAt(offset: number): IToken | Span | undefined {
        return this.tokens.startingAt(offset) ?? this.unknown.startingAt(offset);
    }

    /** Adjacent unknown characters left over are read together (`=>`, `<-`). */
    private mergeUnknown(): void {
        const merged: Span[] = [];
        for (const span of this.unknown.items) {
            const last = merged[merged.length - 1];
            if (last && last.end === span.start) last.end = span.end;
            else merged.push({ ...span });
        }
        this.unknown = new Pieces(merged, s => s.start, s => s.end);
    }

    private isNamePart(span: Span): boolean {
        const text = this.text.slice(span.start, span.end);
        return [...text].every(char => NAME_CHAR.test(char) || NAME_JOINER.test(char));
    }

    /** A name token, or an unknown stretch that can be part of a name. */
    private isNamePiece(piece: IToken | Span): boolean {
        return 'startOffset' in piece ? piece.tokenType === this.types.ID : this.isNamePart(piece);
    }

    /** `=>`, `-->`, `→`, `<-`, a lone `-`: arrows, meant or mistyped. */
    private readArrows(): void {
        const left: Span[] = [];
        for (const span of this.unknown.items) {
            const text = this.text.slice(span.start, span.end);
            if (![...text].every(char => ARROW_CHAR.test(char))) {
                left.push(span);
                continue;
            }
            const glued = this.tokens.startingAt(span.end);
            const gluedArrow = glued && this.isArrowToken(glued) ? glued : undefined;
            const end = gluedArrow ? endOf(gluedArrow) : span.end;
            const written = this.text.slice(span.start, end);
            const meant = written.includes('~') ? '~>' : '->';
            if (!gluedArrow) this.tokens.insert(this.token(meant, span.start, span.end));
            if (BACKWARDS.test(written)) this.reportBackwards(span.start, end, written);
            else if (/[>→⇒⟶➔➜⟹]/u.test(written)) this.report(span.start, end, `\`${written}\` is not an arrow: write \`${meant}\` (the arrows are ${listOfArrows()}).`, [meant]);
            else this.report(span.start, end, `\`${written}\` alone is not an arrow: write ${listOfArrows()}.`, [meant]);
        }
        this.unknown = new Pieces(left, s => s.start, s => s.end);
    }

    /** `g <- a`: the link from `a` to `g`, written from its target. */
    private reportBackwards(start: number, end: number, written: string): void {
        const before = this.tokens.before(start);
        const after = this.tokens.from(end);
        if (before?.tokenType === this.types.ID && after?.tokenType === this.types.ID) {
            const forwards = `${after.image} -> ${before.image}`;
            // The fix rewrites the whole link, so it is offered only for a link that is a chain of its own.
            const alone = !this.isArrowToken(this.tokens.before(before.startOffset)) && !this.isArrowToken(this.tokens.from(endOf(after)));
            this.report(alone ? before.startOffset : start, alone ? endOf(after) : end,
                `Links point forwards: write \`${forwards}\` instead of \`${before.image} ${written} ${after.image}\`.`, alone ? [forwards] : []);
        } else {
            this.report(start, end, 'Links point forwards, from the source to the target: `source -> target`.', []);
        }
    }

    /** Characters that mean nothing here: reported, and left out as the lexer already did. */
    private reportTheRest(): void {
        for (const span of this.unknown.items) {
            let start = span.start;
            while (start < span.end) {
                const char = String.fromCodePoint(this.text.codePointAt(start)!);
                let end = start + char.length;
                while (end < span.end && this.text.startsWith(char, end)) end += char.length;
                this.report(start, end, strayCharacterMessage(char), ['']);
                start = end;
            }
        }
    }

    /**
     * A word at the start of a declaration followed by a name on its line is a keyword: two names
     * in a row never parse. Within a typo or two of one (`drivr`, `gaol`, `Driver`), it is read as
     * that keyword.
     */
    private readMistypedKeywords(): void {
        const tokens = this.tokens.items;
        for (let i = 0; i + 1 < tokens.length; i++) {
            const word = tokens[i];
            const next = tokens[i + 1];
            if (word.tokenType !== this.types.ID || next.startLine !== word.startLine) continue;
            if (next.tokenType !== this.types.ID && !WORD_KEYWORDS.includes(next.tokenType.name)) continue;
            const previous = tokens[i - 1];
            const afterKind = previous !== undefined && KINDS.includes(previous.tokenType.name) && previous.startLine === word.startLine;
            const startsLine = previous === undefined || previous.startLine !== word.startLine || previous.tokenType.name === '{' || previous.tokenType.name === '}';
            if (!afterKind && !startsLine) continue;
            const [keyword] = closestMatches(word.image, afterKind ? ['driver', ...KINDS] : WORD_KEYWORDS, 1);
            if (!keyword) continue;
            tokens[i] = this.token(keyword, word.startOffset, endOf(word));
            const message = keyword === word.image.toLowerCase()
                ? `Keywords are written in lower case: \`${keyword}\`, not \`${word.image}\`.`
                : `\`${word.image}\` is not a keyword: did you mean \`${keyword}\`?`;
            this.report(word.startOffset, endOf(word), message, [keyword]);
        }
    }

    private isArrowToken(token: IToken | undefined): token is IToken {
        return token !== undefined && (ARROWS as string[]).includes(token.tokenType.name);
    }

    /** Replaces every token, hidden token and unknown stretch within [start, end) by `token`. */
    private replace(start: number, end: number, token: IToken, hidden = false): void {
        this.tokens.remove(start, end);
        this.hidden.remove(start, end);
        this.unknown.remove(start, end);
        (hidden ? this.hidden : this.tokens).insert(token);
    }

    private report(start: number, end: number, message: string, suggestions: string[]): void {
        const { line, column } = this.position(start);
        this.errors.push({ offset: start, length: end - start, line, column, message, suggestions });
    }

    private token(type: string, start: number, end: number): IToken {
        const from = this.position(start);
        const to = this.position(end - 1);
        return createTokenInstance(this.types[type], this.text.slice(start, end), start, end - 1, from.line, to.line, from.column, to.column);
    }

    private lineEnd(offset: number): number {
        const ends = /[\r\n]/g;
        ends.lastIndex = offset;
        return ends.exec(this.text)?.index ?? this.text.length;
    }

    /** 1-based line and column, as Chevrotain counts them (`\n`, `\r\n` and `\r` end lines). */
    private position(offset: number): { line: number; column: number } {
        if (!this.lineStarts) {
            this.lineStarts = [0];
            const ends = /\r\n?|\n/g;
            for (let m = ends.exec(this.text); m; m = ends.exec(this.text)) this.lineStarts.push(m.index + m[0].length);
        }
        let low = 0;
        let high = this.lineStarts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.lineStarts[mid] <= offset) low = mid;
            else high = mid - 1;
        }
        return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
    }
}

function nameMessage(name: string): string {
    const rule = 'a name is letters A–Z, digits and `_`, and does not start with a digit';
    return `\`${name}\` is not a name: ${rule}. Write \`${suggestedName(name)}\` instead (the label in quotes can say anything).`;
}

/** `long-term-value` → `longTermValue`, `2nd` → `_2nd`, `café` → `cafe`. */
function suggestedName(name: string): string {
    const camel = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[-.]+(\p{L})/gu, (_, letter: string) => letter.toUpperCase()).replace(/[-.]+/g, '_');
    const ascii = camel.replace(/[^A-Za-z0-9_]/g, '_');
    return /^[0-9]/.test(ascii) ? `_${ascii}` : ascii;
}

function strayCharacterMessage(char: string): string {
    switch (char) {
        case ';': return '`;` is not needed: a declaration or a chain ends with its line.';
        case ',': return 'A `,` does not list targets: give each link its own arrow (`a -> b`, then `a -> c`).';
        case ':': return '`:` does not belong here: write `goal growth "Growth"` or `driver price "Price"`.';
        default: return `\`${char}\` can only appear inside a label ("…") or a comment (// …).`;
    }
}

/** The offset just past the token (Chevrotain's `endOffset` is inclusive, and optional in its types). */
export function endOf(token: IToken): number {
    return token.startOffset + token.image.length;
}
