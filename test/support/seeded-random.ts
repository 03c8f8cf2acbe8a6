/**
 * A small deterministic random source for generated test inputs: the same seed gives the same
 * files on every run and every machine. A 32-bit linear congruential generator; it answers from
 * the high bits, since the low bits of such a generator repeat with a short period (the lowest
 * one alternates), which would make `pick(2)` a strict 0, 1, 0, 1 …
 */
export type Pick = (n: number) => number;

/** `pick(n)` is a whole number in [0, n). */
export function seededRandom(seed: number): Pick {
    let state = seed >>> 0;
    return n => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return Math.floor((state / 2 ** 32) * n);
    };
}

/** The same source with the helpers a generator wants. */
export class Random {
    private readonly source: Pick;

    constructor(seed: number) {
        this.source = seededRandom(seed);
    }

    /** A whole number in [0, bound). */
    below(bound: number): number {
        return this.source(bound);
    }

    chance(probability: number): boolean {
        return this.source(1_000_000) < probability * 1_000_000;
    }

    pick<T>(items: readonly T[]): T {
        return items[this.source(items.length)];
    }
}
