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
