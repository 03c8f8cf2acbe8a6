/**
 * The examples are part of the contract: the literature's flywheels check clean, and each
 * broken example shows the diagnostic it is named after (LANGUAGE.md lists every code).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DiagnosticCode } from '../language/diagnostic-codes.js';
import { validate } from './language/validation-helpers.js';

const clean = readdirSync('examples').filter(name => name.endsWith('.fly'));
const broken = readdirSync('examples/broken').filter(name => name.endsWith('.fly'));

describe('the clean examples', () => {
    test('there are at least six, from the literature', () => {
        expect(clean).toEqual(expect.arrayContaining(['amazon.fly', 'stripe.fly', 'spotify.fly', 'airbnb.fly', 'epic-games.fly', 'b2b-saas-plg.fly']));
    });

    test.each(clean)('%s checks clean', async name => {
        const { diagnostics } = await validate(readFileSync(join('examples', name), 'utf8'));
        expect(diagnostics.map(d => `${d.code}: ${d.message}`)).toEqual([]);
    });
});

describe('the planning example', () => {
    test('planning/say-no.fly shows one initiative to say no to, and nothing else', async () => {
        const { diagnostics } = await validate(readFileSync('examples/planning/say-no.fly', 'utf8'));
        expect(diagnostics.map(d => [d.code, (d.data as { names?: string[] }).names?.[0]])).toEqual([['initiative-off-wheel', 'stadium']]);
    });

    test('every clean example from the literature names initiatives, and each pushes the wheel', async () => {
        for (const name of clean) {
            const { document, diagnostics } = await validate(readFileSync(join('examples', name), 'utf8'));
            const [flywheel] = document.parseResult.value.flywheels;
            expect(flywheel.members.filter(m => m.$type === 'Initiative').length, name).toBeGreaterThan(0);
            expect(diagnostics, name).toEqual([]);
        }
    });
});

describe('the broken examples', () => {
    test('there is one for every diagnostic code of the contract', () => {
        expect(broken.map(name => basename(name, '.fly')).sort()).toEqual(Object.values(DiagnosticCode).sort());
    });

    test.each(broken)('%s shows its diagnostic, and only codes of the contract', async name => {
        const { diagnostics } = await validate(readFileSync(join('examples/broken', name), 'utf8'));
        const codes = diagnostics.map(d => String(d.code));
        expect(codes).toContain(basename(name, '.fly'));
        expect(codes.every(code => (Object.values(DiagnosticCode) as string[]).includes(code))).toBe(true);
    });
});
