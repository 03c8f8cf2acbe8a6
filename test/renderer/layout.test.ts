/** The wheel's geometry: readable (no overlaps), off-wheel drivers outside, stable when a driver is added. */
import { describe, expect, test } from 'vitest';
import { type Box, layoutWheel, overlaps, wheelOrder, wrapLabel } from '../../renderer/layout.js';
import { modelsOf, ring } from './render-helpers.js';

function circleBox(center: { x: number; y: number }, radius: number): Box {
    return { x: center.x - radius, y: center.y - radius, width: 2 * radius, height: 2 * radius };
}

describe('labels', () => {
    test('wrap at spaces into at most two lines of 18 characters, cut with an ellipsis', () => {
        expect(wrapLabel('Customer experience')).toEqual({ lines: ['Customer', 'experience'], truncated: false });
        expect(wrapLabel('Lower prices')).toEqual({ lines: ['Lower prices'], truncated: false });
        const long = wrapLabel('A very long label that never ends in any sensible place at all');
        expect(long.truncated).toBe(true);
        expect(long.lines).toHaveLength(2);
        expect(long.lines[1].endsWith('…')).toBe(true);
        expect(long.lines.every(line => [...line].length <= 18)).toBe(true);
        expect(wrapLabel('Supercalifragilisticexpialidocious').lines).toEqual(['Supercalifragilis…']);
    });
});

describe('the wheel', () => {
    test.each([1, 2, 3, 5, 8, 10, 12])('no two labels overlap, nor a label and a node, with %i drivers', async drivers => {
        const [model] = await modelsOf(ring(drivers, i => `Driver ${i} with a long label text here`));
        const { nodes } = layoutWheel(model);
        for (const a of nodes) {
            for (const b of nodes) {
                if (a === b) continue;
                expect(overlaps(a.labelBox, b.labelBox), `${a.node.name} and ${b.node.name} labels`).toBe(false);
                expect(overlaps(a.labelBox, circleBox(b.center, b.radius)), `${a.node.name} label and ${b.node.name}`).toBe(false);
            }
        }
    });

    test('the goal is at 12 o\'clock and the wheel runs clockwise along its longest reinforcing loop', async () => {
        const [model] = await modelsOf(ring(6));
        const layout = layoutWheel(model);
        const goal = layout.nodes.find(n => n.node.placement === 'goal')!;
        expect(goal.center.x).toBeCloseTo(layout.center.x, 5);
        expect(goal.center.y).toBeLessThan(layout.center.y);
        const d0 = layout.nodes.find(n => n.node.name === 'd0')!;
        // Clockwise on screen: the first driver after the goal is to its right.
        expect(d0.center.x).toBeGreaterThan(goal.center.x);
        expect(wheelOrder(model).map(i => model.nodes[i].name)).toEqual(['g', 'd0', 'd1', 'd2', 'd3', 'd4', 'd5']);
    });

    test('drivers off the wheel stand outside the rim', async () => {
        const [model] = await modelsOf(`${ring(5).slice(0, -1)}
    driver lonely "Lonely"
    driver sink "Sink"
    driver source "Source"
    d2 -> sink
    source -> d3
}`);
        const layout = layoutWheel(model);
        for (const node of layout.nodes.filter(n => n.node.placement === 'off')) {
            const distance = Math.hypot(node.center.x - layout.center.x, node.center.y - layout.center.y);
            expect(distance - node.radius).toBeGreaterThan(layout.wheelRadius + 20);
        }
        expect(layout.nodes.filter(n => n.node.placement === 'off')).toHaveLength(3);
    });

    test('adding a driver to an 8-driver wheel moves each existing node by less than one gap between neighbours', async () => {
        const [before] = await modelsOf(ring(8));
        const [after] = await modelsOf(ring(8).replace('d7 -> g', 'd7 -> d8 -> g').replace('    g -> d0', '    driver d8 "Newcomer"\n    g -> d0'));
        const place = (model: typeof before) => new Map(layoutWheel(model).nodes.map(n => [n.node.name, n.center]));
        const [old, now] = [place(before), place(after)];
        const { wheelRadius } = layoutWheel(before);
        // Nodes are evenly spaced, so a new one shifts each by at most one gap: 2r·sin(π/10) on the new wheel of 10.
        const bound = 2 * wheelRadius * Math.sin(Math.PI / 10);
        const moves = [...old].map(([name, p]) => Math.hypot(now.get(name)!.x - p.x, now.get(name)!.y - p.y));
        expect(Math.max(...moves)).toBeLessThan(bound);
    });

    test('the same text always gives the same layout', async () => {
        const [a] = await modelsOf(ring(9));
        const [b] = await modelsOf(ring(9));
        expect(layoutWheel(a)).toEqual(layoutWheel(b));
    });
});
