/** `flywheel diff` on initiatives, run as the built command: each change in words, and in the JSON. */
import { describe, expect, test } from 'vitest';
import { runFlywheel, tempTree } from './run-flywheel.js';

const OLD = `flywheel Shop {
    goal sales
    quality driver reviews
    cost driver price
    driver buyers
    sales -> reviews -> buyers -> sales
    buyers -> price -> sales
    initiative ads "Run ads"
    initiative stadium
    ads -> buyers
    stadium -> reviews
}
`;
const NEW = OLD
    .replace('    ads -> buyers\n', '    ads -| price\n')
    .replace('    stadium -> reviews\n', '')
    .replace('}\n', '    initiative menus "Better menus"\n    menus -> reviews\n}\n');

describe('flywheel diff with initiatives', () => {
    test('says which initiatives were added, re-linked and are newly off the wheel', () => {
        const run = runFlywheel(['diff', 'old.fly', 'new.fly'], { cwd: tempTree({ 'old.fly': OLD, 'new.fly': NEW }) });
        expect(run.status).toBe(0);
        const lines = run.stdout.split('\n');
        expect(lines).toContain('- Initiative re-linked: ads pushes -> buyers; now pushes -| price');
        expect(lines).toContain('- Initiative re-linked: stadium pushes -> reviews; now pushes nothing');
        expect(lines).toContain('- Initiative now off the wheel: stadium pushes no wheel driver any more');
        expect(lines).toContain('- Initiative added: menus “Better menus” pushes -> reviews');
    });

    test('the JSON carries the same changes as data', () => {
        const run = runFlywheel(['diff', '--format', 'json', 'old.fly', 'new.fly'], { cwd: tempTree({ 'old.fly': OLD, 'new.fly': NEW }) });
        const kinds = (JSON.parse(run.stdout).flywheels[0].changes as Array<{ kind: string }>).map(c => c.kind).filter(k => k.startsWith('initiative-'));
        expect(kinds).toEqual(['initiative-relinked', 'initiative-relinked', 'initiative-off-wheel', 'initiative-added']);
    });
});
