/**
 * What must show in the drawing, measured on the examples and on generated wheels: few crossing
 * links (from the SVG), every link label drawn, nothing covering anything else, one loop marker
 * per loop inside the region the loop encloses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type Box, layoutWheel, type Layout, MARKER_RADIUS } from '../../renderer/layout.js';
import type { RenderModel } from '../../renderer/model.js';
import { renderSvg } from '../../renderer/svg.js';
import { crossingPairs, descendants, drawnLinks, parseSvg, type Point } from './drawing-measures.js';
import { modelsOf, ring } from './render-helpers.js';

const examples = readdirSync('examples').filter(name => name.endsWith('.fly')).sort();
const modelOf = async (name: string) => (await modelsOf(readFileSync(join('examples', name), 'utf8')))[0];

/**
 * Crossing pairs per clean example: the drawing may never get worse than this. Before this
 * layout (one circle in the order of one loop, other links as chords) they were 1, 0, 1, 8, 1, 1.
 */
const CROSSINGS: Record<string, number> = {
    'airbnb.fly': 0, 'amazon.fly': 0, 'b2b-saas-plg.fly': 0, 'epic-games.fly': 1, 'spotify.fly': 0, 'stripe.fly': 0
};

describe('crossing links, measured from the SVG', () => {
    test('every clean example has a recorded ceiling', () => {
        expect(Object.keys(CROSSINGS).sort()).toEqual(examples);
    });

    test.each(examples)('%s crosses no more than recorded', async name => {
        const pairs = crossingPairs(renderSvg(await modelOf(name)));
        expect(pairs.length, JSON.stringify(pairs)).toBeLessThanOrEqual(CROSSINGS[name]);
    });

    test('at most 4 over all the clean examples (12 before)', async () => {
        let total = 0;
        for (const name of examples) total += crossingPairs(renderSvg(await modelOf(name))).length;
        expect(total).toBeLessThanOrEqual(4);
    });

    test('the measure counts links that cross, not links that only meet at a node they share', () => {
        const node = (name: string, x: number, y: number) => `<g data-node="${name}"><circle class="body" cx="${x}" cy="${y}" r="10"/></g>`;
        const link = (source: string, target: string, d: string) => `<g data-source="${source}" data-target="${target}"><path d="${d}" marker-end="url(#a)"/></g>`;
        const svg = `<svg xmlns="http://www.w3.org/2000/svg">${node('a', 0, 0)}${node('b', 100, 0)}${node('c', 100, 100)}${node('d', 0, 100)}`
            + `${link('a', 'c', 'M 7 7 L 93 93')}${link('b', 'd', 'M 93 7 L 7 93')}${link('a', 'b', 'M 10 0 L 90 0')}${link('c', 'b', 'M 100 90 Q 100 30 92 8')}</svg>`;
        expect(crossingPairs(svg)).toEqual([['a->c', 'b->d']]);
    });
});

describe('link labels', () => {
    test.each(examples)('%s: every labelled link shows its label on the page, the full text in its tooltip', async name => {
        const model = await modelOf(name);
        const root = parseSvg(renderSvg(model));
        const labelled = drawnLinks(root).filter(l => l.label !== undefined);
        expect(labelled.length).toBe(model.links.filter(l => l.label).length);
        for (const link of labelled) {
            const text = descendants(link.group).filter(e => e.attributes.class === 'link-label').flatMap(e => e.children.map(c => c.text)).join(' ');
            expect(text.length, `${link.source} -> ${link.target}`).toBeGreaterThan(0);
            const shown = text.replace(/…$/, '');
            expect(link.label!.replace(/\s+/g, ' ').startsWith(shown.slice(0, 4)), `${text} for ${link.label}`).toBe(true);
            expect(link.group.children.find(c => c.tag === 'title')!.text).toContain(link.label!);
        }
    });
});

/** Wheels like the ones people write: hub-shaped, two loops, 7–12 drivers with chords, long labels. */
const LONG = (i: number) => `Driver ${i} with a rather long label that wraps`;
const generated: Array<[string, string]> = [
    ...[1, 2, 3, 5, 8, 10, 12].map((n): [string, string] => [`a ring of ${n} drivers with long labels`, ring(n, LONG)]),
    ['a hub of 8 drivers', `flywheel Hub "Hub" {\n goal g "Gross merchandise volume in every region"\n${Array.from({ length: 8 }, (_, i) => ` ${i === 0 ? 'cost ' : i === 1 ? 'quality ' : ''}driver h${i} "${LONG(i)}"\n g -> h${i} "goal to ${i}" -> g "back from ${i} to the goal"`).join('\n')}\n}`],
    ['two loops through the goal', `flywheel Two "Two" {\n goal g "Annual recurring revenue"\n cost driver a "${LONG(1)}"\n quality driver b "${LONG(2)}"\n driver c "${LONG(3)}"\n driver d "${LONG(4)}"\n driver e "${LONG(5)}"\n g -> a "fund" -> b "more" -> g "closes"\n g -> c -> d "longer label on this link" -> e -> g\n b -> d "feedback"\n}`],
    ['12 drivers with chords both ways', `${ring(12, LONG).slice(0, -1)}\n    d2 -> d6 "a chord forward"\n    d5 -| d9 "dampens further on"\n    d9 ~> d1 "back, later"\n    d11 -> d8\n}`],
    ['five initiatives on a ring of 6, one pushing nothing, one braking', `${ring(6, LONG).slice(0, -1)}\n${['Launch a podcast network', 'Student discounts', 'Stadium naming rights', 'Raise prices in every market', 'Referral credits']
        .map((label, i) => `    initiative i${i} "${label}"`).join('\n')}\n    i0 -> d1\n    i0 -> d2\n    i1 -> d4\n    i3 -| d0\n    i4 -> d5\n}`],
    ['7 drivers with petals and a side loop', `flywheel Seven "Seven" {\n goal u "Users"\n driver a "${LONG(1)}"\n driver b "${LONG(2)}"\n quality driver c "${LONG(3)}"\n driver d "${LONG(4)}"\n cost driver e "${LONG(5)}"\n driver f "${LONG(6)}"\n driver h "${LONG(7)}"\n u -> c -> d -> h -> a -> b -> u\n c -> f "watch history" -> c "better feed"\n d -> e "cheaper" -> d\n b -> c "more to watch"\n}`]
];

/** A drawn thing as a circle (nodes, badges, marks, arrowheads, markers) or a box (labels). */
interface Thing {
    what: string;
    owner: string;
    circle?: { center: Point; radius: number };
    box?: Box;
}

/** Everything drawn: labels, link labels, nodes, badges, marks, arrowheads and loop markers. */
function things(layout: Layout, model: RenderModel): Thing[] {
    const found: Thing[] = [];
    for (const node of layout.nodes) {
        const name = `node ${node.node.name}`;
        found.push({ what: `${name} circle`, owner: name, circle: { center: node.center, radius: node.radius } });
        found.push({ what: `${name} label`, owner: `${name} label`, box: node.labelBox });
        node.badges.forEach(badge => found.push({ what: `${name} ${badge.kind} badge`, owner: name, circle: { center: badge.at, radius: 6.5 } }));
    }
    for (const link of layout.links) {
        const name = `link ${model.nodes[link.link.source].name}->${model.nodes[link.link.target].name}`;
        // The arrowhead: an 11-pixel triangle ending at the path's end, as a circle round its body.
        const [tip, before] = [link.points[link.points.length - 1], link.points[link.points.length - 2]];
        const length = Math.hypot(tip.x - before.x, tip.y - before.y) || 1;
        const body = { x: tip.x - ((tip.x - before.x) / length) * 5, y: tip.y - ((tip.y - before.y) / length) * 5 };
        found.push({ what: `${name} arrowhead`, owner: name, circle: { center: body, radius: 4.5 } });
        if (link.minus) found.push({ what: `${name} −`, owner: name, circle: { center: link.minus, radius: 4 } });
        if (link.delay) found.push({ what: `${name} ‖`, owner: name, circle: { center: link.delay.at, radius: 5 } });
        if (link.label) found.push({ what: `${name} label`, owner: `${name} label`, box: link.label.box });
    }
    for (const marker of layout.markers) found.push({ what: `marker ${marker.loop.id}`, owner: `marker ${marker.loop.id}`, circle: { center: marker.at, radius: MARKER_RADIUS } });
    for (const tag of layout.initiatives) found.push({ what: `initiative ${tag.initiative.name}`, owner: `initiative ${tag.initiative.name}`, box: tag.box });
    return found;
}

function boxGap(p: Point, box: Box): number {
    return Math.hypot(Math.max(box.x - p.x, 0, p.x - (box.x + box.width)), Math.max(box.y - p.y, 0, p.y - (box.y + box.height)));
}

function overlapping(a: Thing, b: Thing): boolean {
    if (a.circle && b.circle) {
        return Math.hypot(a.circle.center.x - b.circle.center.x, a.circle.center.y - b.circle.center.y) < a.circle.radius + b.circle.radius;
    }
    if (a.circle) return boxGap(a.circle.center, b.box!) < a.circle.radius;
    if (b.circle) return boxGap(b.circle.center, a.box!) < b.circle.radius;
    const [p, q] = [a.box!, b.box!];
    return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
}

function overlapsIn(layout: Layout, model: RenderModel): string[] {
    const all = things(layout, model);
    const found: string[] = [];
    for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
            // A node's badge sits on its own circle, a link's marks on its own line; nothing else may touch.
            if (all[i].owner === all[j].owner) continue;
            // Links meet at a node: arrowheads into one node may touch each other.
            if (all[i].what.endsWith('arrowhead') && all[j].what.endsWith('arrowhead')) continue;
            if (overlapping(all[i], all[j])) found.push(`${all[i].what} / ${all[j].what}`);
        }
    }
    return found;
}

describe('nothing covers anything else', () => {
    test.each(examples)('%s', async name => {
        const model = await modelOf(name);
        expect(overlapsIn(layoutWheel(model), model)).toEqual([]);
    });

    test.each(generated)('%s', async (_, text) => {
        const [model] = await modelsOf(text);
        expect(overlapsIn(layoutWheel(model), model)).toEqual([]);
    });
});

/** The region a loop encloses: its links' paths, end to end, as drawn in the SVG. */
function loopRegion(svg: string, names: string[]): Point[] {
    const links = drawnLinks(parseSvg(svg));
    return names.flatMap((name, i) => {
        const next = names[(i + 1) % names.length];
        const link = links.find(l => l.source === name && l.target === next)!;
        return link.course;
    });
}

function inside(p: Point, polygon: Point[]): boolean {
    let result = false;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
        const [a, b] = [polygon[i], polygon[j]];
        if ((a.y > p.y) !== (b.y > p.y) && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) result = !result;
    }
    return result;
}

describe('loop markers', () => {
    const cases: Array<[string, () => Promise<RenderModel>]> = [
        ...examples.map((name): [string, () => Promise<RenderModel>] => [name, () => modelOf(name)]),
        ...generated.map(([name, text]): [string, () => Promise<RenderModel>] => [name, async () => (await modelsOf(text))[0]])
    ];
    test.each(cases)('%s: each loop through the goal has exactly one marker, inside the region it encloses', async (_, load) => {
        const model = await load();
        const svg = renderSvg(model);
        const markers = descendants(parseSvg(svg)).filter(e => e.attributes['data-loop'] !== undefined);
        expect(markers.map(m => m.attributes['data-loop']).sort()).toEqual(model.loops.map(l => l.id).sort());
        for (const marker of markers) {
            const loop = model.loops.find(l => l.id === marker.attributes['data-loop'])!;
            const dot = marker.children.find(c => c.tag === 'circle')!;
            const at = { x: Number(dot.attributes.cx), y: Number(dot.attributes.cy) };
            expect(inside(at, loopRegion(svg, loop.nodes.map(n => model.nodes[n].name))), `${loop.id} at ${at.x},${at.y}`).toBe(true);
        }
    });
});
