/**
 * Files with more diagnostics than a file lists (the shape that once made the checker go silent:
 * past about 120,000 it reported none and the CLI said "clean"): random mixes of drivers with no
 * links, drivers linked only to themselves and duplicated declarations, in random order, each
 * shape's true counts worked out from how it was made. The checker lists at most 10,000, errors
 * first, and one notice counts exactly the rest.
 */
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { dataOf, severityOf } from '../../language/diagnostic-codes.js';
import { validate } from '../language/validation-helpers.js';
import { randomFor } from './inputs.js';

const SEED = 20261204;
const LISTED = 10_000;

interface HugeShape {
    text: string;
    errors: number;
    warnings: number;
}

/** A goal on no loop and `n` faulty drivers of three kinds, shuffled; their diagnostics counted as LANGUAGE.md says. */
function hugeShape(index: number): HugeShape {
    const random = randomFor(SEED, index);
    const lines = ['    goal g'];
    let errors = 1; // goal-off-loop: nothing reaches the goal
    let warnings = 3; // missing-cost-driver, missing-quality-driver, too-many-drivers
    const n = 10_001 + random.below(3_000);
    for (let i = 0; i < n; i++) {
        switch (random.below(3)) {
            case 0: // on no loop: broken-loop
                lines.push(`    driver d${i}`);
                errors++;
                break;
            case 1: // linked only to itself: broken-loop and self-link
                lines.push(`    driver d${i}`, `    d${i} -> d${i}`);
                errors++;
                warnings++;
                break;
            default: // declared twice: duplicate-name on the second, and broken-loop on the first
                lines.push(`    driver d${i}`, `    driver d${i}`);
                errors += 2;
        }
    }
    return { text: ['flywheel Huge {', ...lines, '}', ''].join('\n'), errors, warnings };
}

function counted(diagnostics: Diagnostic[]): { errors: number; warnings: number } {
    const count = { errors: 0, warnings: 0 };
    for (const diagnostic of diagnostics) {
        const { leftOut } = dataOf(diagnostic);
        count.errors += leftOut ? leftOut.error : severityOf(diagnostic) === 'error' ? 1 : 0;
        count.warnings += leftOut ? leftOut.warning : severityOf(diagnostic) === 'warning' ? 1 : 0;
    }
    return count;
}

describe('huge diagnostic counts', () => {
    test.each([0, 1, 2])('shape %i: 10,000 listed, errors first, and a notice that counts exactly the rest', async index => {
        const shape = hugeShape(index);
        const { diagnostics } = await validate(shape.text);
        expect(diagnostics).toHaveLength(LISTED + 1);
        expect(diagnostics.filter(d => dataOf(d).code === 'diagnostics-left-out')).toHaveLength(1);
        expect(counted(diagnostics)).toEqual({ errors: shape.errors, warnings: shape.warnings });
        // More than 10,000 errors: every listed one is an error.
        expect(diagnostics.filter(d => dataOf(d).code !== 'diagnostics-left-out').every(d => severityOf(d) === 'error')).toBe(true);
    }, 120_000);
});
