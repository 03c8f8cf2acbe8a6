/**
 * The bridge between the Langium AST and the pure analysis: builds a flywheel's plain graph,
 * remembers which AST node each graph node and link came from, and caches the wheel analysis
 * per AST (a new parse makes new AST nodes, so a stale entry is never read and is collected).
 */
import { type CommentProvider, isJSDoc, parseJSDoc } from 'langium';
import type { Declaration, Flywheel, Initiative, Link, Node } from './generated/ast.js';
import { isChain, isDeclaration, isDriver, isGoal, isInitiative, isNode } from './generated/ast.js';
import type { FlywheelGraph, GraphInitiative, GraphLink, GraphNode } from '../core/analysis/graph.js';
import { analyzeWheel, type WheelAnalysis } from '../core/analysis/analyze.js';
import { pressureTest, type PressureTest } from '../core/analysis/pressure.js';
import type { FlywheelCoreServices } from './flywheel-module.js';

export interface FlywheelFacts {
    graph: FlywheelGraph;
    analysis: WheelAnalysis;
    /** The declaration behind each graph node (same index). */
    declarations: Node[];
    /** The AST link behind each graph link (same index). */
    links: Link[];
    /** Links that name an undeclared node: not in the graph (the linker reports them). */
    unresolvedLinks: Link[];
    /** The declaration behind each of `graph.initiatives` (same index). */
    initiatives: Initiative[];
    /** The AST link behind each initiative's push (same indices as `graph.initiatives[i].pushes`). */
    pushLinks: Link[][];
    /** Links whose target is an initiative: in neither the graph nor the pushes (`link-into-initiative`). */
    linksIntoInitiatives: Link[];
    /** Later declarations (goal, driver or initiative) of a name declared before them: `duplicate-name` is all there is to say of them. */
    shadowed: ReadonlySet<Declaration>;
}

export class FlywheelAnalyzer {
    private readonly comments: CommentProvider;
    private readonly cache = new WeakMap<Flywheel, FlywheelFacts>();
    private readonly pressureCache = new WeakMap<FlywheelFacts, PressureTest>();

    constructor(services: FlywheelCoreServices) {
        this.comments = services.documentation.CommentProvider;
    }

    analyze(flywheel: Flywheel): FlywheelFacts {
        let facts = this.cache.get(flywheel);
        if (!facts) {
            facts = this.build(flywheel);
            this.cache.set(flywheel, facts);
        }
        return facts;
    }

    /** The pressure test, computed when first asked for (the checks need only part of it). */
    pressure(flywheel: Flywheel): PressureTest {
        const facts = this.analyze(flywheel);
        let pressure = this.pressureCache.get(facts);
        if (!pressure) {
            pressure = pressureTest(facts.graph, facts.analysis);
            this.pressureCache.set(facts, pressure);
        }
        return pressure;
    }

    /** The node's graph index in its flywheel, or −1. */
    indexOf(node: Node): number {
        return this.analyze(node.$container).declarations.indexOf(node);
    }

    private build(flywheel: Flywheel): FlywheelFacts {
        // A declaration the parser recovered without its name is a syntax error, not a node.
        const declarations = flywheel.members.filter((m): m is Node => isNode(m) && Boolean(m.name));
        const initiatives = flywheel.members.filter((m): m is Initiative => isInitiative(m) && Boolean(m.name));
        const indexOf = new Map<Node, number>(declarations.map((node, index) => [node, index]));
        const initiativeIndex = new Map<Initiative, number>(initiatives.map((initiative, index) => [initiative, index]));
        const graphInitiatives: GraphInitiative[] = initiatives.map(initiative => ({ ...this.describe(initiative), pushes: [] }));
        const pushLinks: Link[][] = initiatives.map(() => []);
        const links: Link[] = [];
        const graphLinks: GraphLink[] = [];
        const unresolvedLinks: Link[] = [];
        const linksIntoInitiatives: Link[] = [];
        for (const chain of flywheel.members.filter(isChain)) {
            // After a syntax error the parser's recovery can leave a reference out (`a ->` then `}`).
            let source: Declaration | undefined = chain.source?.ref;
            for (const link of chain.links) {
                const target = link.target?.ref;
                const known = (end: Declaration | undefined) => end !== undefined && (indexOf.has(end as Node) || initiativeIndex.has(end as Initiative));
                if (!known(source) || !known(target)) {
                    unresolvedLinks.push(link);
                } else if (isInitiative(target)) {
                    linksIntoInitiatives.push(link);
                } else if (isInitiative(source)) {
                    const index = initiativeIndex.get(source)!;
                    graphInitiatives[index].pushes.push({ target: indexOf.get(target as Node)!, arrow: link.arrow, label: link.label });
                    pushLinks[index].push(link);
                } else {
                    links.push(link);
                    graphLinks.push({ source: indexOf.get(source as Node)!, target: indexOf.get(target as Node)!, arrow: link.arrow, label: link.label });
                }
                source = target;
            }
        }
        const goal = declarations.findIndex(isGoal);
        const graph: FlywheelGraph = {
            name: flywheel.name,
            label: flywheel.label ?? flywheel.name,
            nodes: declarations.map(node => this.toGraphNode(node)),
            links: graphLinks,
            initiatives: graphInitiatives,
            goal: goal >= 0 ? goal : undefined
        };
        return {
            graph, analysis: analyzeWheel(graph), declarations, links, unresolvedLinks, initiatives, pushLinks, linksIntoInitiatives,
            shadowed: laterDeclarations(flywheel)
        };
    }

    /** A declaration's display label and its `/** … *\/` description. */
    private describe(declaration: Declaration): { name: string; label: string; doc?: string } {
        const comment = this.comments.getComment(declaration);
        return {
            name: declaration.name,
            label: declaration.label ?? declaration.name,
            doc: comment && isJSDoc(comment) ? parseJSDoc(comment).toMarkdown() : undefined
        };
    }

    private toGraphNode(node: Node): GraphNode {
        const { name, label, doc } = this.describe(node);
        return { name, label, isGoal: isGoal(node), kinds: isDriver(node) ? [...new Set(node.kinds)] : [], doc };
    }
}

function laterDeclarations(flywheel: Flywheel): Set<Declaration> {
    const seen = new Set<string>();
    const later = new Set<Declaration>();
    for (const member of flywheel.members) {
        if (!isDeclaration(member) || !member.name) continue;
        if (seen.has(member.name)) later.add(member);
        seen.add(member.name);
    }
    return later;
}

/** The source of an AST link: the chain's first declaration, or the previous link's target. */
export function sourceOf(link: Link): Declaration | undefined {
    const chain = link.$container;
    const index = chain.links.indexOf(link);
    return index === 0 ? chain.source.ref : chain.links[index - 1].target.ref;
}
