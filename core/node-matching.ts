/**
 * Which node of the old version of a flywheel is which node of the new one, for the semantic
 * diff. By name first; the goal stays the goal; then renames, so that a renamed driver is
 * reported as renamed rather than as removed and added.
 */
import type { FlywheelGraph } from './analysis/graph.js';

/** Old node index → new node index. */
export type Matching = Map<number, number>;

export function matchNodes(old: FlywheelGraph, now: FlywheelGraph): Matching {
    const matching: Matching = new Map();
    const taken = new Set<number>();
    const pair = (i: number, j: number) => {
        matching.set(i, j);
        taken.add(j);
    };
    // Duplicate names (a `duplicate-name` error) pair up in declaration order.
    const newByName = new Map<string, number[]>();
    now.nodes.forEach((node, j) => newByName.set(node.name, [...(newByName.get(node.name) ?? []), j]));
    old.nodes.forEach((node, i) => {
        const j = newByName.get(node.name)?.shift();
        if (j !== undefined) pair(i, j);
    });
    // The goal is the goal: renamed, it is still the same purpose.
    if (old.goal !== undefined && now.goal !== undefined && !matching.has(old.goal) && !taken.has(now.goal)) pair(old.goal, now.goal);
    new RenameMatcher(old, now, matching, taken).run();
    return matching;
}

/** The label the author wrote: the graph gives the name where there is none, so a label equal to the name counts as none. */
export function explicitLabel(named: { name: string; label: string }): string | undefined {
    return named.label === named.name ? undefined : named.label;
}

type Side = 'old' | 'new';

/**
 * Renames, first: an unmatched old node and an unmatched new node with the same label and the
 * same links (to the same matched nodes, or to unmatched nodes with the same labels), when no
 * other unmatched node shares both. Then, where that finds none: the same written label, when no
 * other unmatched node has it (a renamed driver that also gained a link is still that driver;
 * the link shows as added); and last the same links alone (renamed and relabelled at once). Each rename pins down its neighbours' links, so their keys are
 * updated and looked at again: the work grows with the links, not with the rounds.
 */
class RenameMatcher {
    private readonly links: Record<Side, number[][]>;
    /** Unmatched nodes of each side by their current key, and each node's current key. */
    private readonly buckets = new Map<string, Record<Side, Set<number>>>();
    private readonly keys: Record<Side, Map<number, string>> = { old: new Map(), new: new Map() };
    private readonly pending = new Set<string>();

    constructor(
        private readonly old: FlywheelGraph,
        private readonly now: FlywheelGraph,
        private readonly matching: Matching,
        private readonly taken: Set<number>
    ) {
        this.links = { old: linksByNode(old), new: linksByNode(now) };
    }

    run(): void {
        this.old.nodes.forEach((_, i) => !this.matching.has(i) && this.file('old', i));
        this.now.nodes.forEach((_, j) => !this.taken.has(j) && this.file('new', j));
        do {
            this.matchByLinks();
        } while (this.matchByLabel() || this.matchByLinksAlone());
    }

    private matchByLinks(): void {
        while (this.pending.size > 0) {
            const [key] = this.pending;
            this.pending.delete(key);
            const bucket = this.buckets.get(key);
            if (bucket?.old.size === 1 && bucket.new.size === 1) this.pair([...bucket.old][0], [...bucket.new][0]);
        }
    }

    /** One written label on each side, on no other unmatched node: those pairs, or false when there are none. */
    private matchByLabel(): boolean {
        const byLabel = (side: Side, graph: FlywheelGraph) => {
            const nodes = new Map<string, number[]>();
            for (const n of this.keys[side].keys()) {
                const label = explicitLabel(graph.nodes[n]);
                if (label !== undefined) nodes.set(label, [...(nodes.get(label) ?? []), n]);
            }
            return nodes;
        };
        const newByLabel = byLabel('new', this.now);
        const pairs = [...byLabel('old', this.old)].flatMap(([label, olds]) => {
            const news = newByLabel.get(label) ?? [];
            return olds.length === 1 && news.length === 1 ? [[olds[0], news[0]] as const] : [];
        });
        for (const [i, j] of pairs) this.pair(i, j);
        return pairs.length > 0;
    }

    /**
     * Last: the same links and nothing else, when no other unmatched node has them (a driver renamed
     * and relabelled at once is still the driver its links say it is). A node with no links is
     * never matched this way: there is nothing to tell it by.
     */
    private matchByLinksAlone(): boolean {
        const bySignature = (side: Side) => {
            const nodes = new Map<string, number[]>();
            for (const n of this.keys[side].keys()) {
                if (this.links[side][n].length === 0) continue;
                const signature = this.signatureOf(side, n);
                nodes.set(signature, [...(nodes.get(signature) ?? []), n]);
            }
            return nodes;
        };
        const newBySignature = bySignature('new');
        const pairs = [...bySignature('old')].flatMap(([signature, olds]) => {
            const news = newBySignature.get(signature) ?? [];
            return olds.length === 1 && news.length === 1 ? [[olds[0], news[0]] as const] : [];
        });
        for (const [i, j] of pairs) this.pair(i, j);
        return pairs.length > 0;
    }

    private pair(i: number, j: number): void {
        this.unfile('old', i);
        this.unfile('new', j);
        this.matching.set(i, j);
        this.taken.add(j);
        // Their unmatched neighbours now name them by the new index: their keys change.
        for (const [side, node] of [['old', i], ['new', j]] as const) {
            for (const neighbour of this.neighbours(side, node)) {
                if (!this.keys[side].has(neighbour)) continue;
                this.unfile(side, neighbour);
                this.file(side, neighbour);
            }
        }
    }

    private file(side: Side, node: number): void {
        const key = this.keyOf(side, node);
        const bucket = this.buckets.get(key) ?? { old: new Set<number>(), new: new Set<number>() };
        bucket[side].add(node);
        this.buckets.set(key, bucket);
        this.keys[side].set(node, key);
        this.pending.add(key);
    }

    private unfile(side: Side, node: number): void {
        const key = this.keys[side].get(node)!;
        this.buckets.get(key)![side].delete(node);
        this.keys[side].delete(node);
        this.pending.add(key);
    }

    /** A node's written label and its links. */
    private keyOf(side: Side, node: number): string {
        const graph = side === 'old' ? this.old : this.now;
        return JSON.stringify([explicitLabel(graph.nodes[node]) ?? null, this.signatureOf(side, node)]);
    }

    /** A node's links, with each other end as matched (new index) or by its label. */
    private signatureOf(side: Side, node: number): string {
        const graph = side === 'old' ? this.old : this.now;
        const end = (n: number): string => {
            if (n === node) return 'self';
            const matched = side === 'old' ? this.matching.get(n) : this.taken.has(n) ? n : undefined;
            return matched !== undefined ? String(matched) : `? ${explicitLabel(graph.nodes[n]) ?? ''}`;
        };
        return JSON.stringify(this.links[side][node].map(l => graph.links[l]).map(link => `${end(link.source)} ${link.arrow} ${end(link.target)}`).sort());
    }

    private neighbours(side: Side, node: number): Set<number> {
        const graph = side === 'old' ? this.old : this.now;
        return new Set(this.links[side][node].flatMap(l => [graph.links[l].source, graph.links[l].target]).filter(n => n !== node));
    }
}

/** Each node's links, in and out (a self-link once). */
function linksByNode(graph: FlywheelGraph): number[][] {
    const byNode: number[][] = graph.nodes.map(() => []);
    graph.links.forEach((link, index) => {
        byNode[link.source].push(index);
        if (link.target !== link.source) byNode[link.target].push(index);
    });
    return byNode;
}
