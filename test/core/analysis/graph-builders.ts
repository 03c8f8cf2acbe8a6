/** Plain graphs for the analysis tests, written the way a `.fly` chain reads. */
import type { Arrow, DriverKind, FlywheelGraph, GraphLink } from '../../../core/analysis/graph.js';

/**
 * `graphOf(['g', 'a', 'b'], 'g -> a -> b -> g')`: the first node is the goal; chains are
 * separated by `;` and use the contract's arrows.
 */
export function graphOf(names: string[], chains: string, kinds: Record<string, DriverKind[]> = {}): FlywheelGraph {
    const index = (name: string) => {
        const i = names.indexOf(name);
        if (i < 0) throw new Error(`unknown node ${name}`);
        return i;
    };
    const links: GraphLink[] = [];
    for (const chain of chains.split(';').map(c => c.trim()).filter(Boolean)) {
        const tokens = chain.split(/\s+/);
        for (let i = 1; i < tokens.length; i += 2) {
            links.push({ source: index(tokens[i - 1]), target: index(tokens[i + 1]), arrow: tokens[i] as Arrow });
        }
    }
    return {
        name: 'Test',
        label: 'Test',
        nodes: names.map((name, i) => ({ name, label: name, isGoal: i === 0, kinds: kinds[name] ?? [] })),
        links,
        initiatives: [],
        goal: names.length > 0 ? 0 : undefined
    };
}

/** The complete directed graph on n nodes (every ordered pair linked with `->`); node 0 is the goal. */
export function completeGraph(n: number): FlywheelGraph {
    const names = Array.from({ length: n }, (_, i) => `n${i}`);
    const chains: string[] = [];
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) chains.push(`n${a} -> n${b}`);
    return graphOf(names, chains.join(';'));
}
