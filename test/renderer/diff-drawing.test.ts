/**
 * The visual diff (`flywheel diff OLD NEW --format svg`), read back from its SVG as a reviewer's
 * tool would: every element that shows a change carries `data-change` (the contract's drawing
 * hook) and says what it was; an unchanged or only reformatted wheel is the plain drawing; the
 * nodes both versions share stand where the old drawing had them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { changeOverlay } from '../../core/change-overlay.js';
import { fileSnapshotOf } from '../../language/file-snapshot.js';
import { renderModelsOf } from '../../language/render-model.js';
import { renderChangeSvg } from '../../renderer/diff-drawing.js';
import { renderSvg } from '../../renderer/svg.js';
import { services, validate } from '../language/validation-helpers.js';
import { descendants, drawnNodes, parseSvg, type Point } from './drawing-measures.js';

async function versionOf(text: string) {
    const { document } = await validate(text, 100);
    const analyzer = services.Flywheel.analysis.FlywheelAnalyzer;
    return { snapshot: fileSnapshotOf(document, analyzer).flywheels[0], model: renderModelsOf(document, analyzer)[0] };
}

/** The visual diff of the first flywheel of each text. */
async function drawChange(oldText: string, newText: string): Promise<string> {
    const [before, after] = [await versionOf(oldText), await versionOf(newText)];
    return renderChangeSvg(before.model, after.model, changeOverlay(before.snapshot, after.snapshot), { standalone: true });
}

async function drawPlain(text: string): Promise<string> {
    return renderSvg((await versionOf(text)).model, { standalone: true });
}

type Element = ReturnType<typeof parseSvg>;

/** Every element carrying `data-change`, with what it is about and all its text (tooltip included). */
function changes(svg: string): Array<{ change: string; node?: string; link?: string; loop?: string; text: string; element: Element }> {
    const textOf = (e: Element): string => [e.text, ...e.children.map(textOf)].join(' ').replace(/\s+/g, ' ');
    return descendants(parseSvg(svg)).filter(e => e.attributes['data-change'] !== undefined).map(element => {
        const a = element.attributes;
        return {
            change: a['data-change'],
            node: a['data-node'],
            link: a['data-source'] !== undefined ? `${a['data-source']} ${a['data-target']}` : undefined,
            loop: a['data-loop'],
            text: textOf(element),
            element
        };
    });
}

const SHOP = `flywheel Shop "A shop" {
    goal sales "Sales"
    quality driver reviews "Reviews"
    driver buyers "Buyers"
    cost driver price "Low prices"
    sales -> reviews -> buyers "more buyers" -> sales
    buyers -> price -> sales
}
`;

describe('each kind of change is marked', () => {
    test('a driver added, with its links: marked added, the node and both links', async () => {
        const svg = await drawChange(SHOP, SHOP.replace('    sales -> reviews', '    driver ads "Ads"\n    sales -> ads -> buyers\n    sales -> reviews'));
        const marks = changes(svg);
        expect(marks.find(m => m.node === 'ads')).toMatchObject({ change: 'added' });
        expect(marks.filter(m => m.link).map(m => `${m.link} ${m.change}`).sort()).toEqual(['ads buyers added', 'sales ads added']);
        expect(marks.filter(m => m.node).map(m => m.node)).toEqual(['ads']);
    });

    test('a driver removed: drawn as a ghost, its links too, where the old drawing had them', async () => {
        const newText = SHOP.replace('    cost driver price "Low prices"\n', '').replace('    buyers -> price -> sales\n', '');
        const svg = await drawChange(SHOP, newText);
        const marks = changes(svg);
        expect(marks.find(m => m.node === 'price')).toMatchObject({ change: 'removed' });
        expect(marks.find(m => m.node === 'price')!.text).toContain('removed');
        expect(marks.filter(m => m.link).map(m => `${m.link} ${m.change}`).sort()).toEqual(['buyers price removed', 'price sales removed']);
        const where = (drawing: string) => drawnNodes(parseSvg(drawing)).find(n => n.name === 'price')!.center;
        const goal = (drawing: string) => drawnNodes(parseSvg(drawing)).find(n => n.name === 'sales')!.center;
        const old = await drawPlain(SHOP);
        expect(offset(where(svg), goal(svg))).toEqual(offset(where(old), goal(old)));
    });

    test('a driver renamed: marked renamed, with its old name', async () => {
        const svg = await drawChange(SHOP, renamed(SHOP, 'buyers', 'customers'));
        const marks = changes(svg);
        expect(marks.filter(m => m.node)).toEqual([expect.objectContaining({ node: 'customers', change: 'renamed' })]);
        expect(marks[0].text).toContain('renamed buyers → customers');
        // The links only follow the rename: nothing else changed.
        expect(marks.filter(m => m.link)).toEqual([]);
    });

    test('a driver relabelled, and a link relabelled: marked changed, with the old label', async () => {
        const svg = await drawChange(SHOP, SHOP.replace('"Buyers"', '"Customers"').replace('"more buyers"', '"more customers"'));
        const marks = changes(svg);
        expect(marks.find(m => m.node === 'buyers')).toMatchObject({ change: 'changed' });
        expect(marks.find(m => m.node === 'buyers')!.text).toContain('was “Buyers”');
        expect(marks.find(m => m.link === 'reviews buyers')).toMatchObject({ change: 'changed' });
        expect(marks.find(m => m.link === 'reviews buyers')!.text).toContain('was “more buyers”');
    });

    test('a kind gained and a kind lost: marked changed, saying which', async () => {
        const svg = await drawChange(SHOP, SHOP.replace('cost driver price', 'quality driver price'));
        const mark = changes(svg).find(m => m.node === 'price')!;
        expect(mark.change).toBe('changed');
        expect(mark.text).toContain('now quality');
        expect(mark.text).toContain('no longer cost');
    });

    test('polarity flipped: the link marked changed, saying it was reinforcing; the loop it turns marked too', async () => {
        const svg = await drawChange(SHOP, SHOP.replace('buyers -> price', 'buyers -| price'));
        const marks = changes(svg);
        const link = marks.find(m => m.link === 'buyers price')!;
        expect(link.change).toBe('changed');
        expect(link.text).toContain('was reinforcing');
        // sales -> reviews -> buyers -> price -> sales was R2; now it brakes: B1.
        expect(marks.find(m => m.loop === 'B1')).toMatchObject({ change: 'changed' });
        expect(marks.find(m => m.loop === 'B1')!.text).toContain('was R2');
    });

    test('made delayed: the link marked changed, now delayed', async () => {
        const svg = await drawChange(SHOP, SHOP.replace('price -> sales', 'price ~> sales'));
        const link = changes(svg).find(m => m.link === 'price sales')!;
        expect(link.change).toBe('changed');
        expect(link.text).toContain('now delayed');
    });

    test('a loop gained: its marker and its legend row marked added', async () => {
        const svg = await drawChange(SHOP, SHOP.replace('    buyers -> price -> sales\n', '    buyers -> price -> sales\n    reviews -> sales\n'));
        const marks = changes(svg);
        const gained = marks.filter(m => m.change === 'added');
        expect(gained.some(m => m.loop !== undefined)).toBe(true);
        const row = gained.find(m => m.element.tag === 'text')!;
        expect(row.element.children[0].text).toMatch(/^R\d$/);
        expect(row.text).toContain('Sales → Reviews → Sales (new)');
    });

    test('a loop lost: listed under "Loops lost" in the old version\'s words, marked removed', async () => {
        const svg = await drawChange(SHOP, SHOP.replace('    buyers -> price -> sales\n', ''));
        const rows = changes(svg).filter(m => m.change === 'removed' && m.element.tag === 'text');
        expect(rows.map(row => row.element.children[0].text)).toEqual(['Loops lost', 'R2']);
        expect(rows[1].text.trim()).toBe('Sales → Reviews → Buyers → Low prices → Sales R2');
    });
});

describe('initiatives', () => {
    const withRadar = SHOP.replace('    sales -> reviews', '    initiative radar "Radar"\n    radar -> reviews\n    sales -> reviews');
    const initiativeMarks = (svg: string) => changes(svg).filter(m => m.element.attributes['data-initiative'] !== undefined)
        .map(m => ({ initiative: m.element.attributes['data-initiative'], change: m.change }));

    test('an initiative added: its tag marked added', async () => {
        expect(initiativeMarks(await drawChange(SHOP, withRadar))).toEqual([{ initiative: 'radar', change: 'added' }]);
    });

    test('an initiative re-linked: its tag marked changed, saying what it pushed before', async () => {
        const svg = await drawChange(withRadar, withRadar.replace('radar -> reviews', 'radar -> buyers'));
        expect(initiativeMarks(svg)).toEqual([{ initiative: 'radar', change: 'changed' }]);
        expect(changes(svg).find(m => m.element.attributes['data-initiative'] === 'radar')!.text).toContain('pushed reviews before');
    });

    test('an initiative removed: listed under "Initiatives removed" by its label, marked removed', async () => {
        const svg = await drawChange(withRadar, SHOP);
        const rows = changes(svg).filter(m => m.change === 'removed' && m.element.tag === 'text').map(row => row.text.trim());
        expect(rows).toEqual(['Initiatives removed', 'Radar (radar)']);
    });

    test('an unchanged initiative has no mark, and an otherwise unchanged wheel is the plain drawing', async () => {
        expect(await drawChange(withRadar, withRadar)).toBe(await drawPlain(withRadar));
        expect(initiativeMarks(await drawChange(withRadar, withRadar.replace('"Buyers"', '"Customers"')))).toEqual([]);
    });
});

test('a changed driver that is a single point of failure keeps its failure ring visible inside the change ring', async () => {
    const svg = await drawChange(SHOP, SHOP.replace('"Buyers"', '"Customers"'));
    const group = changes(svg).find(m => m.node === 'buyers')!.element;
    const radius = (className: string) => Number(group.children.find(c => c.attributes.class === className)!.attributes.r);
    expect(radius('change-ring') - radius('failure-ring')).toBeGreaterThanOrEqual(4);
});

describe('no change, no mark', () => {
    test('an unchanged wheel is the plain drawing, byte for byte', async () => {
        const svg = await drawChange(SHOP, SHOP);
        expect(svg).toBe(await drawPlain(SHOP));
        expect(svg).not.toContain('data-change');
    });

    test('a reformatted, recommented, reordered wheel draws as the plain drawing of its new text', async () => {
        const reformatted = '// the shop\nflywheel Shop "A shop" { goal sales "Sales"\n cost   driver price "Low prices"\nquality driver reviews "Reviews" driver buyers "Buyers"\n'
            + 'buyers->price->sales\nsales->reviews->buyers "more buyers"->sales }\n';
        const svg = await drawChange(SHOP, reformatted);
        expect(svg).not.toContain('data-change');
        expect(svg).toBe(await drawPlain(reformatted));
    });
});

/** `from` renamed to `to` in the code, not in the labels. */
function renamed(text: string, from: string, to: string): string {
    return text.split(/("(?:[^"\\]|\\.)*")/).map((part, i) => (i % 2 === 0 ? part.replace(new RegExp(`\\b${from}\\b`, 'g'), to) : part)).join('');
}

function offset(p: Point, from: Point): Point {
    return { x: Math.round((p.x - from.x) * 10) / 10, y: Math.round((p.y - from.y) * 10) / 10 };
}

/**
 * The bound: relative to the goal, every node both versions share is within 0.2 px of where the
 * old version's own drawing put it (the SVG writes coordinates to 0.1 px; the page itself may
 * grow or shift to make room for what was added).
 */
const POSITION_BOUND = 0.2;

const examples = readdirSync('examples').filter(name => name.endsWith('.fly')).sort();

/** The drivers a text declares, in order. */
function driversOf(text: string): string[] {
    return [...text.matchAll(/^\s*(?:(?:cost|quality)\s+)*driver\s+(\w+)/gm)].map(m => m[1]);
}

/** Edits a pull request makes: drivers added with their links, a driver removed with its links, a rename, a flipped link. */
function edits(text: string): Array<[string, string]> {
    const goal = /^\s*goal\s+(\w+)/m.exec(text)![1];
    const [first, second, ...rest] = driversOf(text);
    const last = rest[rest.length - 1];
    const close = text.lastIndexOf('}');
    const withLines = (lines: string) => text.slice(0, close) + lines + text.slice(close);
    const mentions = (line: string, name: string) => renamed(line, name, '\0') !== line;
    const withoutLast = text.split('\n').filter(line => !mentions(line, last)).join('\n');
    return [
        ['a driver added', withLines(`    driver newcomer "A new driver"\n    ${goal} -> newcomer -> ${first}\n`)],
        ['two drivers added', withLines(`    driver extra1 "First extra"\n    driver extra2 "Second extra"\n    ${second} -> extra1 -> extra2 -> ${goal}\n`)],
        ['a driver removed', withoutLast],
        ['a driver renamed', renamed(text, first, 'renamed_driver')],
        ['a link flipped', text.replace(new RegExp(`(^\\s*${goal}\\s*)->`, 'm'), '$1-|')]
    ];
}

describe('the nodes both versions share keep their places', () => {
    test.each(examples)(`%s: within ${POSITION_BOUND} px of the old drawing, for each edit`, async name => {
        const text = readFileSync(join('examples', name), 'utf8');
        const old = drawnNodes(parseSvg(await drawPlain(text)));
        const oldGoal = old[0].center;
        for (const [edit, changed] of edits(text)) {
            const svg = await drawChange(text, changed);
            expect(changes(svg).length, `${edit} is a change`).toBeGreaterThan(0);
            const drawn = drawnNodes(parseSvg(svg));
            const goal = drawn.find(n => n.name === old[0].name)!.center;
            const renamed = (n: string) => (edit === 'a driver renamed' && n === 'renamed_driver' ? driversOf(text)[0] : n);
            const shared = drawn.filter(n => old.some(o => o.name === renamed(n.name)));
            expect(shared.length, edit).toBeGreaterThanOrEqual(old.length - 2);
            for (const node of shared) {
                const was = old.find(o => o.name === renamed(node.name))!;
                const moved = Math.hypot((node.center.x - goal.x) - (was.center.x - oldGoal.x), (node.center.y - goal.y) - (was.center.y - oldGoal.y));
                expect(moved, `${edit}: ${node.name}`).toBeLessThanOrEqual(POSITION_BOUND);
            }
        }
    });

    test('added nodes are placed clear of every other node', async () => {
        for (const name of examples) {
            const text = readFileSync(join('examples', name), 'utf8');
            for (const [edit, changed] of edits(text)) {
                const nodes = drawnNodes(parseSvg(await drawChange(text, changed)));
                for (const [i, a] of nodes.entries()) {
                    for (const b of nodes.slice(i + 1)) {
                        expect(Math.hypot(a.center.x - b.center.x, a.center.y - b.center.y) - a.radius - b.radius, `${name}, ${edit}: ${a.name} and ${b.name}`).toBeGreaterThan(20);
                    }
                }
            }
        }
    });
});
