/**
 * Initiatives and single points of failure in the drawing, measured from the SVG: each initiative
 * is a small tag outside the rim pointing at what it pushes, covering no node and no other tag;
 * the drivers the wheel hangs on are ringed; links and nodes name their loops for the preview.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { layoutWheel } from '../../renderer/layout.js';
import { renderSvg } from '../../renderer/svg.js';
import { type Box, descendants, drawnInitiatives, drawnLinks, drawnNodes, parseSvg, type Point } from './drawing-measures.js';
import { modelsOf, ring } from './render-helpers.js';

const LONG = (i: number) => `Driver ${i} with a rather long label that wraps`;
const CASES: Array<[string, string]> = [
    ...['spotify', 'amazon', 'epic-games', 'b2b-saas-plg', 'airbnb', 'stripe', 'planning/say-no'].map((name): [string, string] => [name, readFileSync(`examples/${name}.fly`, 'utf8')]),
    ['eight initiatives crowding one driver of a ring of 10', `${ring(10, LONG).slice(0, -1)}\n${Array.from({ length: 8 }, (_, i) => `    initiative i${i} "Initiative number ${i} with a label"\n    i${i} -> d3`).join('\n')}\n}`],
    ['initiatives pushing drivers on both sides of the wheel', `${ring(7, LONG).slice(0, -1)}\n    initiative wide "Pushes everything"\n    wide -> d0\n    wide -> d3\n    wide -> d6\n    initiative idle "Nothing at all"\n}`]
];

function gap(p: Point, box: Box): number {
    return Math.hypot(Math.max(box.x - p.x, 0, p.x - (box.x + box.width)), Math.max(box.y - p.y, 0, p.y - (box.y + box.height)));
}

function boxesOverlap(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('initiative tags', () => {
    test.each(CASES)('%s: one tag per initiative, outside the rim, pointing at each node it pushes', async (_, text) => {
        const [model] = await modelsOf(text);
        const root = parseSvg(renderSvg(model));
        const nodes = new Map(drawnNodes(root).map(n => [n.name, n]));
        const rim = descendants(root).find(e => e.attributes.class === 'wheel-rim')!;
        const [cx, cy, r] = ['cx', 'cy', 'r'].map(a => Number(rim.attributes[a]));
        const tags = drawnInitiatives(root);
        expect(tags.map(t => t.name)).toEqual(model.initiatives.map(i => i.name));
        for (const tag of tags) {
            const initiative = model.initiatives.find(i => i.name === tag.name)!;
            // Outside the rim's band (12 wide): its nearest point farther from the centre than the band's outer edge.
            expect(gap({ x: cx, y: cy }, tag.box), tag.name).toBeGreaterThan(r + 6);
            expect(tag.pointers.map(p => p.target)).toEqual(initiative.pushes.map(p => model.nodes[p.target].name));
            for (const pointer of tag.pointers) {
                const node = nodes.get(pointer.target)!;
                // From the tag's edge to just outside the node's circle.
                expect(gap(pointer.from, tag.box), `${tag.name} -> ${pointer.target}`).toBeLessThan(0.5);
                expect(Math.hypot(pointer.to.x - node.center.x, pointer.to.y - node.center.y)).toBeCloseTo(node.radius + 4, 0);
            }
        }
    });

    test.each(CASES)('%s: no tag covers a node, a label, a link label or another tag', async (_, text) => {
        const [model] = await modelsOf(text);
        const root = parseSvg(renderSvg(model));
        const tags = drawnInitiatives(root);
        const layout = layoutWheel(model);
        const labels = [...layout.nodes.map(n => n.labelBox), ...layout.links.flatMap(l => (l.label ? [l.label.box] : []))];
        for (const tag of tags) {
            for (const node of drawnNodes(root)) expect(gap(node.center, tag.box), `${tag.name} on ${node.name}`).toBeGreaterThan(node.radius);
            for (const label of labels) expect(boxesOverlap(tag.box, label), `${tag.name} on a label`).toBe(false);
            for (const other of tags) if (other !== tag) expect(boxesOverlap(tag.box, other.box), `${tag.name} on ${other.name}`).toBe(false);
        }
    });

    test('one off the wheel is drawn as one to say no to; one that dampens a driver as a brake', async () => {
        const [model] = await modelsOf(readFileSync('examples/planning/say-no.fly', 'utf8'));
        const stadium = drawnInitiatives(parseSvg(renderSvg(model))).find(t => t.name === 'stadium')!;
        expect(stadium.group.attributes.class).toBe('initiative off-wheel');
        expect(stadium.group.children.find(c => c.tag === 'title')!.text).toContain('off the wheel: say no to it');
        const [rides] = await modelsOf(readFileSync('examples/broken/initiative-brakes-wheel.fly', 'utf8'));
        const surge = drawnInitiatives(parseSvg(renderSvg(rides))).find(t => t.name === 'surge')!;
        expect(surge.group.attributes.class).toBe('initiative brakes');
        expect(surge.pointers[0].className).toBe('pointer dampening');
    });
});

describe('single points of failure and loop hooks', () => {
    test('the drivers on every reinforcing loop through the goal are ringed, and only those', async () => {
        // R1: g -> a -> b -> g, R2: g -> a -> c -> g: a is on both.
        const [model] = await modelsOf('flywheel W {\n    goal g\n    cost driver a\n    quality driver b\n    driver c\n    g -> a -> b -> g\n    a -> c -> g\n}');
        const root = parseSvg(renderSvg(model));
        const ringed = drawnNodes(root).filter(n => descendants(n.group).some(e => e.attributes.class === 'failure-ring')).map(n => n.name);
        expect(ringed).toEqual(['a']);
        expect(drawnNodes(root).find(n => n.name === 'a')!.group.attributes.class).toContain('single-point');
    });

    test('each link and node names the loops through the goal it is on', async () => {
        const [model] = await modelsOf('flywheel W {\n    goal g\n    cost driver a\n    quality driver b\n    driver c\n    g -> a -> b -> g\n    a -> c -> g\n}');
        const root = parseSvg(renderSvg(model));
        const loops = Object.fromEntries(drawnLinks(root).map(l => [`${l.source}->${l.target}`, l.group.attributes['data-loops']]));
        expect(loops).toEqual({ 'g->a': 'R1 R2', 'a->b': 'R1', 'b->g': 'R1', 'a->c': 'R2', 'c->g': 'R2' });
        expect(Object.fromEntries(drawnNodes(root).map(n => [n.name, n.group.attributes['data-loops']]))).toEqual({ g: 'R1 R2', a: 'R1 R2', b: 'R1', c: 'R2' });
    });
});
