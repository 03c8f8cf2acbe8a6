/**
 * The loops of a small graph found the slow, obvious way, to check the bounded search against:
 * every simple path from the goal, extended one link at a time with no pruning and no bound.
 */
import type { FlywheelGraph } from '../../../core/analysis/graph.js';

/** Each loop through the goal of at most `maxLength` links as `g -> a -| g` (arrows as written; repeated links counted once). */
export function everyLoopThroughGoal(graph: FlywheelGraph, maxLength = Infinity): string[] {
    const goal = graph.goal!;
    const loops = new Set<string>();
    const walk = (node: number, path: string, visited: Set<number>) => {
        if (visited.size > maxLength) return;
        for (const link of graph.links) {
            if (link.source !== node || link.source === link.target) continue;
            const step = `${path} ${link.arrow} ${graph.nodes[link.target].name}`;
            if (link.target === goal) loops.add(step);
            else if (!visited.has(link.target)) walk(link.target, step, new Set([...visited, link.target]));
        }
    };
    walk(goal, graph.nodes[goal].name, new Set([goal]));
    return [...loops];
}
