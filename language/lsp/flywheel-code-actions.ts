/**
 * Quick fixes keyed on the contract's diagnostic codes and what the diagnostic is about (`DiagnosticData`). Each edit touches
 * only the text its fix is about: new lines go after the flywheel's last member or after its last
 * declaration (past the comments that trail it on its line), and a removed link leaves the rest of
 * its chain (and every comment, even one written inside the link) in place.
 * A fix that names a node in new text is offered only where that name reaches the node: with a
 * duplicate name, references resolve to the first declaration.
 */
import { type CstNode, CstUtils, GrammarUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { type Declaration, type Driver, type Flywheel, isDeclaration, isDriver, isInitiative, type Link, type Model } from '../generated/ast.js';
import { dataOf, DiagnosticCode } from '../diagnostic-codes.js';
import type { FlywheelAnalyzer } from '../flywheel-analyzer.js';
import type { FlywheelServices } from '../flywheel-lsp-module.js';
import { suppressionFixes } from './flywheel-suppression-fixes.js';

type Fix = { title: string; edits: TextEdit[]; preferred?: boolean };

export class FlywheelCodeActionProvider implements CodeActionProvider {
    private readonly analyzer: FlywheelAnalyzer;

    constructor(services: FlywheelServices) {
        this.analyzer = services.analysis.FlywheelAnalyzer;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const model = document.parseResult.value as Model;
        return params.context.diagnostics.flatMap(diagnostic => [
            ...this.fixesFor(document, model, diagnostic).map(fix => ({
                title: fix.title,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                isPreferred: fix.preferred,
                edit: { changes: { [document.uri.toString()]: fix.edits } }
            })),
            ...suppressionFixes(document, diagnostic)
        ]);
    }

    /** The fix for what the diagnostic is about, read from its data (the flywheel, the driver or the link). */
    private fixesFor(document: LangiumDocument, model: Model, diagnostic: Diagnostic): Fix[] {
        const data = dataOf(diagnostic);
        // "Did you mean": what the mistyped text may have meant, closest first (a syntax error belongs to no flywheel).
        const meant = (data.suggestions ?? []).map((suggestion, i) => useInstead(document, diagnostic.range, suggestion, i === 0));
        if (data.code === DiagnosticCode.SyntaxError) return meant;
        const flywheel = data.flywheel === undefined ? undefined : model.flywheels[data.flywheel];
        if (!flywheel) return [];
        const facts = this.analyzer.analyze(flywheel);
        const text = new SourceText(document);
        switch (data.code) {
            case DiagnosticCode.BrokenLoop: {
                const driver = data.node === undefined ? undefined : facts.declarations[data.node];
                return isDriver(driver) ? this.linkIntoWheel(text, flywheel, driver) : [];
            }
            case DiagnosticCode.UnresolvedReference: {
                const declare = declareDriver(text, flywheel, document.textDocument.getText(diagnostic.range));
                return meant.length > 0 ? [...meant, { ...declare, preferred: false }] : [declare];
            }
            case DiagnosticCode.MissingCostDriver: return this.addKind(text, flywheel, 'cost');
            case DiagnosticCode.MissingQualityDriver: return this.addKind(text, flywheel, 'quality');
            case DiagnosticCode.DuplicateLink:
            case DiagnosticCode.SelfLink: {
                const link = data.link === undefined ? undefined : facts.links[data.link];
                return link ? [{ title: `Remove the link ${describe(link)}`, edits: removeLink(text, link), preferred: true }] : [];
            }
            case DiagnosticCode.InitiativeOffWheel: return this.pushWheelDriver(text, flywheel, data.initiative, data.names ?? []);
            case DiagnosticCode.InitiativeBrakesWheel: {
                const link = data.initiative === undefined || data.push === undefined ? undefined : facts.pushLinks[data.initiative]?.[data.push];
                return link ? [reinforceInstead(text, link)] : [];
            }
            case DiagnosticCode.LinkIntoInitiative: {
                const link = data.linkIntoInitiative === undefined ? undefined : facts.linksIntoInitiatives[data.linkIntoInitiative];
                if (!link) return [];
                return [
                    ...reverseLink(link),
                    { title: `Remove the link ${describe(link)}`, edits: removeLink(text, link) }
                ];
            }
            default: return [];
        }
    }

    /** initiative-off-wheel: a link from the initiative to one of the wheel drivers its diagnostic names (most loops first). */
    private pushWheelDriver(text: SourceText, flywheel: Flywheel, initiativeIndex: number | undefined, names: string[]): Fix[] {
        const facts = this.analyzer.analyze(flywheel);
        const initiative = initiativeIndex === undefined ? undefined : facts.initiatives[initiativeIndex];
        if (!initiative || !nameReaches(flywheel, initiative)) return [];
        // The diagnostic's names are the initiative's, then the candidates'.
        const drivers = names.slice(1).filter(name => facts.declarations.some(node => node.name === name && nameReaches(flywheel, node)));
        return drivers.slice(0, 3).map((driver, i) => ({
            title: `Link '${initiative.name}' to the wheel driver '${driver}': ${initiative.name} -> ${driver}`,
            edits: [appendLine(text, flywheel, `${initiative.name} -> ${driver}`)],
            preferred: i === 0
        }));
    }

    /** broken-loop: close the driver's path with the link it lacks (to or from the goal, or to the next wheel driver). */
    private linkIntoWheel(text: SourceText, flywheel: Flywheel, driver: Driver): Fix[] {
        const facts = this.analyzer.analyze(flywheel);
        const { graph, analysis } = facts;
        const index = facts.declarations.indexOf(driver);
        const placement = analysis.placement[index];
        if (graph.goal === undefined || placement?.kind !== 'broken') return [];
        // A link written to a shadowed name would join the other declaration, and fix nothing.
        if (!nameReaches(flywheel, driver) || !nameReaches(flywheel, facts.declarations[graph.goal])) return [];
        const goal = graph.nodes[graph.goal].name;
        const name = driver.name;
        const wheelDriver = graph.nodes.find((_, i) => analysis.onWheel[i] && i !== graph.goal && i !== index)?.name;
        const chain = (line: string, title: string, preferred = false): Fix => ({ title, edits: [appendLine(text, flywheel, line)], preferred });
        switch (placement.reason) {
            case 'never-leads-back':
                return [
                    chain(`${name} -> ${goal}`, `Link '${name}' back to the goal: ${name} -> ${goal}`, true),
                    ...(wheelDriver ? [chain(`${name} -> ${wheelDriver}`, `Link '${name}' to the wheel driver '${wheelDriver}'`)] : [])
                ];
            case 'never-reached':
                return [chain(`${goal} -> ${name}`, `Link the goal to '${name}': ${goal} -> ${name}`, true)];
            default:
                return [chain(`${goal} -> ${name} -> ${goal}`, `Put '${name}' on a loop through the goal: ${goal} -> ${name} -> ${goal}`, true)];
        }
    }

    /** missing-cost-driver / missing-quality-driver: the kind on a wheel driver, or a new driver line. */
    private addKind(text: SourceText, flywheel: Flywheel, kind: 'cost' | 'quality'): Fix[] {
        const facts = this.analyzer.analyze(flywheel);
        const onWheel = facts.declarations.filter((node, i): node is Driver => isDriver(node) && facts.analysis.onWheel[i] && !node.kinds.includes(kind));
        const start = (driver: Driver) => text.position(driver.$cstNode!.offset);
        const newName = freshName(flywheel, `${kind}Driver`);
        const goalNode = facts.graph.goal === undefined ? undefined : facts.declarations[facts.graph.goal];
        const goal = goalNode && nameReaches(flywheel, goalNode) ? goalNode.name : undefined;
        // A new driver counts only on the wheel, so it comes with a loop through the goal (which its name must reach).
        const newDriver: Fix[] = goal === undefined ? [] : [{
            title: `Add a new ${kind} driver '${newName}' on a loop through the goal`,
            edits: [appendDeclaration(text, flywheel, `${kind} driver ${newName}`), appendLine(text, flywheel, `${goal} -> ${newName} -> ${goal}`)]
        }];
        return [
            ...onWheel.map((driver, i) => ({
                title: `Make '${driver.name}' a ${kind} driver`,
                edits: [{ range: { start: start(driver), end: start(driver) }, newText: `${kind} ` }],
                preferred: i === 0
            })),
            ...newDriver
        ];
    }
}

/** initiative-brakes-wheel: the same link, reinforcing (`-|` becomes `->`, `~|` becomes `~>`). */
function reinforceInstead(text: SourceText, link: Link): Fix {
    const arrow = GrammarUtils.findNodeForProperty(link.$cstNode, 'arrow')!;
    const reinforcing = link.arrow.replace('|', '>');
    return {
        title: `Make it reinforce: ${describe(link).replace(link.arrow, reinforcing)}`,
        edits: [{ range: text.range(arrow.offset, arrow.end), newText: reinforcing }]
    };
}

/**
 * link-into-initiative: the link the other way round, when it is its chain's only link and so
 * can be turned round in place (in a longer chain, the neighbouring links would turn with it).
 */
function reverseLink(link: Link): Fix[] {
    const chain = link.$container;
    const source = chain.source;
    // Turned round, a link between two initiatives would still lead into one.
    if (chain.links.length !== 1 || isInitiative(source.ref) || !source.$refNode || !link.target.$refNode) return [];
    const edits: TextEdit[] = [
        { range: source.$refNode.range, newText: link.target.$refText },
        { range: link.target.$refNode.range, newText: source.$refText }
    ];
    return [{ title: `Reverse the link: ${link.target.$refText} ${link.arrow} ${source.$refText}`, edits, preferred: true }];
}

/** Replaces the diagnosed text by what it may have meant. */
function useInstead(document: LangiumDocument, range: Range, suggestion: string, preferred: boolean): Fix {
    return { title: `Change '${document.textDocument.getText(range)}' to '${suggestion}'`, edits: [{ range, newText: suggestion }], preferred };
}

function declareDriver(text: SourceText, flywheel: Flywheel, name: string): Fix {
    return { title: `Declare the driver '${name}'`, edits: [appendDeclaration(text, flywheel, `driver ${name}`)], preferred: true };
}

/** True when references by the node's name reach it: with a duplicate name, only the first declaration is reached. */
function nameReaches(flywheel: Flywheel, node: Declaration): boolean {
    return flywheel.members.find(m => isDeclaration(m) && m.name === node.name) === node;
}

/** A name not yet used in the flywheel: `base`, `base2`, … */
function freshName(flywheel: Flywheel, base: string): string {
    const taken = new Set(flywheel.members.flatMap(m => (isDeclaration(m) ? [m.name] : [])));
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    return name;
}

function describe(link: Link): string {
    const chain = link.$container;
    const index = chain.links.indexOf(link);
    const source = index === 0 ? chain.source.$refText : chain.links[index - 1].target.$refText;
    return `${source} ${link.arrow} ${link.target.$refText}`;
}

/** The document's text with its line ending, its comments and position helpers. */
class SourceText {
    readonly value: string;
    readonly eol: string;
    /** Every comment, in the order of the text. */
    private readonly comments: CstNode[];

    constructor(private readonly document: LangiumDocument) {
        this.value = document.textDocument.getText();
        this.eol = this.value.includes('\r\n') ? '\r\n' : '\n';
        const root = document.parseResult.value.$cstNode;
        this.comments = root ? CstUtils.streamCst(root).filter(node => node.hidden).toArray() : [];
    }

    /** The comments that lie wholly between `start` and `end`. */
    commentsIn(start: number, end: number): CstNode[] {
        return this.comments.filter(comment => comment.offset >= start && comment.end <= end);
    }

    /** Past the comments that follow `offset` with only blanks between: a trailing comment stays with what it trails. */
    endOfTrailingComments(offset: number): number {
        let end = offset;
        for (const comment of this.comments) {
            if (comment.offset < end) continue;
            if (!/^[ \t]*$/.test(this.value.slice(end, comment.offset))) break;
            end = comment.end;
        }
        return end;
    }

    position(offset: number) {
        return this.document.textDocument.positionAt(offset);
    }

    range(start: number, end: number): Range {
        return { start: this.position(start), end: this.position(end) };
    }

    /** The indentation of the line holding `offset`. */
    indentAt(offset: number): string {
        const lineStart = this.value.lastIndexOf('\n', offset - 1) + 1;
        return /^[ \t]*/.exec(this.value.slice(lineStart))![0];
    }

    /** True when only spaces or tabs stand between the line's start and `offset`. */
    startsLine(offset: number): boolean {
        const lineStart = this.value.lastIndexOf('\n', offset - 1) + 1;
        return /^[ \t]*$/.test(this.value.slice(lineStart, offset));
    }
}

/**
 * A new member line after the flywheel's last member (and the comments trailing it), indented
 * one level inside the braces. Comment lines before the closing brace stay below it: right
 * above a declaration, a `/** … *\/` comment would become its description.
 */
function appendLine(text: SourceText, flywheel: Flywheel, line: string): TextEdit {
    const close = GrammarUtils.findNodeForKeyword(flywheel.$cstNode, '}');
    if (!close) {
        // An unclosed flywheel: the new line goes at its end.
        const end = flywheel.$cstNode!.end;
        return { range: text.range(end, end), newText: `${text.eol}    ${line}` };
    }
    const indent = text.indentAt(close.offset) + '    ';
    if (text.startsLine(close.offset)) {
        const lastToken = CstUtils.getPreviousNode(close, false)!;
        const lineStart = text.value.indexOf('\n', text.endOfTrailingComments(lastToken.end)) + 1;
        return { range: text.range(lineStart, lineStart), newText: `${indent}${line}${text.eol}` };
    }
    return { range: text.range(close.offset, close.offset), newText: `${text.eol}${indent}${line}${text.eol}${text.indentAt(close.offset)}` };
}

/** A new declaration line right after the flywheel's last declaration (or before `}` without one). */
function appendDeclaration(text: SourceText, flywheel: Flywheel, line: string): TextEdit {
    const declarations = flywheel.members.filter(isDeclaration);
    const last = declarations[declarations.length - 1];
    if (!last?.$cstNode || !text.startsLine(last.$cstNode.offset)) return appendLine(text, flywheel, line);
    const end = text.endOfTrailingComments(last.$cstNode.end);
    return { range: text.range(end, end), newText: `${text.eol}${text.indentAt(last.$cstNode.offset)}${line}` };
}

/**
 * Removes one link from its chain: the whole line for a one-link chain; for the first or last
 * link, just that link; for a middle link, the chain is split in two on separate lines. Comments
 * written inside the removed text are kept (`removeKeepingComments`).
 */
function removeLink(text: SourceText, link: Link): TextEdit[] {
    const chain = link.$container;
    const index = chain.links.indexOf(link);
    const linkNode = link.$cstNode!;
    if (chain.links.length === 1) {
        const node = chain.$cstNode!;
        const lineStart = text.value.lastIndexOf('\n', node.offset - 1) + 1;
        const lineEnd = text.value.indexOf('\n', node.end);
        const onItsOwnLine = text.startsLine(node.offset) && /^[ \t]*\r?$/.test(text.value.slice(node.end, lineEnd < 0 ? undefined : lineEnd));
        // With a comment inside, the line stays for the comment.
        return onItsOwnLine && text.commentsIn(node.offset, node.end).length === 0
            ? [{ range: text.range(lineStart, lineEnd < 0 ? text.value.length : lineEnd + 1), newText: '' }]
            : [removeKeepingComments(text, node.offset, nextStart(text, node.end))];
    }
    const targetStart = GrammarUtils.findNodeForProperty(linkNode, 'target')!.offset;
    const labelNode = GrammarUtils.findNodeForProperty(linkNode, 'label');
    const dropLabel = labelNode ? [removeKeepingComments(text, previousEnd(text, labelNode.offset), labelNode.end)] : [];
    if (index === chain.links.length - 1) {
        return [removeKeepingComments(text, previousEnd(text, linkNode.offset), linkNode.end)];
    }
    if (index === 0) {
        // `a -> b -> c` without `a -> b` is `b -> c`: the chain now starts at the link's target.
        return [removeKeepingComments(text, chain.$cstNode!.offset, targetStart), ...dropLabel];
    }
    // `a -> b -> c -> d` without `b -> c`: `a -> b` and `c -> d`, each on its own line.
    const start = previousEnd(text, linkNode.offset);
    return [removeKeepingComments(text, start, targetStart, `${text.eol}${text.indentAt(chain.$cstNode!.offset)}`), ...dropLabel];
}

/**
 * Replaces the text from `start` to `end` with `newText`, but keeps the comments inside it: they
 * go first, a space apart, and a line comment keeps a line break after it wherever text follows
 * on its line (it would comment that text out).
 */
function removeKeepingComments(text: SourceText, start: number, end: number, newText = ''): TextEdit {
    const comments = text.commentsIn(start, end);
    const continuesLine = newText === '' && !/^[ \t]*(\r?\n|$)/.test(text.value.slice(end));
    const separatorAfter = (comment: CstNode, i: number) => {
        if (i === comments.length - 1 && !continuesLine) return '';
        return comment.text.startsWith('//') ? `${text.eol}${text.indentAt(start)}` : ' ';
    };
    const spaceBefore = comments.length > 0 && start > 0 && !/\s/.test(text.value[start - 1]) ? ' ' : '';
    const kept = comments.map((comment, i) => comment.text + separatorAfter(comment, i)).join('');
    return { range: text.range(start, end), newText: spaceBefore + kept + newText };
}

/** The offset of the first non-blank character from `offset` on (within the line). */
function nextStart(text: SourceText, offset: number): number {
    let at = offset;
    while (at < text.value.length && /[ \t]/.test(text.value[at])) at++;
    return at;
}

/** The offset just after the last non-blank character before `offset`. */
function previousEnd(text: SourceText, offset: number): number {
    let at = offset;
    while (at > 0 && /[ \t]/.test(text.value[at - 1])) at--;
    return at;
}
