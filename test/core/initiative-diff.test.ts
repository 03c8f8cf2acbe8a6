/**
 * The semantic diff of initiatives (LANGUAGE.md, "Initiatives"): added, removed, relabelled,
 * re-linked, newly off the wheel; a renamed driver or a reordered file is no re-link.
 */
import { describe, expect, test } from 'vitest';
import { fileSnapshotOf } from '../../language/file-snapshot.js';
import { type Change, diffFiles } from '../../core/semantic-diff.js';
import { services, validate } from '../language/validation-helpers.js';

const WHEEL = `flywheel Shop {
    goal sales
    quality driver reviews
    cost driver price
    driver buyers
    sales -> reviews -> buyers -> sales
    buyers -> price -> sales
    initiative ads "Run ads"
    ads -> buyers
}
`;

async function initiativeChanges(before: string, after: string): Promise<Change[]> {
    const snapshot = async (text: string) => fileSnapshotOf((await validate(text)).document, services.Flywheel.analysis.FlywheelAnalyzer);
    const [old, now] = [await snapshot(before), await snapshot(after)];
    return diffFiles(old, now).flywheels[0].changes.filter(c => c.kind.startsWith('initiative-'));
}

describe('flywheel diff of initiatives', () => {
    test('an initiative added, with what it pushes, and one removed', async () => {
        const added = await initiativeChanges(WHEEL, WHEEL.replace('}\n', '    initiative menus "Better menus"\n    menus -> reviews "tastier"\n}\n'));
        expect(added).toEqual([{ kind: 'initiative-added', initiative: { name: 'menus', label: 'Better menus', pushes: [{ target: 'reviews', arrow: '->', label: 'tastier' }], offWheel: false } }]);
        const removed = await initiativeChanges(WHEEL, WHEEL.replace('    initiative ads "Run ads"\n    ads -> buyers\n', ''));
        expect(removed).toEqual([{ kind: 'initiative-removed', initiative: { name: 'ads', label: 'Run ads', pushes: [{ target: 'buyers', arrow: '->' }], offWheel: false } }]);
    });

    test('re-linked: another target or arrow; newly off the wheel when it pushes no wheel driver any more', async () => {
        const relinked = await initiativeChanges(WHEEL, WHEEL.replace('ads -> buyers', 'ads -| price'));
        expect(relinked).toEqual([{ kind: 'initiative-relinked', name: 'ads', from: [{ target: 'buyers', arrow: '->' }], to: [{ target: 'price', arrow: '-|' }] }]);
        const off = await initiativeChanges(WHEEL, WHEEL.replace('    ads -> buyers\n', ''));
        expect(off).toEqual([
            { kind: 'initiative-relinked', name: 'ads', from: [{ target: 'buyers', arrow: '->' }], to: [] },
            { kind: 'initiative-off-wheel', name: 'ads' }
        ]);
    });

    test('a relabelled initiative; no change for a renamed driver it pushes, nor for moving its lines', async () => {
        expect(await initiativeChanges(WHEEL, WHEEL.replace('"Run ads"', '"Search ads"')))
            .toEqual([{ kind: 'initiative-relabelled', name: 'ads', from: 'Run ads', to: 'Search ads' }]);
        expect(await initiativeChanges(WHEEL, WHEEL.replace(/buyers/g, 'shoppers'))).toEqual([]);
        const moved = WHEEL.replace('    initiative ads "Run ads"\n    ads -> buyers\n', '').replace('    goal sales\n', '    goal sales\n    ads -> buyers\n    initiative ads "Run ads"\n');
        expect(await initiativeChanges(WHEEL, moved)).toEqual([]);
    });
});
