/**
 * `flywheel report FILE [--format markdown|json]`: the pressure test for a planning review. Per
 * flywheel: the loops through the goal, the single points of failure, what each driver's failure
 * leaves turning, the initiatives ranked by the loops they feed, the ones to say no to, the ones
 * that brake the wheel, and the wheel drivers no initiative pushes. Exit codes as `flywheel check`:
 * 0 no errors, 1 errors (a file whose text does not parse, or with unknown names, gets its errors
 * on standard error and no report: its wheel cannot be tested), 2 bad usage or unreadable input.
 */
import { flywheelReport, type FlywheelReport, type ReportedInitiative } from '../core/pressure-report.js';
import { parseOptions, useColor } from './command.js';
import { readFlyFile, UsageError } from './files.js';
import { formatHuman, sortFindings, toFinding } from './report.js';
import { oneOf } from './render.js';
import { createCliServices, loadFiles } from './workspace.js';
import { writeErr, writeOut } from './output.js';

const FORMATS = ['markdown', 'json'] as const;
type ReportFormat = (typeof FORMATS)[number];

/** Loops listed in Markdown; JSON lists every one. */
const MARKDOWN_LOOPS = 20;

export async function runReport(args: string[]): Promise<number> {
    const { values, positionals } = parseOptions(args, { format: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('report takes one file (see flywheel --help)');
    const format = oneOf<ReportFormat>('--format', values.format ?? 'markdown', FORMATS);
    const file = readFlyFile(positionals[0]);
    const services = createCliServices();
    const [{ document }] = await loadFiles(services, [file]);
    const findings = sortFindings((document.diagnostics ?? []).map(toFinding));
    const errors = findings.filter(f => f.severity === 'error');
    const validator = services.validation.FlywheelValidator;
    const flywheels = document.parseResult.value.flywheels;
    if (!flywheels.every(flywheel => validator.isReadyForWheelRules(flywheel)) || document.parseResult.parserErrors.length > 0) {
        writeErr(formatHuman([{ path: file.path, text: file.text, findings: errors }], { color: useColor() }));
        writeErr(`flywheel: no pressure test for '${file.path}' until its text parses and every name is declared\n`);
        return 1;
    }
    const analyzer = services.analysis.FlywheelAnalyzer;
    const reports = flywheels.map(flywheel => {
        const { graph, analysis } = analyzer.analyze(flywheel);
        return flywheelReport(graph, analysis, analyzer.pressure(flywheel));
    });
    const counts = { errors: errors.length, warnings: findings.filter(f => f.severity === 'warning').length };
    writeOut(format === 'json'
        ? JSON.stringify({ path: file.path, flywheels: reports, diagnostics: counts }, null, 2) + '\n'
        : reportMarkdown(file.path, reports, counts));
    return errors.length > 0 ? 1 : 0;
}

function reportMarkdown(path: string, reports: FlywheelReport[], counts: { errors: number; warnings: number }): string {
    const checks = counts.errors + counts.warnings === 0
        ? '`flywheel check` finds no problem.'
        : `\`flywheel check\` finds ${plural(counts.errors, 'error')} and ${plural(counts.warnings, 'warning')}: run it for the details.`;
    const body = reports.length === 0 ? ['No flywheel in this file.'] : reports.flatMap(flywheelMarkdown);
    return [`# Pressure test: \`${path}\``, '', checks, '', ...body].join('\n').replace(/\n+$/, '\n');
}

function flywheelMarkdown(report: FlywheelReport): string[] {
    const title = `## ${text(report.label)}${report.label === report.name ? '' : ` (\`${report.name}\`)`}`;
    if (report.goal === null) return [title, '', 'No goal, so no wheel to test.', ''];
    const reinforcing = report.loops.filter(l => l.polarity === 'reinforcing').length;
    if (report.loops.length === 0) return [title, '', `No loop passes through the goal \`${report.goal}\`: there is no wheel to test yet.`, ''];
    const atLeast = report.loopsComplete ? '' : 'at least ';
    return [
        title, '',
        `Goal \`${report.goal}\`: ${atLeast}${plural(report.loops.length, 'loop')} through it, ${reinforcing} reinforcing.`
            + (report.loopsComplete ? '' : ' The loop search stopped early: the loops listed are the ones found.'),
        '',
        ...loopsSection(report),
        ...failureSection(report),
        ...driversSection(report),
        ...initiativesSection(report)
    ];
}

function loopsSection(report: FlywheelReport): string[] {
    const rows = report.loops.slice(0, MARKDOWN_LOOPS).map(loop => {
        const steps = loop.path.slice(1).map((name, i) => ` ${loop.arrows[i]} ${name}`).join('');
        return `| ${loop.id} | ${loop.polarity}${loop.delayed ? ', delayed' : ''} | \`${loop.path[0]}${steps}\` |`;
    });
    const more = report.loops.length > MARKDOWN_LOOPS ? [`\n…and ${report.loops.length - MARKDOWN_LOOPS} more (\`--format json\` lists them all).`] : [];
    return ['### Loops through the goal', '', '| loop | kind | path |', '|---|---|---|', ...rows, ...more, ''];
}

function failureSection(report: FlywheelReport): string[] {
    const lines = report.singlePointsOfFailure.map(name => {
        const driver = report.drivers.find(d => d.name === name)!;
        return `- **${text(driver.label)}** (\`${name}\`): if it fails, ${driver.loops.join(', ')} stop${driver.loops.length === 1 ? 's' : ''} and no reinforcing loop keeps the wheel turning.`;
    });
    const reinforcing = report.loops.some(l => l.polarity === 'reinforcing');
    const none = !reinforcing
        ? 'None to find: no reinforcing loop passes through the goal.'
        : 'None: whichever driver fails, a reinforcing loop keeps the wheel turning.';
    return ['### Single points of failure', '', ...(lines.length > 0 ? lines : [none]), ''];
}

function driversSection(report: FlywheelReport): string[] {
    const rows = report.drivers.map(driver => {
        const ifItFails = driver.singlePointOfFailure === true ? '**the wheel stops**'
            : driver.singlePointOfFailure === null ? 'every listed reinforcing loop stops'
                : driver.survivingLoops.length === 0 ? 'no reinforcing loop was turning' : `${driver.survivingLoops.join(', ')} keep${driver.survivingLoops.length === 1 ? 's' : ''} turning`;
        const kinds = driver.kinds.length > 0 ? ` ${driver.kinds.join(', ')}` : '';
        return `| ${text(driver.label)} (\`${driver.name}\`)${kinds} | ${driver.loops.join(', ') || '—'} | ${ifItFails} | ${driver.pushedBy.map(n => `\`${n}\``).join(', ') || '—'} |`;
    });
    return ['### If a driver fails', '', '| driver | on loops | if it fails | pushed by |', '|---|---|---|---|', ...rows, ''];
}

function initiativesSection(report: FlywheelReport): string[] {
    if (report.initiatives.length === 0) {
        return ['### Initiatives', '', 'None declared: add `initiative name "Label"` and link it to the drivers it pushes to see its leverage.', ''];
    }
    const onWheel = report.initiatives.filter(i => !i.offWheel);
    const rows = onWheel.map(initiative => `| ${initiative.rank} | ${text(initiative.label)} (\`${initiative.name}\`) | ${pushesOf(initiative)} | `
        + `${initiative.leverage === 0 ? 'no reinforcing loop' : `${plural(initiative.leverage, 'loop')}: ${initiative.feeds.join(', ')}`} |`);
    const ranked = onWheel.length === 0 ? [] : ['| rank | initiative | pushes | feeds |', '|---|---|---|---|', ...rows, ''];
    const sayNo = report.initiatives.filter(i => i.offWheel).map(initiative => `- ${text(initiative.label)} (\`${initiative.name}\`): `
        + (initiative.pushes.length === 0 ? 'pushes nothing.' : `pushes only what is off the wheel (${[...new Set(initiative.pushes.map(p => `\`${p.target}\``))].join(', ')}).`));
    const brakes = report.initiatives.flatMap(initiative => initiative.brakes.map(brake =>
        `- ${text(initiative.label)} (\`${initiative.name}\`) dampens \`${brake.target}\`, braking ${brake.loops.join(', ')}.`));
    return [
        '### Initiatives, by leverage', '', ...ranked,
        ...(sayNo.length > 0 ? ['### Say no: initiatives off the wheel', '', ...sayNo, ''] : []),
        ...(brakes.length > 0 ? ['### Initiatives that brake the wheel', '', ...brakes, ''] : []),
        '### Wheel drivers no initiative pushes', '',
        ...(report.unpushed.length > 0 ? report.unpushed.map(name => `- \`${name}\``) : ['None: every wheel driver has an initiative behind it.']), ''
    ];
}

function pushesOf(initiative: ReportedInitiative): string {
    return initiative.pushes.map(push => `\`${push.arrow} ${push.target}\``).join(', ');
}

/** Author text inside Markdown: no markup, no table breaks, no line breaks. */
function text(value: string): string {
    return value.replace(/[\\`*_[\]<>|#]/g, char => `\\${char}`).replace(/[\r\n\u2028\u2029]+/g, ' ');
}

function plural(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
