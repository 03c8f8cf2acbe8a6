/**
 * The fuzzer's quick run, as part of `npm test`: a fixed seed, a few hundred inputs, no findings.
 * `npm run fuzz` runs more (and other seeds) with a time limit per input. The properties are
 * themselves checked to fail on what they must catch, so a quiet run means something.
 */
import { describe, expect, test } from 'vitest';
import { Random } from '../support/seeded-random.js';
import { fuzzInput, randomFor } from './inputs.js';
import { checkInput, notWellFormed } from './properties.js';

const QUICK_SEED = 20261122;
const QUICK_COUNT = 250;

describe('the quick fuzz run', () => {
    test(`${QUICK_COUNT} generated and mutated inputs break no property`, async () => {
        const findings: string[] = [];
        let parsed = 0;
        for (let index = 0; index < QUICK_COUNT; index++) {
            const { text, base } = fuzzInput(QUICK_SEED, index);
            const result = await checkInput(text, base, index);
            if (result.parses) parsed++;
            findings.push(...result.findings.map(f => `#${index} ${f.property}: ${f.message.split('\n')[0]}`));
        }
        expect(findings).toEqual([]);
        // Both sides of the grammar are exercised: texts that parse (formatter, drawing) and texts that do not (recovery).
        expect(parsed).toBeGreaterThan(QUICK_COUNT / 4);
        expect(parsed).toBeLessThan(QUICK_COUNT * 3 / 4);
    }, 120_000);
});

describe('the inputs', () => {
    test('are reproducible from the seed and index alone', () => {
        expect(fuzzInput(7, 42)).toEqual(fuzzInput(7, 42));
        expect(fuzzInput(7, 42).text).not.toBe(fuzzInput(7, 43).text);
        expect(randomFor(1, 2).below(1e9)).toBe(randomFor(1, 2).below(1e9));
    });

    test('cover what the issue asks for: CRLF, lone CR, RTL and zero-width characters, long labels, comments', () => {
        const texts = Array.from({ length: 300 }, (_, i) => fuzzInput(3, i).text).join('\u0001');
        for (const needle of ['\r\n', '\u202e', '\u200b', '/**', '//', '/*']) expect(texts).toContain(needle);
        expect(texts).toMatch(/\r[^\n]/);
        expect(texts).toMatch(/"[^"\r\n]{300,}"/);
    });

    test('a generator draws evenly enough to reach every choice', () => {
        const random = new Random(5);
        const seen = new Set(Array.from({ length: 200 }, () => random.below(10)));
        expect(seen.size).toBe(10);
    });
});

describe('the properties catch what they must', () => {
    test('a drawing with a control character or a broken tag is not well-formed', () => {
        expect(notWellFormed('<svg xmlns="http://www.w3.org/2000/svg"><text>a\u0001</text></svg>')).toMatch(/U\+0001/);
        expect(notWellFormed('<svg xmlns="http://www.w3.org/2000/svg"><text>a</svg>')).toMatch(/not well-formed/);
        expect(notWellFormed('<svg xmlns="http://www.w3.org/2000/svg"><text>a &amp; b</text></svg>')).toBeUndefined();
    });

    test('an input with an error in it is still checked by every property, and a clean one too', async () => {
        const clean = 'flywheel W {\n    goal g\n    cost quality driver d\n    g -> d -> g // closes\n}\n';
        expect(await checkInput(clean, clean)).toEqual({ findings: [], parses: true });
        expect(await checkInput('flywheel W {\n    goal g\n    g -> \n', clean)).toEqual({ findings: [], parses: false });
    });
});
