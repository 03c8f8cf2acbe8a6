/**
 * The bridge between the Langium AST and the pure analysis: builds a flywheel's plain graph,
 * remembers which AST node each graph node and link came from, and caches the wheel analysis
 * per AST (a new parse makes new AST nodes, so a stale entry is never read and is collected).
 */
import { type CommentProvider, isJSDoc, parseJSDoc } from 'langium';
import type { Flywheel, Link, Node } from './generated/ast.js';
import { isChain, isDriver, isGoal, isNode } from './generated/ast.js';
import type { FlywheelGraph, GraphLink, GraphNode } from '../core/analysis/graph.js';
import { analyzeWheel, type WheelAnalysis } from '../core/analysis/analyze.js';
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
}

export class FlywheelAnalyzer {
    private readonly comments: CommentProvider;
    private readonly cache = new WeakMap<Flywheel, FlywheelFacts>();

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

    /** The node's graph index in its flywheel, or −1. */
    indexOf(node: Node): number {
        return this.analyze(node.$container).declarations.indexOf(node);
    }

    private build(flywheel: Flywheel): FlywheelFacts {
        // A declaration the parser recovered without its name is a syntax error, not a node.
        const declarations = flywheel.members.filter((m): m is Node => isNode(m) && Boolean(m.name));
        const indexOf = new Map<Node, number>(declarations.map((node, index) => [node, index]));
        const links: Link[] = [];
        const graphLinks: GraphLink[] = [];
        const unresolvedLinks: Link[] = [];
        for (const chain of flywheel.members.filter(isChain)) {
            // After a syntax error the parser's recovery can leave a reference out (`a ->` then `}`).
            let source = chain.source?.ref;
            for (const link of chain.links) {
                const target = link.target?.ref;
                if (source && target && indexOf.has(source) && indexOf.has(target)) {
                    links.push(link);
                    graphLinks.push({ source: indexOf.get(source)!, target: indexOf.get(target)!, arrow: link.arrow, label: link.label });
                } else {
                    unresolvedLinks.push(link);
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
            goal: goal >= 0 ? goal : undefined
        };
        return { graph, analysis: analyzeWheel(graph), declarations, links, unresolvedLinks };
    }

    private toGraphNode(node: Node): GraphNode {
        const comment = this.comments.getComment(node);
        return {
            name: node.name,
            label: node.label ?? node.name,
            isGoal: isGoal(node),
            kinds: isDriver(node) ? [...new Set(node.kinds)] : [],
            doc: comment && isJSDoc(comment) ? parseJSDoc(comment).toMarkdown() : undefined
        };
    }
}

/** The source of an AST link: the chain's first node, or the previous link's target. */
export function sourceOf(link: Link): Node | undefined {
    const chain = link.$container;
    const index = chain.links.indexOf(link);
    return index === 0 ? chain.source.ref : chain.links[index - 1].target.ref;
}
