/** The semantic diff: each kind of change, renames as renames, and no change for mere layout. */
import { describe, expect, test } from 'vitest';
import { fileSnapshotOf } from '../../language/file-snapshot.js';
import { analyzeWheel } from '../../core/analysis/analyze.js';
import type { FlywheelGraph } from '../../core/analysis/graph.js';
import { type Change, diffFiles, diffFlywheel, type FileDiff, type FileSnapshot } from '../../core/semantic-diff.js';
import { services, validate } from '../language/validation-helpers.js';

async function snapshot(text: string): Promise<FileSnapshot> {
    const { document } = await validate(text);
    return fileSnapshotOf(document, services.Flywheel.analysis.FlywheelAnalyzer);
}

async function diff(before: string | undefined, after: string | undefined): Promise<FileDiff> {
    return diffFiles(before === undefined ? undefined : await snapshot(before), after === undefined ? undefined : await snapshot(after));
}

/** The changes of the file's only flywheel. */
async function changes(before: string, after: string): Promise<Change[]> {
    const { flywheels } = await diff(before, after);
    expect(flywheels).toHaveLength(1);
    return flywheels[0].changes;
}

/** A small healthy wheel: two reinforcing loops, cost and quality on the wheel, no diagnostics. */
const SHOP = `flywheel Shop "A shop" {
    goal sales "Sales"
    /** People who bought and say so. */
    quality driver reviews "Reviews"
    driver buyers "Buyers"
    cost driver price "Low prices"
    sales -> reviews -> buyers -> sales
    buyers -> price "scale" -> sales
}
`;

/** SHOP with `edit` applied as plain text replacements, each of which must apply. */
function shop(...edits: Array<[string | RegExp, string]>): string {
    return edits.reduce((text, [from, to]) => {
        const next = text.replace(from, to);
        expect(next, `edit ${String(from)} applies`).not.toBe(text);
        return next;
    }, SHOP);
}

describe('no change in meaning', () => {
    test('layout, comments and declaration order are not meaning', async () => {
        const reformatted = `// A comment that was not there.
flywheel Shop "A shop" { goal sales "Sales"
  /** People who bought and say so. */ quality   driver reviews "Reviews" cost driver price "Low prices"
        driver buyers "Buyers"
  buyers->price "scale"->sales sales->reviews->buyers->sales /* block */ }`;
        const result = await diff(SHOP, reformatted);
        expect(result.status).toBe('unchanged');
        expect(result.flywheels.map(f => f.status)).toEqual(['unchanged']);
        expect(result.changes).toEqual([]);
    });

    test('two missing sides are the same', async () => {
        expect((await diff(undefined, undefined)).status).toBe('unchanged');
    });

    test('a flywheel name used twice: each compared with the one in the same place (found by the fuzzer)', async () => {
        const twice = `${SHOP}\n${SHOP.replace('sales', 'orders').replace(/sales/g, 'orders')}`;
        expect((await diff(twice, twice)).status).toBe('unchanged');
        const [first, second] = (await diff(twice, twice.replace('"Low prices"', '"Lowest prices"'))).flywheels;
        expect(first.changes.map(c => c.kind)).toEqual(['node-relabelled']);
        expect(second.status).toBe('unchanged');
    });
});

describe('the goal', () => {
    test('renamed, with the links that name it: one change, no link, loop or diagnostic churn', async () => {
        expect(await changes(SHOP, shop([/sales/g, 'revenue']))).toEqual([{ kind: 'node-renamed', role: 'goal', from: 'sales', to: 'revenue' }]);
    });

    test('relabelled', async () => {
        expect(await changes(SHOP, shop(['"Sales"', '"Net sales"']))).toEqual([
            { kind: 'node-relabelled', role: 'goal', name: 'sales', from: 'Sales', to: 'Net sales' }
        ]);
    });

    test('removed: the goal change, the loops lost, the wheel opened and the new diagnostic', async () => {
        const found = await changes(SHOP, shop(['goal sales "Sales"', 'driver sales "Sales"']));
        expect(found).toContainEqual({ kind: 'goal-changed', from: 'sales', to: undefined });
        expect(found).toContainEqual({ kind: 'closing-changed', closes: false });
        expect(found.filter(c => c.kind === 'loop-lost')).toHaveLength(2);
        expect(found).toContainEqual(expect.objectContaining({ kind: 'diagnostic-introduced', diagnostic: expect.objectContaining({ code: 'missing-goal' }) }));
    });

    test('moved to another node on the same cycles: the loops are neither lost nor gained', async () => {
        const found = await changes(SHOP, shop(['goal sales "Sales"', 'driver sales "Sales"'], ['driver buyers', 'goal buyers']));
        expect(found.filter(c => c.kind === 'loop-lost' || c.kind === 'loop-gained')).toEqual([]);
    });

    test('moved to another node', async () => {
        const found = await changes(SHOP, shop(['goal sales "Sales"', 'driver sales "Sales"'], ['driver buyers', 'goal buyers']));
        expect(found[0]).toEqual({ kind: 'goal-changed', from: 'sales', to: 'buyers' });
    });
});

describe('drivers', () => {
    test('added, with its links and the loop it makes', async () => {
        const found = await changes(SHOP, shop(['cost driver price', 'driver ads "Ads"\n    cost driver price'], ['buyers -> price', 'buyers -> ads -> sales\n    buyers -> price']));
        expect(found).toEqual([
            { kind: 'node-added', node: { name: 'ads', label: 'Ads', role: 'driver', kinds: [] } },
            { kind: 'link-added', link: { source: 'buyers', target: 'ads', arrow: '->' } },
            { kind: 'link-added', link: { source: 'ads', target: 'sales', arrow: '->' } },
            { kind: 'loop-gained', loop: { id: 'R2', polarity: 'reinforcing', delayed: false, nodes: ['sales', 'reviews', 'buyers', 'ads'], arrows: ['->', '->', '->', '->'] } }
        ]);
    });

    test('removed, with its links and loop', async () => {
        const found = await changes(SHOP, shop(['    cost driver price "Low prices"\n', ''], ['    buyers -> price "scale" -> sales\n', '']));
        expect(found.map(c => c.kind)).toEqual(['node-removed', 'link-removed', 'link-removed', 'loop-lost', 'diagnostic-introduced']);
        expect(found[0]).toEqual({ kind: 'node-removed', node: { name: 'price', label: 'Low prices', role: 'driver', kinds: ['cost'] } });
        expect(found[4]).toMatchObject({ diagnostic: { code: 'missing-cost-driver', severity: 'warning' } });
    });

    test('relabelled, and a label added', async () => {
        expect(await changes(SHOP, shop(['"Buyers"', '"Customers"']))).toEqual([
            { kind: 'node-relabelled', role: 'driver', name: 'buyers', from: 'Buyers', to: 'Customers' }
        ]);
        const unlabelled = shop(['driver buyers "Buyers"', 'driver buyers']);
        expect(await changes(unlabelled, SHOP)).toEqual([{ kind: 'node-relabelled', role: 'driver', name: 'buyers', from: undefined, to: 'Buyers' }]);
    });

    test('renamed with the same label and links: a rename, not a removal and an addition', async () => {
        expect(await changes(SHOP, shop([/buyers/g, 'customers']))).toEqual([{ kind: 'node-renamed', role: 'driver', from: 'buyers', to: 'customers' }]);
    });

    test('renamed without a label on either side, and two neighbours renamed at once', async () => {
        const unlabelled = shop(['driver buyers "Buyers"', 'driver buyers']);
        expect(await changes(unlabelled, unlabelled.replace(/buyers/g, 'customers'))).toEqual([
            { kind: 'node-renamed', role: 'driver', from: 'buyers', to: 'customers' }
        ]);
        const both = await changes(SHOP, shop([/buyers/g, 'customers'], [/reviews/g, 'ratings']));
        expect(both).toEqual([
            { kind: 'node-renamed', role: 'driver', from: 'reviews', to: 'ratings' },
            { kind: 'node-renamed', role: 'driver', from: 'buyers', to: 'customers' }
        ]);
    });

    test('renamed with other links but the same written label: still a rename, and the link change shows', async () => {
        expect(await changes(SHOP, shop([/buyers/g, 'customers'], ['customers -> price', 'customers -| price']))).toEqual([
            { kind: 'node-renamed', role: 'driver', from: 'buyers', to: 'customers' },
            { kind: 'link-changed', from: { source: 'buyers', target: 'price', arrow: '->', label: 'scale' }, to: { source: 'customers', target: 'price', arrow: '-|', label: 'scale' } },
            expect.objectContaining({ kind: 'loop-changed' }),
            expect.objectContaining({ kind: 'diagnostic-introduced' })
        ]);
    });

    test('renamed and relabelled with its links unchanged: still that driver, one rename and one relabel', async () => {
        const found = await changes(SHOP, shop([/buyers "Buyers"/, 'customers "Customers"'], [/buyers/g, 'customers']));
        expect(found).toEqual([
            { kind: 'node-renamed', role: 'driver', from: 'buyers', to: 'customers' },
            { kind: 'node-relabelled', role: 'driver', name: 'customers', from: 'Buyers', to: 'Customers' }
        ]);
    });

    test('renamed without a label and with other links: removed and added', async () => {
        const unlabelled = shop(['driver buyers "Buyers"', 'driver buyers']);
        const relinked = await changes(unlabelled, unlabelled.replace(/buyers/g, 'customers').replace('customers -> price', 'customers -| price'));
        expect(relinked.map(c => c.kind).slice(0, 2)).toEqual(['node-added', 'node-removed']);
    });

    test('two drivers that cannot be told apart are not guessed', async () => {
        const twins = 'flywheel T {\n    goal g\n    driver a\n    driver b\n    g -> a -> g\n    g -> b -> g\n}\n';
        const found = await changes(twins, twins.replace(/\ba\b/g, 'x').replace(/\bb\b/g, 'y'));
        expect(found.filter(c => c.kind === 'node-renamed')).toEqual([]);
        expect(found.filter(c => c.kind === 'node-added' || c.kind === 'node-removed')).toHaveLength(4);
    });

    test('kinds gained and lost', async () => {
        expect(await changes(SHOP, shop(['quality driver reviews', 'cost driver reviews'], ['driver buyers', 'quality driver buyers']))).toEqual([
            { kind: 'kinds-changed', name: 'reviews', gained: ['cost'], lost: ['quality'] },
            { kind: 'kinds-changed', name: 'buyers', gained: ['quality'], lost: [] }
        ]);
    });

    test('description changed', async () => {
        expect(await changes(SHOP, shop(['bought and say so', 'bought and rate us']))).toEqual([
            { kind: 'description-changed', role: 'driver', name: 'reviews', from: 'People who bought and say so.', to: 'People who bought and rate us.' }
        ]);
    });
});

describe('links and loops', () => {
    test('polarity changed: the link, the loop through it (R to B) and the new warning', async () => {
        const found = await changes(SHOP, shop(['buyers -> price', 'buyers -| price']));
        expect(found).toEqual([
            { kind: 'link-changed', from: { source: 'buyers', target: 'price', arrow: '->', label: 'scale' }, to: { source: 'buyers', target: 'price', arrow: '-|', label: 'scale' } },
            {
                kind: 'loop-changed',
                from: { id: 'R2', polarity: 'reinforcing', delayed: false, nodes: ['sales', 'reviews', 'buyers', 'price'], arrows: ['->', '->', '->', '->'] },
                to: { id: 'B1', polarity: 'balancing', delayed: false, nodes: ['sales', 'reviews', 'buyers', 'price'], arrows: ['->', '->', '-|', '->'] }
            },
            expect.objectContaining({ kind: 'diagnostic-introduced', diagnostic: expect.objectContaining({ code: 'balancing-loop' }) })
        ]);
    });

    test('delay added', async () => {
        const found = await changes(SHOP, shop(['price "scale" -> sales', 'price "scale" ~> sales']));
        expect(found.map(c => c.kind)).toEqual(['link-changed', 'loop-changed']);
        expect(found[1]).toMatchObject({ from: { delayed: false }, to: { id: 'R2', delayed: true } });
    });

    test('link relabelled, added and removed', async () => {
        expect(await changes(SHOP, shop(['"scale"', '"volume"']))).toEqual([
            { kind: 'link-relabelled', link: { source: 'buyers', target: 'price', arrow: '->', label: 'volume' }, from: 'scale', to: 'volume' }
        ]);
        const found = await changes(SHOP, shop(['buyers -> price "scale" -> sales', 'reviews -> price "scale" -> sales']));
        expect(found).toContainEqual({ kind: 'link-added', link: { source: 'reviews', target: 'price', arrow: '->', label: 'scale' } });
        expect(found).toContainEqual({ kind: 'link-removed', link: { source: 'buyers', target: 'price', arrow: '->', label: 'scale' } });
        expect(found.map(c => c.kind)).toEqual(['link-added', 'link-removed', 'loop-gained', 'loop-lost']);
    });

    test('the wheel stops closing, and closes again', async () => {
        const open = shop(['buyers -> sales', 'buyers'], ['price "scale" -> sales', 'price "scale"']);
        const found = await changes(SHOP, open);
        expect(found).toContainEqual({ kind: 'closing-changed', closes: false });
        expect(found).toContainEqual(expect.objectContaining({ kind: 'diagnostic-introduced', diagnostic: expect.objectContaining({ code: 'goal-off-loop' }) }));
        const back = await changes(open, SHOP);
        expect(back).toContainEqual({ kind: 'closing-changed', closes: true });
        expect(back).toContainEqual(expect.objectContaining({ kind: 'diagnostic-resolved', diagnostic: expect.objectContaining({ code: 'goal-off-loop' }) }));
        const result = await diff(SHOP, open);
        expect(result.flywheels[0].before).toMatchObject({ closes: true, reinforcing: 2 });
        expect(result.flywheels[0].after).toMatchObject({ closes: false, reinforcing: 0 });
    });
});

describe('diagnostics', () => {
    test('resolved and introduced, by code and message', async () => {
        const broken = shop(['    buyers -> price "scale" -> sales\n', '    buyers -> price "scale"\n']);
        const found = await changes(broken, SHOP);
        expect(found.filter(c => c.kind === 'diagnostic-resolved')).toEqual([
            { kind: 'diagnostic-resolved', diagnostic: expect.objectContaining({ code: 'broken-loop', severity: 'error', message: expect.stringContaining("'price'") }) },
            { kind: 'diagnostic-resolved', diagnostic: expect.objectContaining({ code: 'missing-cost-driver', severity: 'warning' }) }
        ]);
        expect(found.filter(c => c.kind === 'diagnostic-introduced')).toEqual([]);
    });

    test('a renamed driver keeps its diagnostics: the old messages are read with the new names', async () => {
        const broken = shop(['    buyers -> price "scale" -> sales\n', '    buyers -> price "scale"\n']);
        expect(await changes(broken, broken.replace(/\bprice\b/g, 'discount'))).toEqual([{ kind: 'node-renamed', role: 'driver', from: 'price', to: 'discount' }]);
    });

    test('a renamed driver whose diagnostic changed what it is about: resolved and introduced', async () => {
        const neverBack = shop(['    buyers -> price "scale" -> sales\n', '    buyers -> price "scale"\n']);
        const neverReached = shop(['    buyers -> price "scale" -> sales\n', '    discount -> sales\n'], ['driver price', 'driver discount']);
        const found = await changes(neverBack, neverReached);
        expect(found[0]).toEqual({ kind: 'node-renamed', role: 'driver', from: 'price', to: 'discount' });
        expect(found.filter(c => c.kind.startsWith('diagnostic-'))).toEqual([
            { kind: 'diagnostic-introduced', diagnostic: expect.objectContaining({ code: 'broken-loop', about: expect.objectContaining({ reason: 'never-reached' }) }) },
            { kind: 'diagnostic-resolved', diagnostic: expect.objectContaining({ code: 'broken-loop', about: expect.objectContaining({ reason: 'never-leads-back' }) }) }
        ]);
    });

    test('syntax errors belong to the file, and the side that does not parse is flagged', async () => {
        const result = await diff(SHOP, SHOP.replace('goal sales', 'goal'));
        expect(result.parses).toEqual({ before: true, after: false });
        expect(result.changes).toContainEqual(expect.objectContaining({ kind: 'diagnostic-introduced', diagnostic: expect.objectContaining({ code: 'syntax-error' }) }));
    });
});

describe('flywheels and files', () => {
    const second = 'flywheel Other {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}\n';

    test('a flywheel added and one removed, in a file that holds several', async () => {
        const added = await diff(SHOP, SHOP + second);
        expect(added.flywheels.map(f => [f.name, f.status])).toEqual([['Shop', 'unchanged'], ['Other', 'added']]);
        expect(added.flywheels[1].changes.map(c => c.kind)).toEqual(['goal-changed', 'node-added', 'link-added', 'link-added', 'loop-gained']);
        const removed = await diff(SHOP + second + second.replace('Other', 'Third'), SHOP + second);
        expect(removed.flywheels.map(f => [f.name, f.status])).toEqual([['Shop', 'unchanged'], ['Other', 'unchanged'], ['Third', 'removed']]);
    });

    test('one flywheel replaced by an unrelated one is a removal and an addition, not a rename', async () => {
        const unrelated = 'flywheel Media {\n    goal readers "Readers"\n    cost quality driver posts "Posts"\n    readers -> posts -> readers\n}\n';
        const found = await diff(SHOP, unrelated);
        expect(found.flywheels.map(f => [f.name, f.status])).toEqual([['Media', 'added'], ['Shop', 'removed']]);
    });

    test('a flywheel renamed with half its drivers kept is still a rename', async () => {
        const found = await diff(SHOP, shop(['flywheel Shop "A shop"', 'flywheel Store'], [/reviews/g, 'ratings'], ['"Reviews"', '"Ratings"']));
        expect(found.flywheels.map(f => [f.name, f.status])).toEqual([['Store', 'changed']]);
        expect(found.flywheels[0].changes[0]).toEqual({ kind: 'flywheel-renamed', from: 'Shop', to: 'Store' });
    });

    test('a flywheel renamed and relabelled', async () => {
        expect(await changes(SHOP, shop(['flywheel Shop "A shop"', 'flywheel Store "A store"']))).toEqual([
            { kind: 'flywheel-renamed', from: 'Shop', to: 'Store' },
            { kind: 'flywheel-relabelled', from: 'A shop', to: 'A store' }
        ]);
    });

    test('a file added or deleted', async () => {
        const added = await diff(undefined, SHOP);
        expect(added.status).toBe('added');
        expect(added.parses).toEqual({ before: undefined, after: true });
        expect(added.flywheels[0].changes.filter(c => c.kind === 'node-added')).toHaveLength(3);
        const deleted = await diff(SHOP, undefined);
        expect(deleted.status).toBe('deleted');
        expect(deleted.flywheels[0]).toMatchObject({ name: 'Shop', status: 'removed', before: { closes: true }, after: undefined });
    });
});

describe('plain data in, plain data out', () => {
    /** A ring of unlabelled drivers through the goal, with a chord every fifth driver, built without any parsing. */
    function ring(size: number, prefix: string): FlywheelGraph {
        const nodes = [{ name: 'growth', label: 'growth', isGoal: true, kinds: [] }, ...Array.from({ length: size }, (_, i) => ({ name: `${prefix}${i}`, label: `${prefix}${i}`, isGoal: false, kinds: [] }))];
        const links = nodes.map((_, i) => ({ source: i, target: (i + 1) % nodes.length, arrow: '->' as const }));
        for (let i = 1; i + 3 < nodes.length; i += 5) links.push({ source: i, target: i + 3, arrow: '->' });
        return { name: 'Ring', label: 'Ring', nodes, links, initiatives: [], goal: 0 };
    }

    // No timing here (the machine may be busy): how long it takes is the bench's to say.
    test('a mass rename of 3,000 unlabelled drivers is 3,000 renames', () => {
        const [before, after] = [ring(3000, 'd'), ring(3000, 'x')];
        const snapshot = (graph: FlywheelGraph) => ({ graph, analysis: analyzeWheel(graph), diagnostics: [] });
        const result = diffFlywheel(snapshot(before), snapshot(after));
        expect(result.changes).toHaveLength(3000);
        expect(result.changes.every(c => c.kind === 'node-renamed')).toBe(true);
    });
});
