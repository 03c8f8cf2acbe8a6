/**
 * Syntax errors in words an author of a `.fly` file uses: what was found, in the terms of the
 * language ("the label", "the name `x`", "the end of the file"), and what to write instead, with
 * an example. Never the parser's token types or its iteration paths.
 *
 * Where the mistake is on an earlier line than the token the parser stopped at (a word left on
 * its own, an arrow at the end of a line), the message speaks of the earlier token, and
 * `FlywheelDocumentValidator` puts the diagnostic there (`anchorsOnPrevious`).
 */
import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';
import { ARROWS, KINDS, WORD_KEYWORDS, listOfArrows } from './flywheel-vocabulary.js';

const KEYWORD_LIST = WORD_KEYWORDS.map(k => `\`${k}\``).join(', ');

export class FlywheelParserErrorMessages extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const { expected, actual, previous, ruleName } = options;
        const rule = plainRuleName(ruleName);
        if (rule === 'Model') return outsideFlywheel(actual);
        switch (expected.name) {
            case 'ID': return missingName(rule, actual, previous);
            case '{': return missingOpeningBrace(actual, previous);
            case '}': return missingClosingBrace(actual);
            case 'driver': return `After ${KINDS.map(k => `\`${k}\``).join(' or ')} comes \`driver\` and the driver's name: \`${previous.image} driver ${isName(actual) ? actual.image : 'price'}\`.`;
            default: return `Expected \`${expected.name}\` here, but found ${describe(actual)}.`;
        }
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken; ruleName: string }): string {
        return outsideFlywheel(firstRedundant);
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; ruleName: string }): string {
        return this.afterPrevious(options.actual[0], options.previous, options.ruleName);
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; ruleName: string }): string {
        return this.afterPrevious(options.actual[0], options.previous, options.ruleName);
    }

    /** A chain's first arrow is the only place where an alternative or a first iteration can be missing. */
    private afterPrevious(actual: IToken | undefined, previous: IToken, ruleName: string): string {
        const rule = plainRuleName(ruleName);
        if ((rule === 'Chain' || rule === 'Link' || rule === 'Arrow') && isName(previous)) return chainWithoutLink(actual, previous);
        return `${describe(actual, true)} cannot follow ${describe(previous)} here.`;
    }
}

/** Langium marks its rule names with a zero-width space (so that they never clash with Chevrotain's own). */
export function plainRuleName(ruleName: string | undefined): string {
    return (ruleName ?? '').replace(/\u200B/g, '');
}

/**
 * True when the mistake is at `previous`, not at the token the parser stopped at: that token is
 * on a later line (or is the end of the file), and the parser was still waiting for the rest of
 * what `previous` began. Only a flywheel's member list waits for nothing: there the stray token
 * itself is the mistake, unless it is the end of the file or the next `flywheel`.
 */
export function anchorsOnPrevious(actual: IToken | undefined, previous: IToken | undefined, expectsClosingBrace: boolean): boolean {
    if (!previous || !isValidToken(previous)) return false;
    if (!actual || isEnd(actual)) return true;
    if (expectsClosingBrace && actual.tokenType.name !== 'flywheel') return false;
    return actual.startLine! > previous.endLine!;
}

function missingName(ruleName: string, actual: IToken, previous: IToken): string {
    if (ruleName === 'Link') return missingTarget(actual, previous);
    const what = ruleName === 'Flywheel' ? 'flywheel' : ruleName === 'Goal' ? 'goal' : 'driver';
    const example = what === 'flywheel' ? 'flywheel Marketplace "Our marketplace" { … }' : what === 'goal' ? 'goal growth "Growth"' : 'driver price "Lower prices"';
    if (isKeyword(actual) && !onLaterLine(actual, previous)) {
        return `\`${actual.image}\` is a keyword, so it cannot name a ${what}: choose another name (the keywords are ${KEYWORD_LIST}).`;
    }
    if (actual.tokenType.name === 'STRING' && !onLaterLine(actual, previous)) {
        return `A ${what} needs a name before its label: \`${example}\`.`;
    }
    return `\`${previous.image}\` needs a name after it: \`${example}\`.`;
}

function missingTarget(actual: IToken, arrow: IToken): string {
    if (!onLaterLine(actual, arrow)) {
        if (isKeyword(actual)) return `\`${actual.image}\` is a keyword, not a name: after \`${arrow.image}\` comes the name of the goal or driver the link leads to.`;
        if (actual.tokenType.name === 'STRING') return `A link's label comes after its target: \`a ${arrow.image} b ${actual.image}\`.`;
        if (isArrow(actual)) return `Two arrows in a row: after \`${arrow.image}\` comes the name of the goal or driver the link leads to.`;
    }
    return `\`${arrow.image}\` leads nowhere: after it comes the name of the goal or driver the link leads to, e.g. \`a ${arrow.image} b\`.`;
}

function missingOpeningBrace(actual: IToken, previous: IToken): string {
    if (isName(actual) && isName(previous) && !onLaterLine(actual, previous)) {
        return `A flywheel's name is one word: write \`${previous.image}${capitalized(actual.image)}\` and put the title in a label: \`flywheel ${previous.image}${capitalized(actual.image)} "${previous.image} ${actual.image}" {\`.`;
    }
    return `After the flywheel's name and label comes \`{\`: \`flywheel Name "Label" { … }\`.`;
}

function missingClosingBrace(actual: IToken): string {
    if (isEnd(actual)) return 'The file ends before this flywheel is closed: add `}` at its end.';
    if (actual.tokenType.name === 'flywheel') return 'The flywheel above is not closed: add `}` before the next `flywheel`.';
    if (actual.tokenType.name === 'STRING') return `A label belongs right after the name it labels, on the same line: \`driver price ${actual.image}\`.`;
    if (isArrow(actual)) return `A link starts with the name of its source: \`a ${actual.image} b\`.`;
    if (actual.tokenType.name === '{') return 'Only a flywheel opens with `{`: goals, drivers and links inside it need no braces.';
    return `${describe(actual, true)} cannot start a line inside a flywheel: write a goal (\`goal growth\`), a driver (\`driver price\`) or a link (\`a -> b\`).`;
}

function chainWithoutLink(actual: IToken | undefined, source: IToken): string {
    if (!actual || isEnd(actual) || onLaterLine(actual, source) || actual.tokenType.name === '}') {
        return `\`${source.image}\` stands alone: a link needs an arrow and a target (\`${source.image} -> …\`), a declaration starts with \`goal\` or \`driver\`.`;
    }
    if (isName(actual)) {
        return `Two names in a row: to declare \`${actual.image}\`, write \`goal ${actual.image}\` or \`driver ${actual.image}\`; to link them, write \`${source.image} -> ${actual.image}\`.`;
    }
    if (actual.tokenType.name === 'STRING') {
        return `\`${source.image} ${actual.image}\` declares nothing: start it with \`goal\` or \`driver\` (\`driver ${source.image} ${actual.image}\`).`;
    }
    return `After \`${source.image}\` comes an arrow (${listOfArrows()}) and the goal or driver it leads to, not ${describe(actual)}.`;
}

function outsideFlywheel(token: IToken): string {
    switch (token.tokenType.name) {
        case '}': return 'This `}` closes nothing: every flywheel before it is already closed.';
        case '{': return 'A `{` opens a flywheel after its name: `flywheel Name { … }`.';
        case 'STRING': return `A label belongs right after the name it labels: \`flywheel Name ${token.image} {\`.`;
        default: return 'Goals, drivers and links go inside a flywheel: `flywheel Name { … }`.';
    }
}

/** "the name `x`", "the label "…"", "`driver`", "the end of the file". */
function describe(token: IToken | undefined, capital = false): string {
    const text = !token || isEnd(token) ? 'the end of the file'
        : token.tokenType.name === 'ID' ? `the name \`${token.image}\``
            : token.tokenType.name === 'STRING' ? `the label ${token.image}`
                : `\`${token.image}\``;
    return capital ? text[0].toUpperCase() + text.slice(1) : text;
}

function isEnd(token: IToken): boolean {
    return token.tokenType.name === 'EOF' || token.image === '' || !isValidToken(token);
}

function isValidToken(token: IToken): boolean {
    return Number.isFinite(token.startOffset) && token.startOffset >= 0 && !token.isInsertedInRecovery;
}

function isName(token: IToken | undefined): boolean {
    return token?.tokenType.name === 'ID';
}

function isKeyword(token: IToken): boolean {
    return WORD_KEYWORDS.includes(token.tokenType.name);
}

function isArrow(token: IToken): boolean {
    return (ARROWS as string[]).includes(token.tokenType.name);
}

function onLaterLine(token: IToken, previous: IToken): boolean {
    return isEnd(token) || (isValidToken(previous) && token.startLine! > previous.endLine!);
}

function capitalized(word: string): string {
    return word[0].toUpperCase() + word.slice(1);
}
