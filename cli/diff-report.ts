/**
 * `flywheel diff`'s two outputs: Markdown that reads well both in a terminal and pasted into a
 * pull-request comment or a job summary, and JSON with the diff's plain data.
 */
import { type Arrow, isDelayed, signOf } from '../core/analysis/graph.js';
import type { PushInfo } from '../core/initiative-diff.js';
import {
    type Change, type FileDiff, type FlywheelDiff, type LinkInfo, type LoopInfo, type NodeInfo, type WheelStatus
} from '../core/semantic-diff.js';
import { withCommas } from '../core/counting.js';

/** How the report marks code, emphasis and the author's text: Markdown, or plain text for a terminal. */
interface Style {
    heading(text: string): string;
    code(text: string): string;
    strong(text: string): string;
    /** A label, the author's own text. */
    label(text: string): string;
    /** A sentence of the checker's. */
    message(text: string): string;
    warning(text: string): string;
}

const MARKDOWN: Style = {
    heading: text => `### ${text}`,
    code: text => `\`${text}\``,
    strong: text => `**${text}**`,
    label: text => escapeText(text),
    message: text => escapeMessage(text),
    warning: text => `> **Warning:** ${text}`
};

/** What a terminal and `git diff` show: the same sentences, nothing to unescape. */
const PLAIN: Style = {
    heading: text => text,
    code: text => text,
    strong: text => text,
    label: text => text,
    message: text => text,
    warning: text => `Warning: ${text}`
};

export function diffJson(diff: FileDiff, paths: { old: string | null; new: string | null }): string {
    return JSON.stringify({ ...paths, ...diff }, null, 2) + '\n';
}

export function diffMarkdown(diff: FileDiff, title: string): string {
    return diffReport(diff, title, MARKDOWN);
}

export function diffText(diff: FileDiff, title: string): string {
    return diffReport(diff, title, PLAIN);
}

function diffReport(diff: FileDiff, title: string, s: Style): string {
    const sections = diff.flywheels.filter(f => f.status !== 'unchanged').map(f => flywheelSection(f, s));
    const fileBullets = diff.changes.map(c => describeChange(c, s)).filter((line): line is string => line !== undefined).map(bullet);
    const count = sections.reduce((sum, section) => sum + section.bullets, 0) + fileBullets.length;
    const out = [s.heading(`${s.code(title)}: ${headline(diff, count)}`), ''];
    // Appended one by one: an argument spread of a huge diff's lines overflows the stack.
    const append = (lines: string[]) => { for (const line of lines) out.push(line); };
    append(parseWarnings(diff, s));
    for (const section of sections) append([...section.lines, '']);
    if (fileBullets.length > 0) append([...fileBullets, '']);
    return out.join('\n');
}

function headline(diff: FileDiff, count: number): string {
    switch (diff.status) {
        case 'unchanged': return 'no change in meaning';
        case 'added': return 'new file';
        case 'deleted': return 'deleted';
        case 'changed': return `${count} change${count === 1 ? '' : 's'} in meaning`;
    }
}

function parseWarnings(diff: FileDiff, s: Style): string[] {
    const sides = [diff.parses.before === false ? 'the old version' : '', diff.parses.after === false ? 'the new version' : ''].filter(Boolean);
    if (sides.length === 0) return [];
    return [s.warning(`${sides.join(' and ')} does not parse; the comparison uses what could be read.`), ''];
}

function flywheelSection(flywheel: FlywheelDiff, s: Style): { lines: string[]; bullets: number } {
    const label = flywheel.label !== flywheel.name ? ` “${s.label(flywheel.label)}”` : '';
    // A removed flywheel is one change: listing all it had would bury the rest of the review.
    const changes = flywheel.status === 'removed' ? [] : flywheel.changes;
    const bullets = changes.map(c => describeChange(c, s)).filter((line): line is string => line !== undefined).map(bullet);
    const sentence = `${s.strong(`Flywheel ${s.code(flywheel.name)}`)}${label}: ${wheelSentence(flywheel, s)}`;
    return { lines: bullets.length > 0 ? [sentence, '', ...bullets] : [sentence], bullets: Math.max(bullets.length, 1) };
}

/** Whether the wheel closes, before and after, and its loops. */
function wheelSentence({ status, before, after, changes }: FlywheelDiff, s: Style): string {
    if (status === 'removed' || !after) return before ? `removed; its wheel ${before.closes ? 'closed' : 'did not close'}${loopCounts(before, undefined)}.` : 'removed.';
    const loops = loopCounts(after, before);
    if (status === 'added' || !before) return `new; the wheel ${after.closes ? 'closes' : 'does not close'}${loops}.`;
    const closing = before.closes === after.closes
        ? (after.closes ? 'still closes' : 'still does not close')
        : s.strong(after.closes ? 'now closes' : 'no longer closes');
    return `the wheel ${closing}${loops}${after.closes ? newErrors(changes, s) : ''}.`;
}

/** A wheel that still closes may have gained errors (a driver left off it): the sentence says so, as the list below does. */
function newErrors(changes: Change[], s: Style): string {
    const codes = changes.flatMap(c => (c.kind === 'diagnostic-introduced' && c.diagnostic.severity === 'error' ? [c.diagnostic.code] : []));
    if (codes.length === 0) return '';
    const count = `${codes.length} new error${codes.length === 1 ? '' : 's'}`;
    return `, but with ${s.strong(count)} (${[...new Set(codes)].map(code => s.code(code)).join(', ')})`;
}

function loopCounts(after: WheelStatus, before: WheelStatus | undefined): string {
    if (!after.closes && !before?.closes) return '';
    if (!after.complete) {
        const [reinforcing, balancing] = [after.reinforcing, after.balancing].map(withCommas);
        return `: at least ${reinforcing} reinforcing and ${balancing} balancing loop${after.balancing === 1 ? '' : 's'} (the search stopped early; every loop of up to ${after.completeUpTo} links was counted)`;
    }
    const count = (n: number, was: number | undefined, kind: string) => {
        const change = was !== undefined && was !== n && before?.complete ? ` (was ${was})` : '';
        return `${n} ${kind} loop${n === 1 ? '' : 's'}${change}`;
    };
    return `: ${count(after.reinforcing, before?.reinforcing, 'reinforcing')}, ${count(after.balancing, before?.balancing, 'balancing')}`;
}

function bullet(line: string): string {
    return `- ${line}`;
}

/** One line per change; `closing-changed` is said by the flywheel's sentence instead. */
function describeChange(change: Change, s: Style): string | undefined {
    const quoted = (label: string | undefined) => quote(label, s);
    const code = (link: LinkInfo) => s.code(`${link.source} ${link.arrow} ${link.target}`);
    const name = (text: string | undefined) => s.code(String(text));
    switch (change.kind) {
        case 'flywheel-renamed': return `Flywheel renamed: ${name(change.from)} → ${name(change.to)}`;
        case 'flywheel-relabelled': return `Flywheel relabelled: ${quoted(change.from)} → ${quoted(change.to)}`;
        case 'goal-changed': return describeGoalChange(change.from, change.to, s);
        case 'node-added': return `${change.node.role === 'goal' ? 'Extra goal' : 'Driver'} added: ${describeNode(change.node, s)}`;
        case 'node-removed': return `${change.node.role === 'goal' ? 'Extra goal' : 'Driver'} removed: ${describeNode(change.node, s)}`;
        case 'node-renamed': return `${roleWord(change.role)} renamed: ${name(change.from)} → ${name(change.to)}`;
        case 'node-relabelled': return `${roleWord(change.role)} relabelled: ${name(change.name)} ${quoted(change.from)} → ${quoted(change.to)}`;
        case 'kinds-changed': return `Driver ${name(change.name)} ${describeKinds(change.gained, change.lost)}`;
        case 'description-changed': return `Description of ${name(change.name)} ${change.from === undefined ? 'added' : change.to === undefined ? 'removed' : 'changed'}`;
        case 'link-added': return `Link added: ${describeLink(change.link, s)}`;
        case 'link-removed': return `Link removed: ${describeLink(change.link, s)}`;
        case 'link-changed': return `Link changed: ${code(change.from)} is now ${code(change.to)} (${describeArrowChange(change.from.arrow, change.to.arrow)})`;
        case 'link-relabelled': return `Link relabelled: ${code(change.link)} ${quoted(change.from)} → ${quoted(change.to)}`;
        case 'loop-gained': return `Loop gained: ${describeLoop(change.loop, s)}`;
        case 'loop-lost': return `Loop lost: ${describeLoop(change.loop, s)}`;
        case 'loop-changed': return `Loop changed: ${s.code(loopPath(change.to))} ${describeLoopChange(change.from, change.to)}`;
        case 'closing-changed': return undefined;
        case 'diagnostic-introduced': return `New ${change.diagnostic.severity} ${name(change.diagnostic.code)}: ${escapeMessage(change.diagnostic.message)}`;
        case 'diagnostic-resolved': return `Resolved ${change.diagnostic.severity} ${name(change.diagnostic.code)}: ${escapeMessage(change.diagnostic.message)}`;
        case 'initiative-added': return `Initiative added: ${describeInitiative(change.initiative.name, change.initiative.label, s)} ${describePushes(change.initiative.pushes, s)}`
            + (change.initiative.offWheel ? ' (off the wheel)' : '');
        case 'initiative-removed': return `Initiative removed: ${describeInitiative(change.initiative.name, change.initiative.label, s)}`;
        case 'initiative-relabelled': return `Initiative relabelled: ${name(change.name)} ${quoted(change.from)} → ${quoted(change.to)}`;
        case 'initiative-relinked': return `Initiative re-linked: ${name(change.name)} ${describePushes(change.from, s)}; now ${describePushes(change.to, s)}`;
        case 'initiative-off-wheel': return `Initiative now off the wheel: ${name(change.name)} pushes no wheel driver any more`;
    }
}

function describeInitiative(initiativeName: string, label: string, s: Style): string {
    return `${s.code(initiativeName)}${label !== initiativeName ? ` ${quote(label, s)}` : ''}`;
}

/** "pushes `-> a`, `-| b`", or "pushes nothing". */
function describePushes(pushes: PushInfo[], s: Style): string {
    return pushes.length === 0 ? 'pushes nothing' : `pushes ${pushes.map(p => s.code(`${p.arrow} ${p.target}`)).join(', ')}`;
}

function describeGoalChange(from: string | undefined, to: string | undefined, s: Style): string {
    if (from === undefined) return `Goal added: ${s.code(String(to))}`;
    if (to === undefined) return `Goal removed: ${s.code(from)} (the flywheel has no goal now)`;
    return `Goal changed: ${s.code(from)} → ${s.code(to)} (the wheel now turns another goal)`;
}

function roleWord(role: NodeInfo['role']): string {
    return role === 'goal' ? 'Goal' : 'Driver';
}

function describeNode(node: NodeInfo, s: Style): string {
    const label = node.label !== node.name ? ` ${quote(node.label, s)}` : '';
    const kinds = node.kinds.length > 0 ? ` (${node.kinds.join(', ')})` : '';
    return `${s.code(node.name)}${label}${kinds}`;
}

function describeKinds(gained: string[], lost: string[]): string {
    const parts = [...gained.map(kind => `is now a ${kind} driver`), ...lost.map(kind => `is no longer a ${kind} driver`)];
    return parts.join(' and ');
}

function describeLink(link: LinkInfo, s: Style): string {
    const code = s.code(`${link.source} ${link.arrow} ${link.target}`);
    return link.label === undefined ? code : `${code} ${quote(link.label, s)}`;
}

/** `reinforcing → dampening`, `now delayed`, or both. */
function describeArrowChange(from: Arrow, to: Arrow): string {
    const parts: string[] = [];
    if (signOf(from) !== signOf(to)) parts.push(`${polarityWord(from)} → ${polarityWord(to)}`);
    if (isDelayed(from) !== isDelayed(to)) parts.push(isDelayed(to) ? 'now delayed' : 'no longer delayed');
    return parts.join(', ');
}

function polarityWord(arrow: Arrow): string {
    return signOf(arrow) > 0 ? 'reinforcing' : 'dampening';
}

function describeLoopChange(from: LoopInfo, to: LoopInfo): string {
    const parts: string[] = [];
    if (from.polarity !== to.polarity) parts.push(`is now ${to.polarity} (was ${from.id}, now ${to.id})`);
    if (from.delayed !== to.delayed) parts.push(`${parts.length > 0 ? '' : `(${to.id}) `}is ${to.delayed ? 'now delayed' : 'no longer delayed'}`);
    return parts.join(' and ');
}

function describeLoop(loop: LoopInfo, s: Style): string {
    return `${loopId(loop)} ${s.code(loopPath(loop))}`;
}

function loopId(loop: LoopInfo): string {
    return `${loop.id} (${loop.polarity}${loop.delayed ? ', delayed' : ''})`;
}

/** `growth -> a -| b -> growth`: the loop in the language's own notation. */
function loopPath(loop: LoopInfo): string {
    return [...loop.nodes.map((node, i) => `${node} ${loop.arrows[i]} `), loop.nodes[0]].join('');
}

function quote(label: string | undefined, s: Style): string {
    return label === undefined ? '(no label)' : `“${s.label(label)}”`;
}

/**
 * Labels are the author's plain text: characters that Markdown (GitHub's included) would turn
 * into formatting, links or HTML are escaped; `_` inside a word never formats and is left alone.
 */
function escapeText(text: string): string {
    return text.replace(/[\\`*<[\]]|(?<!\w)_|_(?!\w)/g, char => `\\${char}`);
}

/**
 * Messages are the checker's own sentences: names, arrows (`->`, `-|`) and code in backticks,
 * meant to show as they are; only `<`, which could open HTML, is escaped.
 */
function escapeMessage(text: string): string {
    return text.replace(/</g, '\\<');
}
