/**
 * A diagnostic carries what it is about in its `data` (LANGUAGE.md's code, the flywheel, the node
 * or link, the loops and the names it mentions), set by the check that reported it.
 */
import { MultiMap } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { dataOf, type DiagnosticData } from '../../language/diagnostic-codes.js';
import { services, validate } from './validation-helpers.js';

const analyzer = services.Flywheel.analysis.FlywheelAnalyzer;

const TWO = `flywheel First {
    goal g
    cost quality driver c
    g -> c -> g
}

flywheel Second {
    goal growth
    cost driver price
    quality driver care
    driver lonely
    growth -> price -| care -> growth
    care -> care
}
`;

async function dataByCode(text: string): Promise<{ data: MultiMap<string, DiagnosticData>; diagnostics: Diagnostic[] }> {
    const { diagnostics } = await validate(text);
    const data = new MultiMap(diagnostics.map(d => [String(d.code), dataOf(d)] as const));
    return { data, diagnostics };
}

describe('diagnostic data', () => {
    test('names the flywheel it was found in by its index in the file', async () => {
        const { diagnostics } = await dataByCode(TWO);
        expect(diagnostics.length).toBeGreaterThan(0);
        expect(diagnostics.map(d => dataOf(d).flywheel)).toEqual(diagnostics.map(() => 1));
    });

    test('a node diagnostic carries the node, a link diagnostic the link, as graph indices', async () => {
        const { document } = await validate(TWO);
        const facts = analyzer.analyze(document.parseResult.value.flywheels[1]);
        const { data } = await dataByCode(TWO);
        const [broken] = data.get('broken-loop')!;
        expect(facts.graph.nodes[broken.node!].name).toBe('lonely');
        expect(broken).toMatchObject({ code: 'broken-loop', reason: 'no-links', names: ['lonely'] });
        const [self] = data.get('self-link')!;
        const link = facts.graph.links[self.link!];
        expect([facts.graph.nodes[link.source].name, link.arrow, facts.graph.nodes[link.target].name]).toEqual(['care', '->', 'care']);
    });

    test('a loop diagnostic names its loops and the nodes of its path', async () => {
        const { data } = await dataByCode(TWO);
        expect(data.get('balancing-loop')).toEqual([expect.objectContaining({ loops: ['B1'], names: ['growth', 'price', 'care', 'growth'] })]);
        expect(data.get('not-reinforcing')).toEqual([expect.objectContaining({ loops: ['B1'], names: ['growth'] })]);
    });

    test('an unresolved reference belongs to its flywheel; a syntax error to the file', async () => {
        const { data } = await dataByCode(TWO.replace('care -> care', 'care -> nowhere\n    care => care'));
        expect(data.get('unresolved-reference')).toEqual([expect.objectContaining({ flywheel: 1 })]);
        expect(data.get('syntax-error')!.every(d => d.flywheel === undefined)).toBe(true);
    });
});
