/**
 * `flywheel diff OLD NEW [--format text|markdown|json|svg|png]`: what changed in meaning between two versions of a
 * `.fly` file, in words or drawn (diff-drawing.ts). `-` reads standard input; an empty file or /dev/null is a missing side (the file
 * was added or deleted), as git passes it. With `--git`, the seven (or nine, for a rename)
 * arguments git gives an external diff driver (`diff.flywheel.command`).
 */
import { EXPORT_FORMAT_NAMES, isExportFormat } from '../renderer/export-formats.js';
import { readFileSync, statSync } from 'node:fs';
import { type LangiumDocument, URI } from 'langium';
import type { Model } from '../language/generated/ast.js';
import { fileSnapshotOf } from '../language/file-snapshot.js';
import type { FlywheelCoreServices } from '../language/flywheel-module.js';
import { diffFiles } from '../core/semantic-diff.js';
import type { Theme } from '../renderer/svg.js';
import { parseOptions } from './command.js';
import { type DrawnSide, writeDiffDrawings } from './diff-drawing.js';
import { diffJson, diffMarkdown, diffText } from './diff-report.js';
import { decodeUtf8, readFlyFile, UsageError } from './files.js';
import { formatOf, oneOf } from './render.js';
import { createCliServices } from './workspace.js';
import { writeOut } from './output.js';

/** One version: the name it is shown by, and its text (undefined when the file does not exist there). */
interface Side {
    name: string;
    text?: string;
}

export async function runDiff(args: string[]): Promise<number> {
    const { values, positionals } = parseOptions(args, {
        format: { type: 'string' }, git: { type: 'boolean' }, output: { type: 'string', short: 'o' }, theme: { type: 'string' }
    });
    // `-o shop.png` alone says what to draw.
    const drawsTo = values.output !== undefined && values.output !== '-' && values.format === undefined;
    const format = drawsTo ? formatOf(undefined, values.output) : parseDiffFormat(values.format);
    const drawing = isExportFormat(format);
    if (values.git && drawing) throw new UsageError(`--git prints words for git diff; to draw, run flywheel diff OLD NEW --format ${format}`);
    if (!drawing && (values.output !== undefined || values.theme !== undefined)) {
        throw new UsageError(`${values.output !== undefined ? '-o' : '--theme'} is for the drawings: add ${EXPORT_FORMAT_NAMES.map(f => `--format ${f}`).join(' or ')}`);
    }
    const [old, now] = values.git ? gitSides(positionals) : plainSides(positionals);
    const services = createCliServices();
    const documents = await documentsOf(services, [old, now]);
    if (drawing) {
        const theme = oneOf<Theme>('--theme', values.theme ?? 'light', ['light', 'dark']);
        if (values.output !== undefined && values.output !== '-') formatOf(format, values.output);
        const sides: [DrawnSide, DrawnSide] = [{ name: old.name, document: documents[0] }, { name: now.name, document: documents[1] }];
        return writeDiffDrawings(services, sides, { format, output: values.output, theme });
    }
    const [before, after] = documents.map(document => document && fileSnapshotOf(document, services.analysis.FlywheelAnalyzer));
    const diff = diffFiles(before, after);
    const names = { old: old.text === undefined ? null : old.name, new: now.text === undefined ? null : now.name };
    // git prints one file's report after another: a blank line keeps them apart.
    const separator = values.git ? '\n' : '';
    const report = format === 'json' ? diffJson(diff, names) : format === 'markdown' ? diffMarkdown(diff, titleOf(old, now)) : diffText(diff, titleOf(old, now));
    writeOut(report + separator);
    return 0;
}

/** Plain text by default (a terminal, `git diff` through the driver); Markdown for a pull request or a job summary; SVG or PNG for the picture. */
const DIFF_FORMATS = ['text', 'markdown', 'json', ...EXPORT_FORMAT_NAMES] as const;

function parseDiffFormat(value: string | undefined): (typeof DIFF_FORMATS)[number] {
    if (value === undefined) return 'text';
    if ((DIFF_FORMATS as readonly string[]).includes(value)) return value as (typeof DIFF_FORMATS)[number];
    throw new UsageError(`unknown format '${value}' for --format (expected text, markdown, json, svg or png)`);
}

function plainSides(positionals: string[]): [Side, Side] {
    if (positionals.length !== 2) throw new UsageError('diff takes two files, OLD and NEW (- for standard input; see flywheel --help)');
    const [oldPath, newPath] = positionals;
    if (oldPath === '-' && newPath === '-') throw new UsageError('only one of OLD and NEW can be standard input (-)');
    return [readSide(oldPath, oldPath), readSide(newPath, newPath)];
}

/**
 * git calls `command path old-file old-hex old-mode new-file new-hex new-mode [new-path rename-info]`;
 * its temporary files are shown by the paths in the repository.
 */
function gitSides(positionals: string[]): [Side, Side] {
    if (positionals.length !== 7 && positionals.length !== 9) {
        throw new UsageError(`--git takes the 7 or 9 arguments git passes to an external diff driver, not ${positionals.length}`);
    }
    const [path, oldFile, , , newFile, , , newPath] = positionals;
    return [readSide(oldFile, path), readSide(newFile, newPath ?? path)];
}

/** What a reader sees as the file's name: NEW's, or both when they differ. */
function titleOf(old: Side, now: Side): string {
    const named = [old, now].filter(side => side.name !== '-' && side.text !== undefined).map(side => side.name);
    if (named.length === 2 && named[0] !== named[1]) return `${named[0]} → ${named[1]}`;
    return named[named.length - 1] ?? (now.name === '-' ? 'standard input' : now.name);
}

function readSide(path: string, name: string): Side {
    if (path === '-') {
        const bytes = readFileSync(0);
        return { name, text: bytes.length === 0 ? undefined : decodeUtf8('standard input', bytes) };
    }
    if (isEmptyFile(path)) return { name };
    return { name, text: readFlyFile(path).text };
}

/** /dev/null and empty files stand for a missing side; anything unreadable is left to readFlyFile to report. */
function isEmptyFile(path: string): boolean {
    try {
        const stats = statSync(path);
        return path === '/dev/null' || (stats.isFile() && stats.size === 0);
    } catch {
        return false;
    }
}

/** Both versions parsed and validated by the same services as `flywheel check`. */
async function documentsOf(services: FlywheelCoreServices, sides: Side[]): Promise<Array<LangiumDocument<Model> | undefined>> {
    const factory = services.shared.workspace.LangiumDocumentFactory;
    // Both versions may have the same path, or none (standard input): in-memory addresses keep
    // them two documents, and their extension picks the language.
    const documents = sides.map((side, i) => side.text === undefined
        ? undefined
        : factory.fromString<Model>(side.text, URI.from({ scheme: 'fly-diff', path: i === 0 ? '/old.fly' : '/new.fly' })));
    const present = documents.filter((d): d is LangiumDocument<Model> => d !== undefined);
    for (const document of present) services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build(present, { validation: true });
    return documents;
}
