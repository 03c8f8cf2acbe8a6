/**
 * Syntax errors in words an author of a `.fly` file uses ("a name", "an arrow", "the end of the
 * file") instead of the parser's token types and iteration paths.
 */
import { LangiumParserErrorMessageProvider } from 'langium';

interface TokenLike {
    name: string;
}

interface Found {
    image: string;
    tokenType?: TokenLike;
}

const ARROWS = new Set(['->', '-|', '~>', '~|']);

export class FlywheelParserErrorMessages extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage({ expected, actual }: { expected: TokenLike; actual: Found }): string {
        return `Expected ${describeExpected([expected])} but found ${describeFound(actual)}.`;
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: Found }): string {
        return `Expected a new flywheel (flywheel Name { … }) but found ${describeFound(firstRedundant)}.`;
    }

    override buildNoViableAltMessage({ expectedPathsPerAlt, actual }: { expectedPathsPerAlt: TokenLike[][][]; actual: Found[] }): string {
        return `Expected ${describeExpected(expectedPathsPerAlt.flat().map(path => path[0]).filter(Boolean))} but found ${describeFound(actual[0])}.`;
    }

    override buildEarlyExitMessage({ expectedIterationPaths, actual }: { expectedIterationPaths: TokenLike[][]; actual: Found[] }): string {
        return `Expected ${describeExpected(expectedIterationPaths.map(path => path[0]).filter(Boolean))} but found ${describeFound(actual[0])}.`;
    }
}

/** "a name", "an arrow (->, -|, ~> or ~|)", "'goal', 'driver' or a name", … */
function describeExpected(tokens: TokenLike[]): string {
    const names = [...new Set(tokens.map(token => token.name.replace(/:KW$/, '')))];
    const arrows = names.filter(name => ARROWS.has(name));
    const words = names.filter(name => !ARROWS.has(name)).map(name =>
        name === 'ID' ? 'a name' : name === 'STRING' ? 'a label in double quotes' : `'${name}'`);
    if (arrows.length > 0) words.push(arrows.length === ARROWS.size ? 'an arrow (->, -|, ~> or ~|)' : arrows.map(a => `'${a}'`).join(' or '));
    return words.length <= 1 ? words[0] ?? 'something else' : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function describeFound(token: Found | undefined): string {
    if (!token || token.tokenType?.name === 'EOF' || token.image === '') return 'the end of the file';
    return `'${token.image}'`;
}
