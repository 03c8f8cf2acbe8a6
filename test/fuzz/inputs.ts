/**
 * The fuzzer's inputs: `.fly` texts made from the grammar (random flywheels with every construct,
 * comments everywhere, hostile Unicode) and mutations of them (truncated, tokens swapped, braces
 * deleted, line endings changed). Input `index` of run `seed` is always the same text, so a
 * finding is reproduced by its seed and index alone.
 */
import { Random } from '../support/seeded-random.js';
import { denseWheelWithBrake, loopWithSidePaths, shapeText } from './loop-shapes.js';

/** Input `index` of the run `seed`: its own generator, independent of the inputs before it. */
export function randomFor(seed: number, index: number): Random {
    return new Random(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

const ARROWS = ['->', '-|', '~>', '~|'];
const KEYWORDS = ['flywheel', 'goal', 'driver', 'cost', 'quality', 'initiative'];
/** Characters that break naive code: RTL overrides and marks, zero-width ones, a BOM, astral emoji, combining marks, NUL. */
const AWKWARD_CHARACTERS = ['\u202e', '\u202d', '\u200f', '\u200b', '\u200d', '\u2060', '\ufeff', '😀', '👩‍👩‍👧', 'e\u0301', '\u0000', '\t', 'ש', 'م', '中', '\u00a0', '\u2028', '\u2029', '<', '>', '&', ']]>', "'", '`', '\\\\', '\\"', '$', '{', '}', '/*', '*/', '//'];

function name(random: Random): string {
    if (random.chance(0.03)) return 'n'.repeat(200 + random.below(2000));
    if (random.chance(0.05)) return random.pick(KEYWORDS) + random.below(3);
    const first = random.pick(['a', 'b', 'c', 'd', 'e', 'x', '_', 'Q']);
    return first + (random.chance(0.5) ? String(random.below(12)) : random.pick(['', 'x', '_1', 'Long_name']));
}

/** A valid STRING token: printable ASCII with `"` and `\\` escaped, awkward characters, escapes; never a line break. */
function label(random: Random): string {
    const length = random.chance(0.05) ? 300 + random.below(3000) : random.below(30);
    const pieces: string[] = [];
    for (let i = 0; i < length; i++) {
        const piece = random.chance(0.3) ? random.pick(AWKWARD_CHARACTERS) : String.fromCharCode(32 + random.below(95)).replace(/["\\]/, '\\$&');
        pieces.push(piece);
    }
    return `"${pieces.join('')}"`;
}

function comment(random: Random, lineEnd: string): string {
    const body = Array.from({ length: random.below(4) }, () => random.pick(AWKWARD_CHARACTERS.filter(c => c !== '*/')) + random.pick(['note', 'why', ' -> ', ''])).join(' ');
    switch (random.below(3)) {
        case 0: return `// ${body.replace(/[\r\n]/g, ' ')}${lineEnd}`;
        case 1: return `/* ${body}${random.chance(0.3) ? `${lineEnd} * more` : ''} */`;
        default: return `/** ${body} */${lineEnd}`;
    }
}

function maybeComment(random: Random, lineEnd: string): string {
    return random.chance(0.15) ? ` ${comment(random, lineEnd)}` : '';
}

/**
 * One flywheel: a goal (sometimes none or two), drivers with kinds, initiatives, chains over them
 * (some starting at an initiative, a few into one) and a few unknown names.
 */
function flywheel(random: Random, lineEnd: string): string {
    const nodes = Array.from({ length: 1 + random.below(12) }, () => name(random));
    const indent = random.pick(['    ', '\t', '', '  ']);
    const lines: string[] = [`${maybeComment(random, lineEnd)}flywheel ${name(random)}${random.chance(0.7) ? ` ${label(random)}` : ''} {`];
    const goals = random.chance(0.1) ? 0 : random.chance(0.1) ? 2 : 1;
    nodes.forEach((node, i) => {
        const declaration = i < goals
            ? `goal ${node}`
            : `${random.pick(['', 'cost ', 'quality ', 'cost quality ', 'quality cost ', 'cost cost '])}driver ${node}`;
        lines.push(`${indent}${maybeComment(random, lineEnd)}${declaration}${random.chance(0.7) ? ` ${label(random)}` : ''}${maybeComment(random, lineEnd)}`);
    });
    const initiatives = Array.from({ length: random.below(3) }, () => name(random));
    for (const initiative of initiatives) lines.push(`${indent}initiative ${initiative}${random.chance(0.5) ? ` ${label(random)}` : ''}${maybeComment(random, lineEnd)}`);
    for (let c = random.below(nodes.length * 2 + 1) + initiatives.length; c > 0; c--) {
        const hops = Array.from({ length: 1 + random.below(5) }, () => {
            const target = random.chance(0.05) ? name(random) : initiatives.length > 0 && random.chance(0.05) ? random.pick(initiatives) : random.pick(nodes);
            return ` ${random.pick(ARROWS)}${maybeComment(random, lineEnd)} ${target}${random.chance(0.3) ? ` ${label(random)}` : ''}`;
        });
        const source = initiatives.length > 0 && random.chance(0.3) ? random.pick(initiatives) : random.pick(nodes);
        lines.push(`${indent}${source}${hops.join('')}${maybeComment(random, lineEnd)}`);
    }
    lines.push('}');
    return lines.join(lineEnd);
}

/** A text the grammar accepts (mostly: long or keyword-like names and stray comments may still break it). */
export function generatedText(random: Random): string {
    const lineEnd = random.pick(['\n', '\n', '\n', '\r\n', '\r']);
    // Sometimes one of the shapes that once fooled the loop search, as the whole checker sees it.
    if (random.chance(0.05)) return shapeText(random.chance(0.5) ? loopWithSidePaths(random) : denseWheelWithBrake(random)).replace(/\n/g, lineEnd);
    const flywheels = Array.from({ length: random.below(4) }, () => flywheel(random, lineEnd));
    return flywheels.join(lineEnd + (random.chance(0.5) ? lineEnd : '')) + (random.chance(0.8) ? lineEnd : '');
}

const MUTATIONS: Array<(random: Random, text: string) => string> = [
    function truncate(random, text) { return text.slice(0, random.below(text.length + 1)); },
    function deleteBrace(random, text) { return deleteOne(random, text, /[{}]/g); },
    function deleteQuote(random, text) { return deleteOne(random, text, /"/g); },
    function deleteSlice(random, text) {
        const start = random.below(text.length + 1);
        return text.slice(0, start) + text.slice(start + random.below(40));
    },
    function duplicateSlice(random, text) {
        const start = random.below(text.length + 1);
        const slice = text.slice(start, start + random.below(200));
        return text.slice(0, start) + slice + slice + text.slice(start + slice.length);
    },
    function swapTokens(random, text) {
        const tokens = text.split(/(\s+)/);
        const a = random.below(tokens.length);
        const b = random.below(tokens.length);
        [tokens[a], tokens[b]] = [tokens[b], tokens[a]];
        return tokens.join('');
    },
    function insertToken(random, text) {
        const at = random.below(text.length + 1);
        const token = random.pick([...ARROWS, ...KEYWORDS, '{', '}', '"', '/*', '*/', '//', '/**', '\\', '\r', '\n', ...AWKWARD_CHARACTERS]);
        return text.slice(0, at) + token + text.slice(at);
    },
    function changeLineEndings(random, text) { return text.replace(/\r\n|\r|\n/g, () => random.pick(['\n', '\r\n', '\r', '\u2028'])); },
    function randomBytes(random, text) {
        const at = random.below(text.length + 1);
        const noise = Array.from({ length: 1 + random.below(20) }, () => String.fromCodePoint(random.chance(0.8) ? random.below(0x3000) : 0x1f300 + random.below(0x300))).join('');
        return text.slice(0, at) + noise + text.slice(at);
    }
];

function deleteOne(random: Random, text: string, pattern: RegExp): string {
    const positions = [...text.matchAll(pattern)].map(match => match.index);
    if (positions.length === 0) return text;
    const at = random.pick(positions);
    return text.slice(0, at) + text.slice(at + 1);
}

export interface FuzzInput {
    /** The grammar-made text the input started from (what `flywheel diff` compares it with). */
    base: string;
    text: string;
    /** How it was made: `generated` or the mutations applied, in order. */
    recipe: string[];
}

/** Input `index` of run `seed`: a generated text, and (two times in three) one to three mutations of it. */
export function fuzzInput(seed: number, index: number): FuzzInput {
    const random = randomFor(seed, index);
    const base = generatedText(random);
    let text = base;
    const recipe = ['generated'];
    if (random.chance(2 / 3)) {
        for (let n = 1 + random.below(3); n > 0; n--) {
            const mutation = random.pick(MUTATIONS);
            text = mutation(random, text);
            recipe.push(mutation.name);
        }
    }
    return { base, text, recipe };
}
