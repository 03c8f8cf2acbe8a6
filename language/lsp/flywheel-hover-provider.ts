/**
 * Hover on a goal or driver (or a reference to one): its label, kinds and doc comment, the loops
 * through the goal it is on, and whether removing it would stop every reinforcing loop.
 */
import { type AstNode, type MaybePromise } from 'langium';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import { isDriver, isGoal, type Node } from '../generated/ast.js';
import type { FlywheelAnalyzer, FlywheelFacts } from '../flywheel-analyzer.js';
import type { FlywheelServices } from '../flywheel-lsp-module.js';

export class FlywheelHoverProvider extends AstNodeHoverProvider {
    private readonly analyzer: FlywheelAnalyzer;

    constructor(services: FlywheelServices) {
        super(services as LangiumServices);
        this.analyzer = services.analysis.FlywheelAnalyzer;
    }

    protected getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (!isGoal(node) && !isDriver(node)) return undefined;
        const facts = this.analyzer.analyze(node.$container);
        const index = facts.declarations.indexOf(node);
        const graphNode = facts.graph.nodes[index];
        const kind = isGoal(node) ? (index === facts.graph.goal ? 'goal' : 'extra goal') : [...graphNode.kinds, 'driver'].join(' ');
        return [
            `**${escapeMarkdown(graphNode.label)}** · \`${node.name}\` · ${kind}`,
            graphNode.doc,
            describePlace(facts, node, index)
        ].filter(Boolean).join('\n\n');
    }
}

function describePlace(facts: FlywheelFacts, node: Node, index: number): string {
    const { graph, analysis } = facts;
    if (graph.goal === undefined) return 'This flywheel has no goal yet, so it has no wheel.';
    const goalName = graph.nodes[graph.goal].name;
    const placement = analysis.placement[index];
    if (placement?.kind === 'split') return `Off the wheel: it turns a second wheel that never turns the goal \`${goalName}\`.`;
    if (placement?.kind === 'broken') return `Off the wheel: it is on no loop through the goal \`${goalName}\`.`;
    if (!analysis.onWheel[index]) return `No loop passes through the goal \`${goalName}\` yet.`;

    const incomplete = analysis.loopsComplete ? '' : ` (the search stopped early: every loop of up to ${analysis.loopsCompleteUpTo} links is listed)`;
    const loops = analysis.loops.filter(loop => loop.nodes.includes(index));
    const reinforcing = analysis.loops.filter(loop => loop.polarity === 'reinforcing');
    const lines = [index === graph.goal
        ? `The goal: ${analysis.loopsComplete ? '' : 'at least '}${analysis.loops.length} loop${analysis.loops.length === 1 ? '' : 's'} pass through it${incomplete}: ${analysis.loops.map(l => l.id).join(', ')}.`
        : `On the wheel, on ${loops.length === 0 ? 'no listed loop' : loops.map(l => l.id).join(', ')}${incomplete}.`];
    if (index !== graph.goal && reinforcing.length > 0) {
        const survivors = reinforcing.filter(loop => !loop.nodes.includes(index));
        lines.push(survivors.length === 0 && analysis.loopsComplete
            ? `Removing \`${node.name}\` would stop every reinforcing loop through the goal.`
            : `Removing \`${node.name}\` would leave ${survivors.length === 0 ? 'unlisted loops' : survivors.map(l => l.id).join(', ')} turning.`);
    }
    return lines.join('\n\n');
}

function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, char => `\\${char}`);
}
