/**
 * Measures taken from the SVG text itself, as a reviewer's tool would take them: which links
 * cross, where the nodes, labels, marks and arrowheads are. Nothing here asks the layout.
 */
import { XMLParser } from 'fast-xml-parser';
import { svgPathProperties } from 'svg-path-properties';
import type { Box, Point } from '../../renderer/geometry.js';

export type { Box, Point };

interface Element {
    tag: string;
    attributes: Record<string, string>;
    children: Element[];
    text: string;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false });

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

export function parseSvg(svg: string): Element {
    const convert = (nodes: XmlNode[]): Element[] => nodes.flatMap(node => {
        const tag = Object.keys(node).find(key => key !== ':@')!;
        if (tag === '#text') return [];
        const children = node[tag] as XmlNode[];
        return [{ tag, attributes: node[':@'] ?? {}, children: convert(children), text: children.filter(c => '#text' in c).map(c => String(c['#text'])).join('') }];
    });
    return convert(parser.parse(svg) as XmlNode[]).find(e => e.tag === 'svg')!;
}

export function descendants(element: Element): Element[] {
    return element.children.flatMap(child => [child, ...descendants(child)]);
}

export interface DrawnNode {
    name: string;
    center: Point;
    radius: number;
    group: Element;
}

export interface DrawnLink {
    source: string;
    target: string;
    label?: string;
    /** The link's path, sampled every few pixels. */
    course: Point[];
    group: Element;
}

export function drawnNodes(svg: Element): DrawnNode[] {
    return descendants(svg).filter(e => e.tag === 'g' && e.attributes['data-node'] !== undefined).map(group => {
        const circle = descendants(group).find(e => e.tag === 'circle' && e.attributes.class === 'body')!;
        return { name: group.attributes['data-node'], center: { x: Number(circle.attributes.cx), y: Number(circle.attributes.cy) }, radius: Number(circle.attributes.r), group };
    });
}

export function drawnLinks(svg: Element): DrawnLink[] {
    return descendants(svg).filter(e => e.tag === 'g' && e.attributes['data-source'] !== undefined).map(group => {
        const path = descendants(group).find(e => e.tag === 'path' && e.attributes['marker-end'] !== undefined)!;
        return { source: group.attributes['data-source'], target: group.attributes['data-target'], label: group.attributes['data-label'], course: sample(path.attributes.d), group };
    });
}

function sample(d: string, step = 3): Point[] {
    const properties = new svgPathProperties(d);
    const length = properties.getTotalLength();
    const count = Math.max(2, Math.ceil(length / step));
    return Array.from({ length: count + 1 }, (_, i) => properties.getPointAtLength((length * i) / count));
}

// Its own segment intersection, not the renderer's: a bug there must not hide itself here.
function segmentCrossing(a: Point, b: Point, c: Point, d: Point): Point | undefined {
    const r = { x: b.x - a.x, y: b.y - a.y };
    const s = { x: d.x - c.x, y: d.y - c.y };
    const denominator = r.x * s.y - r.y * s.x;
    if (Math.abs(denominator) < 1e-9) return undefined;
    const t = ((c.x - a.x) * s.y - (c.y - a.y) * s.x) / denominator;
    const u = ((c.x - a.x) * r.y - (c.y - a.y) * r.x) / denominator;
    if (t < 0 || t > 1 || u < 0 || u > 1) return undefined;
    return { x: a.x + t * r.x, y: a.y + t * r.y };
}

/**
 * Pairs of links whose paths intersect away from a node they share (more than the node's radius
 * and a margin from its centre): the crossings a reader's eye has to untangle.
 */
export function crossingPairs(svg: string, margin = 14): Array<[string, string]> {
    const root = parseSvg(svg);
    const nodes = new Map(drawnNodes(root).map(n => [n.name, n]));
    const links = drawnLinks(root);
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < links.length; i++) {
        for (let j = i + 1; j < links.length; j++) {
            const [a, b] = [links[i], links[j]];
            const shared = [a.source, a.target].filter(n => n === b.source || n === b.target).map(n => nodes.get(n)!);
            const away = (p: Point) => shared.every(n => Math.hypot(p.x - n.center.x, p.y - n.center.y) > n.radius + margin);
            if (crosses(a.course, b.course, away)) pairs.push([`${a.source}->${a.target}`, `${b.source}->${b.target}`]);
        }
    }
    return pairs;
}

function crosses(a: Point[], b: Point[], counts: (p: Point) => boolean): boolean {
    for (let i = 0; i + 1 < a.length; i++) {
        for (let k = 0; k + 1 < b.length; k++) {
            const at = segmentCrossing(a[i], a[i + 1], b[k], b[k + 1]);
            if (at && counts(at)) return true;
        }
    }
    return false;
}

export interface DrawnInitiative {
    name: string;
    /** The tag's rectangle. */
    box: Box;
    /** Its pointers: the node each points at, and the path's ends. */
    pointers: Array<{ target: string; from: Point; to: Point; className: string }>;
    group: Element;
}

export function drawnInitiatives(svg: Element): DrawnInitiative[] {
    return descendants(svg).filter(e => e.tag === 'g' && e.attributes['data-initiative'] !== undefined).map(group => {
        const rect = descendants(group).find(e => e.tag === 'rect')!;
        const [x, y, width, height] = ['x', 'y', 'width', 'height'].map(a => Number(rect.attributes[a]));
        const box = { x, y, width, height };
        const pointers = descendants(group).filter(e => e.tag === 'path' && e.attributes['data-target'] !== undefined).map(path => {
            const course = sample(path.attributes.d);
            return { target: path.attributes['data-target'], from: course[0], to: course[course.length - 1], className: path.attributes.class };
        });
        return { name: group.attributes['data-initiative'], box, pointers, group };
    });
}
