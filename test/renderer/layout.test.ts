/** The wheel's geometry: the spine as the rim turning clockwise, other loops inside, stable when a driver is added. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { wrapText } from '../../renderer/annotations.js';
import { layoutWheel } from '../../renderer/layout.js';
import { modelsOf, ring } from './render-helpers.js';

describe('labels', () => {
    test('wrap at spaces into even lines of at most 22 characters, cut with an ellipsis past three', () => {
        expect(wrapText('Customer experience', 22, 3)).toEqual({ lines: ['Customer experience'], truncated: false });
        // Even lines rather than a lone last word.
        expect(wrapText('Lower cost to serve a user', 22, 3)).toEqual({ lines: ['Lower cost to', 'serve a user'], truncated: false });
        const long = wrapText('A very long label that never ends in any sensible place at all, not even here', 22, 3);
        expect(long.truncated).toBe(true);
        expect(long.lines).toHaveLength(3);
        expect(long.lines[2].endsWith('…')).toBe(true);
        expect(long.lines.every(line => [...line].length <= 22)).toBe(true);
        // Never mid-word unless a single word is longer than a line.
        expect(long.lines.slice(0, 2).every(line => !line.endsWith('…'))).toBe(true);
        expect(wrapText('Supercalifragilisticexpialidocious', 22, 3).lines).toEqual(['Supercalifragilistice…']);
    });

    test("the goal's label is never cut, however long", async () => {
        const label = 'Growth of the whole business measured as weekly active customers in every market we serve today';
        const [model] = await modelsOf(ring(4).replace('"Growth of the whole business"', `"${label}"`));
        const goal = layoutWheel(model).nodes.find(n => n.node.placement === 'goal')!;
        expect(goal.truncated).toBe(false);
        expect(goal.lines.join(' ')).toBe(label);
    });
});

describe('the wheel', () => {
    test("the goal is at 12 o'clock and the rim runs clockwise along the loop through the goal", async () => {
        const [model] = await modelsOf(ring(6));
        const layout = layoutWheel(model);
        const goal = layout.nodes.find(n => n.node.placement === 'goal')!;
        expect(goal.center.x).toBeCloseTo(layout.center.x, 5);
        expect(goal.center.y).toBeLessThan(layout.center.y);
        // Clockwise on screen: each driver's angle from the centre grows in the order of the ring.
        const angle = (name: string) => {
            const node = layout.nodes.find(n => n.node.name === name)!;
            return (Math.atan2(node.center.y - layout.center.y, node.center.x - layout.center.x) + 2.5 * Math.PI) % (2 * Math.PI);
        };
        const angles = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5'].map(angle);
        expect([...angles].sort((a, b) => a - b)).toEqual(angles);
        expect(layout.links.every(l => l.shape === 'rim')).toBe(true);
    });

    test("a loop beside the main one is drawn inside the rim, between the rim nodes it leaves and rejoins (Amazon's sellers and selection)", async () => {
        const [model] = await modelsOf(readFileSync('examples/amazon.fly', 'utf8'));
        const layout = layoutWheel(model);
        const distance = (name: string) => {
            const node = layout.nodes.find(n => n.node.name === name)!;
            return Math.hypot(node.center.x - layout.center.x, node.center.y - layout.center.y);
        };
        for (const rim of ['growth', 'costStructure', 'prices', 'experience', 'traffic']) expect(distance(rim)).toBeCloseTo(layout.wheelRadius, 3);
        for (const inner of ['sellers', 'selection']) expect(distance(inner)).toBeLessThan(layout.wheelRadius - 40);
        const shapes = new Map(layout.links.map(l => [`${model.nodes[l.link.source].name} ${model.nodes[l.link.target].name}`, l.shape]));
        expect(shapes.get('experience traffic')).toBe('rim');
        expect(shapes.get('traffic sellers')).toBe('inner');
    });

    test('a hub-shaped wheel (the goal feeding drivers that each return) has the goal at the hub', async () => {
        const [model] = await modelsOf(`flywheel Hub {
    goal g "Volume"
    cost driver a "Fees"
    quality driver b "Trust"
    driver c "Ads"
    driver d "Logistics"
    g -> a -> g
    g -> b -> g
    g -> c -> g
    g -> d -> g
}`);
        const layout = layoutWheel(model);
        expect(layout.hub).toBe(true);
        const goal = layout.nodes.find(n => n.node.placement === 'goal')!;
        expect(Math.hypot(goal.center.x - layout.center.x, goal.center.y - layout.center.y)).toBeLessThan(1);
    });

    test('drivers off the wheel stand outside the rim, each with its diagnostic written under it', async () => {
        const [model] = await modelsOf(`${ring(5).slice(0, -1)}
    driver lonely "Lonely"
    driver sink "Sink"
    driver source "Source"
    d2 -> sink
    source -> d3
}`);
        const layout = layoutWheel(model);
        const off = layout.nodes.filter(n => n.node.placement === 'off');
        expect(off).toHaveLength(3);
        for (const node of off) {
            const distance = Math.hypot(node.center.x - layout.center.x, node.center.y - layout.center.y);
            expect(distance - node.radius).toBeGreaterThan(layout.wheelRadius + 20);
            expect(node.note?.text).toMatch(new RegExp(`^'${node.node.name}' `));
        }
        // Beside what it links to: nearer its wheel neighbour than the far side of the wheel.
        const at = (name: string) => layout.nodes.find(n => n.node.name === name)!.center;
        const sink = at('sink');
        expect(Math.hypot(sink.x - at('d2').x, sink.y - at('d2').y)).toBeLessThan(layout.wheelRadius);
    });

    test('adding a driver to an 8-driver wheel moves each existing node by less than one gap between neighbours', async () => {
        const [before] = await modelsOf(ring(8));
        const [after] = await modelsOf(ring(8).replace('d7 -> g', 'd7 -> d8 -> g').replace('    g -> d0', '    driver d8 "Newcomer"\n    g -> d0'));
        expectStable(before, after, 10);
    });

    test('adding a driver on a loop beside the rim (Amazon) moves each existing node by less than one gap', async () => {
        const text = readFileSync('examples/amazon.fly', 'utf8');
        const [before] = await modelsOf(text);
        const [after] = await modelsOf(text.replace('driver traffic "Traffic"', 'driver traffic "Traffic"\n    driver reviews "Reviews"').replace('-> selection -> experience', '-> selection -> reviews -> experience'));
        expectStable(before, after, 5);
    });

    test('the same text always gives the same layout', async () => {
        const [a] = await modelsOf(readFileSync('examples/epic-games.fly', 'utf8'));
        const [b] = await modelsOf(readFileSync('examples/epic-games.fly', 'utf8'));
        expect(layoutWheel(a)).toEqual(layoutWheel(b));
    });
});

/** Nodes are evenly spaced on the rim, so a new one shifts each by at most one gap: 2r·sin(π/n) on the new rim of n. */
function expectStable(before: Parameters<typeof layoutWheel>[0], after: Parameters<typeof layoutWheel>[0], rimAfter: number): void {
    const place = (model: typeof before) => {
        const layout = layoutWheel(model);
        // Relative to the wheel's centre: the page around it may grow.
        return new Map(layout.nodes.map(n => [n.node.name, { x: n.center.x - layout.center.x, y: n.center.y - layout.center.y }]));
    };
    const [old, now] = [place(before), place(after)];
    const bound = 2 * layoutWheel(after).wheelRadius * Math.sin(Math.PI / rimAfter);
    const moves = [...old].map(([name, p]) => Math.hypot(now.get(name)!.x - p.x, now.get(name)!.y - p.y));
    expect(Math.max(...moves)).toBeLessThan(bound);
}
