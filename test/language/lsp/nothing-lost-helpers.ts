/**
 * What the "nothing lost" properties compare: a parsed file seen as its flywheels' declarations
 * (with their doc comments) and links, where its comments sit, and what each quick fix means to
 * change, read from its title and its diagnostic's code.
 */
import { type AstNode, type CstNode, CstUtils, isJSDoc, isLeafCstNode } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { type Flywheel, isChain, isDeclaration, isDriver, isNode, type Link, type Model } from '../../../language/generated/ast.js';
import { DiagnosticCode } from '../../../language/diagnostic-codes.js';
import { services } from '../validation-helpers.js';

export interface DeclarationView {
    type: 'Goal' | 'Driver' | 'Initiative';
    name: string;
    label?: string;
    /** Sorted: the order the kinds are written in means nothing. */
    kinds: string[];
    /** Its description: the `/** … *\/` comment right before it, as written. */
    doc?: string;
}

export interface LinkView {
    source: string;
    arrow: string;
    target: string;
    label?: string;
}

/** One flywheel as the fixes are judged on; how its links are grouped into chains is layout. */
export interface FlywheelView {
    name: string;
    label?: string;
    declarations: DeclarationView[];
    links: LinkView[];
}

export function viewOf(model: Model): FlywheelView[] {
    return model.flywheels.map(flywheel => ({
        name: flywheel.name,
        label: flywheel.label,
        declarations: flywheel.members.flatMap(member => (isDeclaration(member) ? [{
            type: member.$type,
            name: member.name,
            label: member.label,
            kinds: isDriver(member) ? [...member.kinds].sort() : [],
            doc: descriptionOf(member)
        }] : [])),
        links: linksOf(flywheel).map(linkView)
    }));
}

/** A `/** … *\/` comment right before the declaration, as the analyzer and the hover read one. */
function descriptionOf(node: AstNode): string | undefined {
    const comment = services.Flywheel.documentation.CommentProvider.getComment(node);
    return comment && isJSDoc(comment) ? comment : undefined;
}

/** The flywheel's links in the order they are written. */
export function linksOf(flywheel: Flywheel): Link[] {
    return flywheel.members.filter(isChain).flatMap(chain => chain.links);
}

function linkView(link: Link): LinkView {
    const chain = link.$container;
    const index = chain.links.indexOf(link);
    // After a syntax error the parser may leave a reference out.
    const source = index === 0 ? chain.source : chain.links[index - 1].target;
    return { source: source?.$refText ?? '', arrow: link.arrow, target: link.target?.$refText ?? '', label: link.label };
}

/**
 * For each comment, in order: the token it follows on its own line, or '' when it opens its line.
 * A comment that trails `driver d` describes d; moved below another line, it describes that.
 */
export function commentPlaces(root: CstNode): string[] {
    const leaves = CstUtils.streamCst(root).filter(isLeafCstNode).toArray();
    return leaves.flatMap((leaf, i) => {
        if (!leaf.hidden) return [];
        const previous = leaves[i - 1];
        return [previous && previous.range.end.line === leaf.range.start.line ? previous.text : ''];
    });
}

/** The flywheel whose text holds `offset`. */
export function flywheelAt(model: Model, offset: number): Flywheel | undefined {
    return model.flywheels.find(flywheel => contains(flywheel.$cstNode, offset));
}

export function contains(node: CstNode | undefined, offset: number): boolean {
    return node !== undefined && node.offset <= offset && offset < node.end;
}

/** Where an AST node sits in the plain model `meaningOf` writes (which mirrors the AST). */
export function pathOf(node: AstNode): Array<string | number> {
    if (!node.$container) return [];
    const index = node.$containerIndex === undefined ? [] : [node.$containerIndex];
    return [...pathOf(node.$container), node.$containerProperty!, ...index];
}

// ---- What a quick fix is meant to do ---------------------------------------------------------------

export type Intent =
    | { kind: 'remove-link'; link: LinkView }
    | { kind: 'add-links'; node: string; links: LinkView[] }
    | { kind: 'add-driver'; driver: DeclarationView; links: LinkView[] }
    | { kind: 'add-kind'; driver: string; driverKind: string }
    /** The diagnosed link with another arrow, or turned round: `link` is what it becomes. */
    | { kind: 'change-link'; link: LinkView }
    /** "Did you mean": the diagnosed text `from` replaced by `to`, and nothing else. */
    | { kind: 'use-instead'; from: string; to: string };

interface IntentRule {
    codes: string[];
    title: RegExp;
    intent(match: RegExpMatchArray, goal: string | undefined): Intent;
}

/** `a -> b -> c` as its links. */
function path(text: string): LinkView[] {
    const names = text.split(' -> ');
    return names.slice(1).map((target, i) => ({ source: names[i], arrow: '->', target }));
}

const BROKEN_LOOP = [DiagnosticCode.BrokenLoop];
const MISSING_KIND = [DiagnosticCode.MissingCostDriver, DiagnosticCode.MissingQualityDriver];
const ARROW = '(->|-\\||~>|~\\|)';

/**
 * Every quick fix there is, by the title the user reads. A fix with a title not listed here fails
 * the property test: a new kind of fix has to say here what it changes.
 */
const INTENT_RULES: IntentRule[] = [
    {
        codes: [DiagnosticCode.DuplicateLink, DiagnosticCode.SelfLink, DiagnosticCode.LinkIntoInitiative],
        title: /^Remove the link (\w+) (->|-\||~>|~\|) (\w+)$/,
        intent: m => ({ kind: 'remove-link', link: { source: m[1], arrow: m[2], target: m[3] } })
    },
    { codes: BROKEN_LOOP, title: /^Link '(\w+)' back to the goal: ([\w >-]+)$/, intent: m => ({ kind: 'add-links', node: m[1], links: path(m[2]) }) },
    { codes: BROKEN_LOOP, title: /^Link the goal to '(\w+)': ([\w >-]+)$/, intent: m => ({ kind: 'add-links', node: m[1], links: path(m[2]) }) },
    { codes: BROKEN_LOOP, title: /^Put '(\w+)' on a loop through the goal: ([\w >-]+)$/, intent: m => ({ kind: 'add-links', node: m[1], links: path(m[2]) }) },
    {
        codes: BROKEN_LOOP,
        title: /^Link '(\w+)' to the wheel driver '(\w+)'$/,
        intent: m => ({ kind: 'add-links', node: m[1], links: [{ source: m[1], arrow: '->', target: m[2] }] })
    },
    {
        codes: [DiagnosticCode.UnresolvedReference],
        title: /^Declare the driver '(\w+)'$/,
        intent: m => ({ kind: 'add-driver', driver: { type: 'Driver', name: m[1], kinds: [] }, links: [] })
    },
    {
        codes: [DiagnosticCode.InitiativeOffWheel],
        title: /^Link '(\w+)' to the wheel driver '(\w+)': \1 -> \2$/,
        intent: m => ({ kind: 'add-links', node: m[1], links: [{ source: m[1], arrow: '->', target: m[2] }] })
    },
    {
        codes: [DiagnosticCode.InitiativeBrakesWheel],
        title: new RegExp(`^Make it reinforce: (\\w+) ${ARROW} (\\w+)$`),
        intent: m => ({ kind: 'change-link', link: { source: m[1], arrow: m[2], target: m[3] } })
    },
    {
        codes: [DiagnosticCode.LinkIntoInitiative],
        title: new RegExp(`^Reverse the link: (\\w+) ${ARROW} (\\w+)$`),
        intent: m => ({ kind: 'change-link', link: { source: m[1], arrow: m[2], target: m[3] } })
    },
    {
        codes: [DiagnosticCode.UnresolvedReference, DiagnosticCode.SyntaxError],
        title: /^Change '(.+)' to '(.+)'$/s,
        intent: m => ({ kind: 'use-instead', from: m[1], to: m[2] })
    },
    { codes: MISSING_KIND, title: /^Make '(\w+)' a (cost|quality) driver$/, intent: m => ({ kind: 'add-kind', driver: m[1], driverKind: m[2] }) },
    {
        codes: MISSING_KIND,
        title: /^Add a new (cost|quality) driver '(\w+)' on a loop through the goal$/,
        intent: (m, goal) => ({ kind: 'add-driver', driver: { type: 'Driver', name: m[2], kinds: [m[1]] }, links: path(`${goal} -> ${m[2]} -> ${goal}`) })
    }
];

export const INTENT_RULE_COUNT = INTENT_RULES.length;

/** The index of the rule that knows the fix titled `title` for `diagnostic`, or −1. */
export function intentRuleOf(diagnostic: Diagnostic, title: string): number {
    return INTENT_RULES.findIndex(rule => rule.title.test(title) && rule.codes.includes(String(diagnostic.code)));
}

/** What the fix titled `title` for `diagnostic` is meant to change, or undefined when no rule knows it. */
export function intentOf(diagnostic: Diagnostic, title: string, goal: string | undefined): Intent | undefined {
    const rule = INTENT_RULES[intentRuleOf(diagnostic, title)];
    return rule?.intent(rule.title.exec(title)!, goal);
}

/** A description that moves from a removed chain to the declaration after it: see `descriptionHandedOn`. */
export interface HandedOnDescription {
    /** The declaration's index in its flywheel. */
    to: number;
    doc: string;
}

/**
 * Removing a chain's only link removes the chain, and the `/** … *\/` comment right before it is
 * then right before what followed it: a declaration with no comment of its own before it gets it
 * as its description. The comment must stay, and the grammar has nothing that could stand between
 * them, so this is the one change outside a removal's intent that no edit can avoid.
 */
export function descriptionHandedOn(link: Link): HandedOnDescription | undefined {
    const chain = link.$container;
    const members = chain.$container.members;
    const next = members[members.indexOf(chain) + 1];
    const doc = descriptionOf(chain);
    if (chain.links.length > 1 || !doc || !isNode(next)) return undefined;
    // A comment of the declaration's own stands between: it keeps its description (or lack of one).
    if (CstUtils.getPreviousNode(next.$cstNode!, true)?.hidden) return undefined;
    return { to: members.filter(m => isNode(m)).indexOf(next), doc };
}

/**
 * The flywheel after the fix, as the intent says: `removed` is the index of the link the
 * diagnostic is on (for a removal or a change). New declarations come after the last one and new links after
 * the last one, as LANGUAGE.md's order of declaration is what numbers loops.
 */
export function intended(before: FlywheelView, intent: Intent, removed: number, handedOn?: HandedOnDescription): FlywheelView {
    switch (intent.kind) {
        case 'remove-link': {
            const declarations = before.declarations.map((d, i) => (i === handedOn?.to ? { ...d, doc: handedOn.doc } : d));
            return { ...before, declarations, links: before.links.filter((_, i) => i !== removed) };
        }
        case 'add-links':
            return { ...before, links: [...before.links, ...intent.links] };
        case 'change-link':
            // Its label stays with it.
            return { ...before, links: before.links.map((link, i) => (i === removed ? { ...intent.link, label: link.label } : link)) };
        case 'add-driver':
            return { ...before, declarations: [...before.declarations, intent.driver], links: [...before.links, ...intent.links] };
        case 'use-instead':
            // Checked on the text itself (see the property test): the view follows from it.
            return before;
        case 'add-kind': {
            // With a duplicate name, references (and so the wheel) reach the first declaration.
            const target = before.declarations.findIndex(d => d.type === 'Driver' && d.name === intent.driver);
            const declarations = before.declarations.map((d, i) => (i === target ? { ...d, kinds: [...d.kinds, intent.driverKind].sort() } : d));
            return { ...before, declarations };
        }
    }
}
