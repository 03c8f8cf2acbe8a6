/**
 * The language's words and arrows, read from the grammar (its one source), and what each arrow
 * means, read from the analysis's own sign and delay rules. Messages, completion, hover and the
 * lexer's repairs all name them from here instead of retyping lists.
 */
import { GrammarAST } from 'langium';
import { FlywheelLanguageGrammar } from './generated/grammar.js';
import type { Arrow } from './generated/ast.js';
import { isDelayed, signOf } from '../core/analysis/graph.js';

const grammar = FlywheelLanguageGrammar();

function keywordsOf(ruleName: string): string[] {
    const rule = grammar.rules.find(r => r.name === ruleName);
    if (!rule || !GrammarAST.isParserRule(rule)) throw new Error(`The grammar has no rule ${ruleName}`);
    return collectKeywords(rule.definition);
}

/** `->`, `-|`, `~>`, `~|`, in the grammar's order. */
export const ARROWS = keywordsOf('Arrow') as Arrow[];

/** `cost`, `quality`. */
export const KINDS = keywordsOf('Kind');

/** Every reserved word (`flywheel`, `goal`, `driver`, `cost`, `quality`, …): the grammar's keywords that are words. */
const allKeywords = grammar.rules.flatMap(rule => (GrammarAST.isParserRule(rule) ? collectKeywords(rule.definition) : []));
export const WORD_KEYWORDS: string[] = [...new Set(allKeywords)].filter(word => /^[a-z]+$/.test(word));

function collectKeywords(element: GrammarAST.AbstractElement): string[] {
    if (GrammarAST.isKeyword(element)) return [element.value];
    const isComposite = GrammarAST.isAlternatives(element) || GrammarAST.isGroup(element) || GrammarAST.isUnorderedGroup(element);
    if (isComposite) return element.elements.flatMap(collectKeywords);
    if (GrammarAST.isAssignment(element)) return collectKeywords(element.terminal);
    return [];
}

/** "reinforces", "dampens, with a delay", … */
export function arrowMeaning(arrow: Arrow): string {
    const effect = signOf(arrow) > 0
        ? 'reinforces: more of the source, more of the target'
        : 'dampens: more of the source, less of the target';
    return isDelayed(arrow) ? `${effect}, with a delay` : effect;
}

/** "reinforcing" / "dampening", and "delayed" when it is. */
export function arrowPolarity(arrow: Arrow): string {
    return `${signOf(arrow) > 0 ? 'reinforcing' : 'dampening'}${isDelayed(arrow) ? ', delayed' : ''}`;
}

/**
 * How a message names a flywheel: `flywheel 'Shop'`, or `this flywheel` when a syntax error took
 * its name (never `'undefined'`). `start` for the start of a sentence.
 */
export function flywheelCalled(flywheel: { name?: string }, start = false): string {
    const words = flywheel.name ? `flywheel '${flywheel.name}'` : 'this flywheel';
    return start ? words[0].toUpperCase() + words.slice(1) : words;
}

/** "`->`, `-|`, `~>` or `~|`" */
export function listOfArrows(): string {
    return orList(ARROWS.map(arrow => `\`${arrow}\``));
}

/** "a, b or c" */
export function orList(items: string[]): string {
    return items.length <= 1 ? items[0] ?? '' : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
