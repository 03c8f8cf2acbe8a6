/**
 * Flywheel shapes that found holes in the loop search, made at random: a loop with side paths that
 * lead back into it (they close nothing, yet a distance estimate that ignores the path thinks they
 * might), and a dense wheel with a short brake declared last (shortest-first must still find it
 * when the bound is hit). Each shape is names plus chains, so it is both a graph and a `.fly` text.
 */
import type { Random } from '../support/seeded-random.js';

export interface Shape {
    /** The first name is the goal. */
    names: string[];
    /** `a -> b -| c` chains, in declaration order. */
    chains: string[];
}

const ARROWS = ['->', '-|', '~>', '~|'];

/** A loop through the goal, with side paths from loop nodes back into earlier loop nodes (and sometimes anywhere). */
export function loopWithSidePaths(random: Random): Shape {
    const loop = ['g', ...Array.from({ length: 2 + random.below(9) }, (_, i) => `b${i + 1}`)];
    const names = [...loop];
    const chains = [[...loop, 'g'].map((name, i) => (i === 0 ? name : `${random.pick(ARROWS)} ${name}`)).join(' ')];
    for (let side = 1 + random.below(3); side > 0; side--) {
        const from = 1 + random.below(loop.length - 1);
        const into = random.chance(0.8) ? 1 + random.below(from) : random.below(loop.length);
        const detour = Array.from({ length: 1 + random.below(9) }, (_, i) => `w${side}_${i}`);
        names.push(...detour);
        chains.push([loop[from], ...detour, loop[into]].map((name, i) => (i === 0 ? name : `-> ${name}`)).join(' '));
    }
    return { names, chains };
}

/** Most ordered pairs of `n` nodes linked, then `g -> x -> brake -| g` declared last. */
export function denseWheelWithBrake(random: Random): Shape {
    const nodes = ['g', ...Array.from({ length: 3 + random.below(4) }, (_, i) => `d${i}`)];
    const chains: string[] = [];
    for (const a of nodes) for (const b of nodes) if (a !== b && random.chance(0.8)) chains.push(`${a} ${random.chance(0.9) ? '->' : '-|'} ${b}`);
    const via = random.pick(nodes.slice(1));
    chains.push(`g -> ${via} -> brake -| g`);
    return { names: [...nodes, 'brake'], chains };
}

export function shapeText(shape: Shape): string {
    const [goal, ...drivers] = shape.names;
    return [`flywheel Shape {`, `    goal ${goal}`, ...drivers.map(name => `    driver ${name}`), ...shape.chains.map(chain => `    ${chain}`), '}', ''].join('\n');
}
