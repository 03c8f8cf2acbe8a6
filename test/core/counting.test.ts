/** Numbers in messages read as en-US writes them, as `toLocaleString('en-US')` would (which costs start-up time). */
import { describe, expect, test } from 'vitest';
import { counted, withCommas } from '../../core/counting.js';

describe('numbers in messages', () => {
    test.each([0, 7, 999, 1000, 12345, 1234567, 150001, -4200, 2.5, 10000.25])('%d as en-US writes it', n => {
        expect(withCommas(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 20 }));
    });

    test('a count with its noun, plural but for one', () => {
        expect(counted(1, 'loop')).toBe('1 loop');
        expect(counted(0, 'loop')).toBe('0 loops');
        expect(counted(2000, 'link')).toBe('2,000 links');
    });
});
