/**
 * Hover on a link's arrow or label: the link, what its arrow means, and the loops it is part of.
 * Hover on a goal, driver or initiative (or a reference to one): its label, kinds and doc comment;
 * for a node, the loops through the goal it is on and whether removing it would stop every
 * reinforcing loop (the pressure test); for an initiative, the loops it feeds (its leverage).
 */
import { type AstNode, AstUtils, type CstNode, CstUtils, GrammarAST, type LangiumDocument, type MaybePromise } from 'langium';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import { type Flywheel, type Initiative, isDriver, isFlywheel, isGoal, isInitiative, isLink, type Link, type Node } from '../generated/ast.js';
import type { PressureTest } from '../../core/analysis/pressure.js';
import { isDelayed, signOf } from '../../core/analysis/graph.js';
import type { FlywheelAnalyzer, FlywheelFacts } from '../flywheel-analyzer.js';
import type { FlywheelServices } from '../flywheel-lsp-module.js';

export class FlywheelHoverProvider extends AstNodeHoverProvider {
    private readonly analyzer: FlywheelAnalyzer;

    constructor(services: FlywheelServices) {
        super(services as LangiumServices);
        this.analyzer = services.analysis.FlywheelAnalyzer;
    }

    /** On an arrow or a link's label: the link. Elsewhere, Langium's: the declaration under the cursor. */
    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        const link = leaf?.astNode;
        const feature = leaf && assignedFeature(leaf);
        if (isLink(link) && (feature === 'arrow' || feature === 'label')) {
            const content = this.linkContent(link);
            return content ? { contents: { kind: 'markdown', value: content } } : undefined;
        }
        return super.getHoverContent(document, params);
    }

    /** The link as written, what its arrow means, and the loops through the goal it is part of. */
    private linkContent(link: Link): string | undefined {
        const flywheel = AstUtils.getContainerOfType(link, isFlywheel);
        if (!flywheel) return undefined;
        const facts = this.analyzer.analyze(flywheel);
        const index = facts.links.indexOf(link);
        if (index < 0) return undefined;
        const { source, target, arrow, label } = facts.graph.links[index];
        const [from, to] = [facts.graph.nodes[source].name, facts.graph.nodes[target].name];
        const written = `\`${from} ${arrow} ${to}${label === undefined ? '' : ` ${JSON.stringify(label)}`}\``;
        const effect = signOf(arrow) > 0 ? `reinforcing: more \`${from}\`, more \`${to}\`` : `dampening: more \`${from}\`, less \`${to}\``;
        const delay = isDelayed(arrow) ? ', with a delay' : '';
        const loops = facts.analysis.loops.filter(loop => loop.links.includes(index)).map(loop => loop.id);
        const place = loops.length > 0
            ? `Part of ${loops.join(', ')}.`
            : source === target ? 'A link to itself: on no loop.' : 'On no loop through the goal.';
        return [`${written} · ${effect}${delay}`, place].join('\n\n');
    }

    protected getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (isInitiative(node)) return this.initiativeContent(node);
        if (!isGoal(node) && !isDriver(node)) return undefined;
        const facts = this.analyzer.analyze(node.$container);
        const index = facts.declarations.indexOf(node);
        const graphNode = facts.graph.nodes[index];
        const kind = isGoal(node) ? (index === facts.graph.goal ? 'goal' : 'extra goal') : [...graphNode.kinds, 'driver'].join(' ');
        return [
            `**${escapeMarkdown(graphNode.label)}** · \`${node.name}\` · ${kind}`,
            graphNode.doc,
            describePlace(facts, this.analyzer.pressure(node.$container), node, index)
        ].filter(Boolean).join('\n\n');
    }

    private initiativeContent(initiative: Initiative): string {
        const flywheel: Flywheel = initiative.$container;
        const facts = this.analyzer.analyze(flywheel);
        const index = facts.initiatives.indexOf(initiative);
        if (index < 0) return '';
        const { label, doc } = facts.graph.initiatives[index];
        return [
            `**${escapeMarkdown(label)}** · \`${initiative.name}\` · initiative`,
            doc,
            describeLeverage(facts, this.analyzer.pressure(flywheel), index)
        ].filter(Boolean).join('\n\n');
    }
}

/** The property a token is assigned to (an arrow is a keyword inside the `Arrow` rule that `arrow=` calls). */
function assignedFeature(leaf: CstNode): string | undefined {
    for (let node: CstNode | undefined = leaf; node && node.astNode === leaf.astNode; node = node.container) {
        const assignment = node.grammarSource && AstUtils.getContainerOfType(node.grammarSource, GrammarAST.isAssignment);
        if (assignment) return assignment.feature;
    }
    return undefined;
}

function describeLeverage(facts: FlywheelFacts, pressure: PressureTest, index: number): string {
    const { graph } = facts;
    const leverage = pressure.initiatives[index];
    const name = (node: number) => `\`${graph.nodes[node].name}\``;
    if (graph.goal === undefined || !facts.analysis.onWheel[graph.goal]) return 'This flywheel has no wheel yet, so no initiative turns it.';
    if (leverage.offWheel) return 'Off the wheel: it pushes nothing on the wheel, so it never turns the goal. Say no to it, or link it to a wheel driver.';
    const rank = pressure.ranking.indexOf(index) + 1;
    const lines = [leverage.feeds.length === 0
        ? 'It feeds no reinforcing loop through the goal.'
        : `Feeds ${leverage.feeds.length} reinforcing loop${leverage.feeds.length === 1 ? '' : 's'} through the goal (${leverage.feeds.join(', ')}) by pushing ${leverage.pushesOnWheel.map(name).join(', ')}; leverage rank ${rank} of ${pressure.ranking.length}.`];
    for (const brake of leverage.brakes) {
        lines.push(`It dampens ${name(graph.initiatives[index].pushes[brake.push].target)}, braking ${brake.loops.join(', ')}.`);
    }
    return lines.join('\n\n');
}

function describePlace(facts: FlywheelFacts, pressure: PressureTest, node: Node, index: number): string {
    const { graph, analysis } = facts;
    if (graph.goal === undefined) return 'This flywheel has no goal yet, so it has no wheel.';
    const goalName = graph.nodes[graph.goal].name;
    const placement = analysis.placement[index];
    if (placement?.kind === 'split') return `Off the wheel: it turns a second wheel that never turns the goal \`${goalName}\`.`;
    if (placement?.kind === 'broken') return `Off the wheel: it is on no loop through the goal \`${goalName}\`.`;
    if (!analysis.onWheel[index]) return `No loop passes through the goal \`${goalName}\` yet.`;

    const incomplete = analysis.loopsComplete ? '' : ` (the search stopped early: every loop of up to ${analysis.loopsCompleteUpTo} links is listed)`;
    if (index === graph.goal) {
        return `The goal: ${analysis.loopsComplete ? '' : 'at least '}${analysis.loops.length} loop${analysis.loops.length === 1 ? '' : 's'} pass through it${incomplete}: ${analysis.loops.map(l => l.id).join(', ')}.`;
    }
    const driver = pressure.drivers.find(d => d.node === index);
    const lines = [`On the wheel, on ${driver === undefined || driver.stops.length === 0 ? 'no listed loop' : driver.stops.join(', ')}${incomplete}.`];
    if (driver && analysis.loops.some(loop => loop.polarity === 'reinforcing')) lines.push(failureLine(node.name, driver));
    const pushers = graph.initiatives.filter(initiative => initiative.pushes.some(push => push.target === index && push.arrow.endsWith('>')));
    if (graph.initiatives.length > 0) {
        lines.push(pushers.length === 0 ? 'No initiative pushes it.' : `Pushed by ${pushers.map(i => `\`${i.name}\``).join(', ')}.`);
    }
    return lines.join('\n\n');
}

/** The pressure test's answer for one driver. */
function failureLine(name: string, driver: PressureTest['drivers'][number]): string {
    if (driver.singlePointOfFailure === true) return `**Single point of failure:** removing \`${name}\` would stop every reinforcing loop through the goal.`;
    if (driver.singlePointOfFailure === undefined) return `Removing \`${name}\` would stop every listed reinforcing loop; unlisted ones may keep turning.`;
    return `Removing \`${name}\` would leave ${driver.survives.join(', ')} turning.`;
}

function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, char => `\\${char}`);
}
