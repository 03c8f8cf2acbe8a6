/**
 * What must hold for every input, whatever it is: the parser and checker never throw; no editor
 * feature throws (outline, folding, semantic tokens, hover, completion, definition, references,
 * rename, quick fixes); the formatter keeps the meaning and every
 * comment and is idempotent on text that parses, and Format Selection changes only the lines
 * selected; `flywheel diff`'s reports never throw and a text
 * compared with itself is unchanged; every drawing is well-formed XML; no diagnostic message
 * shows an internal word (`undefined`, `null`, `EOF`, `offset`, `[object`, `NaN`) the input did
 * not itself contain.
 */
import { EmptyFileSystem, type LangiumDocument, TextDocument, URI } from 'langium';
import { XMLValidator } from 'fast-xml-parser';
import type { Position } from 'vscode-languageserver';
import type { Model } from '../../language/generated/ast.js';
import { createFlywheelServices } from '../../language/flywheel-lsp-module.js';
import { messageOf } from '../../language/diagnostic-codes.js';
import { fileSnapshotOf } from '../../language/file-snapshot.js';
import { type FlywheelFormatter, formatText } from '../../language/lsp/flywheel-formatter.js';
import { meaningOf } from '../../language/model-meaning.js';
import { renderModelsOf } from '../../language/render-model.js';
import { diffFiles } from '../../core/semantic-diff.js';
import { diffJson, diffMarkdown } from '../../cli/diff-report.js';
import { renderSvg } from '../../renderer/svg.js';
import { Random } from '../support/seeded-random.js';

export interface Finding {
    property: string;
    message: string;
}

const { shared, Flywheel } = createFlywheelServices(EmptyFileSystem);
let documentCount = 0;

/** Parses and checks `text` as the language server does, in a document of its own (removed by `forgetDocuments`). */
async function checked(text: string): Promise<LangiumDocument<Model>> {
    const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.file(`/fuzz/${documentCount++}.fly`));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}

/** Removes every document the way the server does when files go, so a long run's memory stays flat. */
async function forgetDocuments(): Promise<void> {
    await shared.workspace.DocumentBuilder.update([], shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray());
}

const INTERNAL_WORDS = ['undefined', 'null', 'EOF', 'offset', '[object', 'NaN'];

/** A message that shows the author one of the implementation's words (unless the author wrote it). */
function internalWordIn(document: LangiumDocument, text: string): string | undefined {
    for (const message of (document.diagnostics ?? []).map(messageOf)) {
        const word = INTERNAL_WORDS.find(w => message.includes(w) && !text.includes(w));
        if (word) return `a message shows '${word}': ${message}`;
    }
    return undefined;
}

function parses(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length === 0;
}

/** Runs `property`, turning anything it throws into a finding. */
async function holds(findings: Finding[], property: string, check: () => Promise<string | undefined> | string | undefined): Promise<void> {
    try {
        const problem = await check();
        if (problem) findings.push({ property, message: problem });
    } catch (error) {
        findings.push({ property, message: `threw ${error instanceof Error ? error.stack ?? error.message : String(error)}` });
    }
}

/** Every property, on one input; `base` is the text it was mutated from (the other side of a diff). */
export async function checkInput(text: string, base: string, seedForPositions = 0): Promise<{ findings: Finding[]; parses: boolean }> {
    try {
        return await checkAll(text, base, seedForPositions);
    } finally {
        await forgetDocuments();
    }
}

async function checkAll(text: string, base: string, seedForPositions: number): Promise<{ findings: Finding[]; parses: boolean }> {
    const findings: Finding[] = [];
    let document: LangiumDocument<Model> | undefined;
    await holds(findings, 'parse and check', async () => {
        document = await checked(text);
        const internal = (document.diagnostics ?? []).map(messageOf).find(message => /An error occurred/i.test(message));
        return internal && `the checker failed inside: ${internal}`;
    });
    if (!document) return { findings, parses: false };
    const doc = document;
    await holds(findings, 'messages in the author\'s words', () => internalWordIn(doc, text));
    await holds(findings, 'editor features', () => editorFeaturesHold(doc, new Random(seedForPositions)));
    await holds(findings, 'formatter', () => formatterHolds(doc));
    await holds(findings, 'range formatter', () => rangeFormatterHolds(doc, new Random(seedForPositions + 1)));
    await holds(findings, 'diff', () => diffHolds(doc, base));
    await holds(findings, 'render', () => renderingHolds(doc));
    return { findings, parses: parses(doc) };
}

/**
 * Every editor feature the server offers: the whole-document ones (outline, folding, semantic
 * tokens), those at a position (hover, completion, definition, references, rename) at a few
 * places, and every quick fix offered for every diagnostic.
 */
async function editorFeaturesHold(document: LangiumDocument<Model>, random: Random): Promise<undefined> {
    const textDocument = { uri: document.uri.toString() };
    const lsp = Flywheel.lsp;
    await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument });
    await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument });
    await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument });
    const length = document.textDocument.getText().length;
    for (let i = 0; i < 3; i++) {
        const position: Position = document.textDocument.positionAt(random.below(length + 1));
        await lsp.HoverProvider!.getHoverContent(document, { textDocument, position });
        await lsp.CompletionProvider!.getCompletion(document, { textDocument, position });
        await lsp.DefinitionProvider!.getDefinition(document, { textDocument, position });
        await lsp.ReferencesProvider!.findReferences(document, { textDocument, position, context: { includeDeclaration: true } });
        if (await lsp.RenameProvider!.prepareRename(document, { textDocument, position })) {
            await lsp.RenameProvider!.rename(document, { textDocument, position, newName: 'renamed_by_fuzz' });
        }
    }
    for (const diagnostic of document.diagnostics ?? []) {
        await Flywheel.lsp.CodeActionProvider!.getCodeActions(document, { textDocument, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    }
    return undefined;
}

async function formatterHolds(document: LangiumDocument<Model>): Promise<string | undefined> {
    const formatter = Flywheel.lsp.Formatter as FlywheelFormatter;
    const once = await formatText(formatter, document);
    if (!parses(document)) return once === document.textDocument.getText() ? undefined : 'changed a text that does not parse';
    const formatted = await checked(once);
    if (!parses(formatted)) return `the formatted text does not parse: ${formatted.parseResult.parserErrors[0]?.message ?? formatted.parseResult.lexerErrors[0]?.message}`;
    if (meaningOf(formatted.parseResult.value) !== meaningOf(document.parseResult.value)) return 'formatting changed the meaning or a comment';
    const twice = await formatText(formatter, formatted);
    return twice === once ? undefined : `not idempotent: a second pass changed ${firstDifference(once, twice)}`;
}

/**
 * Format Selection on a few random line ranges: it changes nothing outside the lines selected,
 * and keeps the meaning and every comment when the text parses (on text that does not, the
 * formatter's own token check throws rather than hand out a changing edit).
 */
async function rangeFormatterHolds(document: LangiumDocument<Model>, random: Random): Promise<string | undefined> {
    const formatter = Flywheel.lsp.Formatter as FlywheelFormatter;
    const lines = document.textDocument.getText().split(/\r\n|\r|\n/);
    for (let i = 0; i < 3; i++) {
        const first = random.below(lines.length);
        const last = first + random.below(Math.min(4, lines.length - first));
        const range = { start: { line: first, character: 0 }, end: { line: last, character: lines[last].length } };
        const options = { tabSize: 2, insertSpaces: false };
        const edits = await formatter.formatDocumentRange(document, { textDocument: { uri: document.uri.toString() }, options, range });
        const formatted = TextDocument.applyEdits(document.textDocument, edits);
        const after = formatted.split(/\r\n|\r|\n/);
        const grown = after.length - lines.length;
        const outside = (a: string[], from: number, to: number) => [...a.slice(0, from), ...a.slice(to + 1)];
        if (JSON.stringify(outside(after, first, last + grown)) !== JSON.stringify(outside(lines, first, last))) {
            return `formatting lines ${first + 1}–${last + 1} changed text outside them: ${firstDifference(document.textDocument.getText(), formatted)}`;
        }
        if (parses(document) && edits.length > 0 && meaningOf((await checked(formatted)).parseResult.value) !== meaningOf(document.parseResult.value)) {
            return `formatting lines ${first + 1}–${last + 1} changed the meaning or a comment`;
        }
    }
    return undefined;
}

async function diffHolds(document: LangiumDocument<Model>, base: string): Promise<string | undefined> {
    const analyzer = Flywheel.analysis.FlywheelAnalyzer;
    const now = fileSnapshotOf(document, analyzer);
    const before = fileSnapshotOf(await checked(base), analyzer);
    const diff = diffFiles(before, now);
    JSON.parse(diffJson(diff, { old: 'base.fly', new: 'input.fly' }));
    diffMarkdown(diff, 'input.fly');
    const again = diffFiles(now, fileSnapshotOf(await checked(document.textDocument.getText()), analyzer));
    return again.status === 'unchanged' ? undefined : `the text compared with itself is ${again.status}: ${diffMarkdown(again, 'same.fly').slice(0, 300)}`;
}

function renderingHolds(document: LangiumDocument<Model>): string | undefined {
    for (const model of renderModelsOf(document, Flywheel.analysis.FlywheelAnalyzer)) {
        for (const svg of [renderSvg(model), renderSvg(model, { standalone: true, theme: 'dark' })]) {
            const problem = notWellFormed(svg);
            if (problem) return `flywheel '${model.name}': ${problem}`;
        }
    }
    return undefined;
}

/** Characters XML 1.0 does not allow anywhere, even escaped: a browser's XML parser rejects the whole drawing. */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const NOT_XML_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function notWellFormed(svg: string): string | undefined {
    const bad = NOT_XML_CHARACTER.exec(svg);
    if (bad) return `the SVG holds U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad.index}, which XML does not allow`;
    const result = XMLValidator.validate(svg);
    return result === true ? undefined : `the SVG is not well-formed: ${result.err.msg} (line ${result.err.line})`;
}

function firstDifference(a: string, b: string): string {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `offset ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 20), i + 20))} → ${JSON.stringify(b.slice(Math.max(0, i - 20), i + 20))}`;
}
