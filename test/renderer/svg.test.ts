/** The SVG: well-formed, one element per node and link with stable ids and classes, and every label as text. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { f } from '../../renderer/geometry.js';
import { renderSvg } from '../../renderer/svg.js';
import { hostileFlywheel, XSS_PAYLOADS } from '../support/xss-corpus.js';
import { modelsOf, ring } from './render-helpers.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false });

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Every element in document order, as [tag, attributes, direct text]. */
function elements(svg: string): Array<{ tag: string; attributes: Record<string, string>; text: string }> {
    const found: Array<{ tag: string; attributes: Record<string, string>; text: string }> = [];
    const walk = (nodes: XmlNode[]) => {
        for (const node of nodes) {
            const tag = Object.keys(node).find(key => key !== ':@')!;
            if (tag === '#text') continue;
            const children = node[tag] as XmlNode[];
            const text = children.filter(c => '#text' in c).map(c => String(c['#text'])).join('');
            found.push({ tag, attributes: node[':@'] ?? {}, text });
            walk(children);
        }
    };
    walk(parser.parse(svg) as XmlNode[]);
    return found;
}

const mixed = `flywheel Mixed "Mixed" {
    goal g "Growth"
    cost driver c "Cost"
    quality driver q "Quality"
    driver off "Off the wheel"
    g -> c ~> q -| g
    q -| c
    c -> off
}`;

describe('SVG structure', () => {
    test('is well-formed, with one group per node and per link, stable ids and classes', async () => {
        const [model] = await modelsOf(mixed);
        const svg = renderSvg(model, { standalone: true });
        expect(XMLValidator.validate(svg)).toBe(true);
        const all = elements(svg);
        const nodes = all.filter(e => e.tag === 'g' && e.attributes.id?.startsWith('node-'));
        expect(nodes.map(n => [n.attributes.id, n.attributes.class])).toEqual([
            ['node-g', 'node goal'], ['node-c', 'node wheel cost'], ['node-q', 'node wheel quality'], ['node-off', 'node off']
        ]);
        const links = all.filter(e => e.tag === 'g' && e.attributes.id?.startsWith('link-'));
        expect(links.map(l => [l.attributes.id, l.attributes.class])).toEqual([
            ['link-0', 'link rim reinforcing'], ['link-1', 'link rim reinforcing delayed'], ['link-2', 'link rim dampening'],
            ['link-3', 'link inner dampening'], ['link-4', 'link spoke reinforcing']
        ]);
        expect(links.map(l => [l.attributes['data-source'], l.attributes['data-target']])).toEqual([['g', 'c'], ['c', 'q'], ['q', 'g'], ['q', 'c'], ['c', 'off']]);
    });

    test('dampening links are marked −, delayed ones ‖; kinds are badged; loops are in the legend', async () => {
        const [model] = await modelsOf(mixed);
        const all = elements(renderSvg(model));
        // In link order: c ~> q carries the double bar, q -| g and q -| c a minus each.
        const drawing = all.slice(0, all.findIndex(e => e.attributes.class === 'legend'));
        const marks = drawing.filter(e => e.attributes.class === 'minus' || e.attributes.class === 'delay-mark').map(e => e.text || e.attributes.class);
        expect(marks).toEqual(['delay-mark', '−', '−']);
        expect(drawing.filter(e => e.tag === 'g' && e.attributes.class?.startsWith('badge')).map(e => e.attributes.class)).toEqual(['badge cost', 'badge quality']);
        const legend = all.filter(e => e.attributes.class?.startsWith('loop-id')).map(e => e.text);
        expect(legend).toEqual(model.loops.map(l => l.id));
    });

    test('an off-wheel driver carries its diagnostic as a tooltip', async () => {
        const [model] = await modelsOf(mixed);
        const all = elements(renderSvg(model));
        const offIndex = all.findIndex(e => e.attributes.id === 'node-off');
        expect(all[offIndex + 1].tag).toBe('title');
        expect(all[offIndex + 1].text).toContain("error: 'off' never leads back to the goal 'g'");
    });

    test('a standalone SVG embeds its style with the theme\'s colours, the preview\'s does not', async () => {
        const [model] = await modelsOf(ring(3));
        expect(renderSvg(model, { standalone: true, theme: 'dark' })).toMatch(/<style>[\s\S]*fill: #0d1117/);
        expect(renderSvg(model, { standalone: true, theme: 'dark' })).toContain('class="flywheel theme-dark"');
        expect(renderSvg(model)).not.toContain('<style>');
    });
});

describe('escaping', () => {
    test.each(XSS_PAYLOADS.map(p => [p.length > 60 ? `${p.slice(0, 60)}…` : p, p]))('the hostile text %s comes out as text, never markup', async (_, payload) => {
        const [model] = await modelsOf(hostileFlywheel(payload));
        const svg = renderSvg(model, { standalone: true });
        expect(XMLValidator.validate(svg)).toBe(true);
        const all = elements(svg);
        const vocabulary = new Set(elements(renderSvg((await modelsOf(mixed))[0], { standalone: true })).map(e => e.tag));
        expect(all.map(e => e.tag).filter(tag => !vocabulary.has(tag))).toEqual([]);
        expect(all.flatMap(e => Object.keys(e.attributes)).filter(a => /^on|href$/i.test(a))).toEqual([]);
        // The title shows the text exactly, as text; so does the link's tooltip.
        expect(all.find(e => e.attributes.class === 'title')!.text).toBe(payload);
        expect(all.find(e => e.tag === 'title' && e.text.startsWith('g -> d'))?.text).toBe(`g -> d: ${payload}`);
    });
});

describe('characters XML does not allow', () => {
    // Found by the fuzzer: an editor's text can hold half of a surrogate pair, and one lone half
    // made the whole drawing unreadable to the preview's XML parser.
    test.each([['a control character', 'a\u0001b'], ['a lone high surrogate', 'a\ud83db'], ['a lone low surrogate', 'a\ude00b']])('%s in a label becomes U+FFFD, and the SVG stays well-formed', async (_, label) => {
        const [model] = await modelsOf(`flywheel W "${label}" {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}`);
        const svg = renderSvg(model, { standalone: true });
        expect(svg).not.toContain(label);
        expect(svg).toContain('a\ufffdb');
        expect(XMLValidator.validate(svg)).toBe(true);
    });

    test('a whole surrogate pair (an emoji) is kept', async () => {
        const [model] = await modelsOf('flywheel W "rocket 🚀" {\n    goal g\n    cost quality driver d\n    g -> d -> g\n}');
        expect(renderSvg(model)).toContain('rocket 🚀');
    });
});

describe('coordinates', () => {
    // Written from whole tenths for speed: the text must be what JavaScript prints for the rounded number.
    test.each([
        [0, '0'], [-0, '0'], [0.04, '0'], [-0.04, '0'], [-0.05, '0'], [-0.06, '-0.1'], [0.05, '0.1'], [2.25, '2.3'], [-2.25, '-2.2'],
        [12, '12'], [-12.34, '-12.3'], [639.96, '640'], [-0.96, '-1'], [1234567.89, '1234567.9'], [1e21, '1e+21'], [Number.NaN, 'NaN']
    ])('%d is written %s', (value, text) => {
        expect(f(value)).toBe(text);
    });
});
