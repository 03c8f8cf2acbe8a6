/**
 * `.fly` inputs for property tests: every example file, and generated files that put comments
 * (`//`, `/* *\/`, `/** *\/`) in every place the grammar allows one, labels with odd Unicode,
 * several flywheels sharing node names, CRLF line endings, and the mistakes the diagnostics are
 * about (duplicate, self and conflicting links, unresolved names, drivers off the wheel, missing
 * kinds, duplicate names and goals, initiatives off the wheel, braking it or linked into), so
 * that every quick fix gets offered. A few files do not
 * parse. Deterministic: file `n` is the same on every run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Pick, seededRandom } from './seeded-random.js';

export interface CorpusInput {
    name: string;
    text: string;
}

export function exampleInputs(): CorpusInput[] {
    return ['examples', 'examples/broken', 'examples/planning'].flatMap(folder =>
        readdirSync(folder).filter(name => name.endsWith('.fly')).sort().map(name => ({ name: join(folder, name), text: readFileSync(join(folder, name), 'utf8') })));
}

export function generatedInputs(count: number, firstSeed = 1): CorpusInput[] {
    return Array.from({ length: count }, (_, i) => ({ name: `generated #${firstSeed + i}`, text: generateFile(firstSeed + i) }));
}

/** Node names the flywheels of one file share, so that a rename has to tell the flywheels apart. */
const NODE_NAMES = ['growth', 'users', 'sellers', 'price', 'trust', 'ads', 'g', 'a', '_b2'];
const FLYWHEEL_NAMES = ['Shop', 'Market', 'Media'];
/** Initiative names; `ads` is a node name too, so an initiative sometimes clashes with a driver. */
const INITIATIVE_NAMES = ['launch', 'podcasts', 'ads'];
const KIND_LISTS = [[], [], ['cost'], ['quality'], ['cost', 'quality'], ['quality', 'cost'], ['cost', 'cost']];
/** Combining marks, astral and right-to-left characters, a ZWJ sequence, U+2028, escapes, a tab. */
const LABELS = [
    '"Café ☕"', '"🚀 launch"', '"naïve — résumé"', '"שלום עולם"', '"e\u0301\u0301 combined"', '"👩‍👩‍👧 family"',
    '"say \\"hi\\" \\\\ back"', '"𝔘𝔫𝔦𝔠𝔬𝔡𝔢"', '"zero\u200Bwidth"', '"line\u2028separator"', '"tab\there"', '""', '"// not a comment"'
];
const ARROWS = ['->', '->', '->', '~>', '-|', '~|'];

/** One generated file. */
export function generateFile(seed: number): string {
    const pick = seededRandom(seed);
    const layout = new Layout(pick, pick(8) === 0);
    const flywheels = FLYWHEEL_NAMES.slice(0, 1 + pick(3)).map(name => generateFlywheel(pick, name));
    if (pick(8) === 0) breakSyntax(pick, flywheels);
    let text = layout.file(flywheels);
    if (pick(4) === 0) text = text.replace(/\n/g, '\r\n');
    return text;
}

/** A flywheel as tokens: its header (`flywheel Name "label"`), its members, each a list of tokens. */
interface FlywheelTokens {
    header: string[];
    members: string[][];
    /** False when the closing brace was removed to make a syntax error. */
    closed: boolean;
}

function generateFlywheel(pick: Pick, name: string): FlywheelTokens {
    const nodes = shuffled(pick, NODE_NAMES).slice(0, 3 + pick(4));
    const [goal, ...drivers] = nodes;
    const label = () => (pick(2) === 0 ? [LABELS[pick(LABELS.length)]] : []);
    const declarations: string[][] = [];
    if (pick(12) !== 0) declarations.push(['goal', goal, ...label()]);
    for (const driver of drivers) declarations.push([...KIND_LISTS[pick(KIND_LISTS.length)], 'driver', driver, ...label()]);
    if (pick(8) === 0) declarations.push(['goal', drivers[0], ...label()]);
    if (pick(6) === 0) declarations.push(['driver', drivers[pick(drivers.length)], ...label()]);
    // Some drivers stay off the ring through the goal: broken loops and split wheels.
    const ring = [goal, ...drivers.filter(() => pick(5) !== 0), goal];
    const links: Array<[string, string, string]> = [];
    for (let i = 0; i + 1 < ring.length; i++) links.push([ring[i], ARROWS[pick(ARROWS.length)], ring[i + 1]]);
    for (let extra = pick(4); extra > 0; extra--) links.push([nodes[pick(nodes.length)], ARROWS[pick(ARROWS.length)], nodes[pick(nodes.length)]]);
    if (pick(4) === 0) links.push(links[pick(links.length)]);
    if (pick(5) === 0) links.push([drivers[0], '->', 'missing']);
    // A typo of a declared name (its last letter dropped): "did you mean".
    if (goal.length >= 5 && pick(5) === 0) links.push([drivers[0], '->', goal.slice(0, -1)]);
    for (const initiative of INITIATIVE_NAMES.slice(0, pick(3))) {
        declarations.push(['initiative', initiative, ...label()]);
        for (let push = pick(3); push > 0; push--) links.push([initiative, ARROWS[pick(ARROWS.length)], nodes[pick(nodes.length)]]);
        if (pick(6) === 0) links.push([nodes[pick(nodes.length)], '->', initiative]);
    }
    const chains = chainsOf(pick, shuffled(pick, links), label);
    const members = pick(5) === 0 ? shuffled(pick, [...declarations, ...chains]) : [...declarations, ...chains];
    return { header: ['flywheel', name, ...label()], members, closed: true };
}

/** Links joined into chains where one ends where the next starts, with some labels. */
function chainsOf(pick: Pick, links: Array<[string, string, string]>, label: () => string[]): string[][] {
    const chains: string[][] = [];
    let last: string | undefined;
    for (const [source, arrow, target] of links) {
        if (source !== last || pick(3) === 0) chains.push([source]);
        chains[chains.length - 1].push(arrow, target, ...label());
        last = target;
    }
    return chains;
}

/** A half-typed chain (`a ->`) or a missing closing brace. */
function breakSyntax(pick: Pick, flywheels: FlywheelTokens[]): void {
    const flywheel = flywheels[pick(flywheels.length)];
    const chain = flywheel.members.find(member => ARROWS.includes(member[1]));
    if (chain && pick(2) === 0) chain.splice(2);
    else flywheel.closed = false;
}

/**
 * Lays tokens out as text, with comments, blank lines and odd spacing in the gaps. Every comment
 * has its own number so that a lost or duplicated one shows; their texts hold names, arrows,
 * braces and quotes that a careless edit could mistake for code.
 */
class Layout {
    private comments = 0;

    /** Percent of the gaps between tokens that hold something else than one space. */
    private readonly oddGaps: number;

    constructor(private readonly pick: Pick, private readonly oneLine: boolean) {
        this.oddGaps = [5, 20, 50][pick(3)];
    }

    file(flywheels: FlywheelTokens[]): string {
        const start = this.pick(3) === 0 ? `// c${++this.comments}: a file about g -> users\n` : '';
        const parts = flywheels.map(flywheel => this.flywheel(flywheel));
        const n = ++this.comments;
        const end = [`\n`, '', `\n// c${n} the end }`, `\n/* c${n} */\n\n`][this.pick(4)];
        return start + parts.map((part, i) => (i === 0 ? '' : this.betweenFlywheels()) + part).join('') + end;
    }

    private flywheel(flywheel: FlywheelTokens): string {
        const indent = ['    ', '  ', '\t', ''][this.pick(4)];
        const doc = this.pick(3) === 0 ? `/** d${++this.comments}: the ${flywheel.header[1]} wheel */\n` : '';
        const header = this.tokens(flywheel.header, '') + this.gap('') + '{';
        const members = flywheel.members.map((member, i) => (i === 0 ? this.firstInBlock(indent) : this.betweenMembers(indent)) + this.tokens(member, indent));
        const close = flywheel.closed ? this.beforeClose() + '}' : '';
        return doc + header + members.join('') + close;
    }

    private tokens(tokens: string[], indent: string): string {
        return tokens.map((token, i) => (i === 0 ? '' : this.gap(indent)) + token).join('');
    }

    /** Between two tokens of one declaration or chain: mostly a space, and how often not depends on the file. */
    private gap(indent: string): string {
        if (this.pick(100) >= this.oddGaps) return ' ';
        const n = ++this.comments;
        const gaps = [
            '  ', '\t',
            ` /* c${n} */ `, `/*c${n}:"x"*/`, ` /* c${n} -> g\n${indent}   spans lines */ `
        ];
        if (!this.oneLine) gaps.push(` // c${n}: driver g {\n${indent}        `, `\n${indent}        `);
        return gaps[this.pick(gaps.length)];
    }

    /** Between two members of a flywheel. */
    private betweenMembers(indent: string): string {
        const n = ++this.comments;
        if (this.oneLine) return [' ', ` /* c${n} */ `][this.pick(2)];
        const gaps = [
            `\n${indent}`, `\n${indent}`, `\n${indent}`, `\n\n${indent}`, ' ',
            ` // c${n}: a trailing comment\n${indent}`,
            ` /* c${n} */\n${indent}`,
            `\n${indent}/** d${n}: a doc comment, "quoted" */\n${indent}`,
            `\n\n${indent}/**\n${indent} * d${n}: a longer description\n${indent} * on two lines.\n${indent} */\n${indent}`,
            `\n${indent}// c${n}: a comment line, with -> arrows\n${indent}`,
            `\n${indent}/* c${n} */ `
        ];
        return gaps[this.pick(gaps.length)];
    }

    private firstInBlock(indent: string): string {
        const n = ++this.comments;
        if (this.oneLine) return ' ';
        return [`\n${indent}`, ` // c${n}: after the brace\n${indent}`, `\n\n${indent}/** d${n} */\n${indent}`][this.pick(3)];
    }

    private beforeClose(): string {
        const n = ++this.comments;
        if (this.oneLine) return [' ', ` /* c${n} */ `][this.pick(2)];
        return ['\n', '\n', ' ', ` // c${n}: last\n`, `\n    /** d${n}: documents nothing */\n`][this.pick(5)];
    }

    private betweenFlywheels(): string {
        const n = ++this.comments;
        if (this.oneLine) return ' ';
        return ['\n', '\n\n', ` // c${n}\n\n`, `\n/* c${n} between */\n`][this.pick(4)];
    }
}

function shuffled<T>(pick: Pick, items: T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
        const j = pick(i + 1);
        [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
}
