/**
 * Nothing lost: quick fixes, rename and the formatter change exactly what they are about, and no
 * other text. Checked over every example file and generated files with comments in every place
 * the grammar allows (test/support/flywheel-corpus.ts), by re-parsing the result and comparing
 * models: the project's own `meaningOf`, its semantic diff, and a view of declarations and links
 * (nothing-lost-helpers.ts, which also says what each quick fix is meant to change).
 * What these properties found has focused tests next to the feature's own: code-actions.test.ts
 * ("nothing lost around comments and duplicate names") and flywheel-validator.test.ts.
 */
import { type AstNode, AstUtils, GrammarUtils, isReference, type LangiumDocument, type ReferenceInfo, TextDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver';
import { type Declaration, isDeclaration, isNode, type Model } from '../../../language/generated/ast.js';
import { commentsOf, meaningOf } from '../../../language/model-meaning.js';
import { diffFiles } from '../../../core/semantic-diff.js';
import { fileSnapshotOf } from '../../../language/file-snapshot.js';
import { type FlywheelFormatter, formatText } from '../../../language/lsp/flywheel-formatter.js';
import { SUPPRESS_KIND } from '../../../language/lsp/flywheel-suppression-fixes.js';
import { exampleInputs, generatedInputs } from '../../support/flywheel-corpus.js';
import { services, validate } from '../validation-helpers.js';
import {
    commentPlaces, contains, descriptionHandedOn, flywheelAt, INTENT_RULE_COUNT, intended, intentOf, intentRuleOf, linksOf, pathOf, viewOf
} from './nothing-lost-helpers.js';

const lsp = services.Flywheel.lsp;
const parser = services.Flywheel.parser.LangiumParser;
const analyzer = services.Flywheel.analysis.FlywheelAnalyzer;

const inputs = [...exampleInputs(), ...generatedInputs(80)];
const cases = inputs.map(input => [input.name, input.text] as const);

function parses(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length === 0;
}

function errorCount(text: string): number {
    const result = parser.parse(text);
    return result.lexerErrors.length + result.parserErrors.length;
}

// ---- Quick fixes ---------------------------------------------------------------------------------

interface OfferedFix {
    diagnostic: Diagnostic;
    action: CodeAction;
    edits: TextEdit[];
}

/** Every fix offered for every diagnostic, asked for as the editor asks: one diagnostic and its range. */
async function offeredFixes(document: LangiumDocument): Promise<OfferedFix[]> {
    const uri = document.uri.toString();
    const fixes: OfferedFix[] = [];
    for (const diagnostic of document.diagnostics ?? []) {
        const actions = (await lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        })) as CodeAction[];
        for (const action of actions) {
            expect(Object.keys(action.edit?.changes ?? {}), action.title).toEqual([uri]);
            // A suppression adds a comment by design; suppressions.test.ts holds it to its own intent.
            if (action.kind === SUPPRESS_KIND) continue;
            fixes.push({ diagnostic, action, edits: action.edit!.changes![uri] });
        }
    }
    return fixes;
}

async function expectFixKeepsEverythingElse(before: LangiumDocument<Model>, fix: OfferedFix): Promise<void> {
    const { diagnostic, action, edits } = fix;
    const what = `${action.title} (for ${diagnostic.code} at line ${diagnostic.range.start.line + 1})`;
    const model = before.parseResult.value;
    const offset = before.textDocument.offsetAt(diagnostic.range.start);
    const flywheel = flywheelAt(model, offset);
    expect(flywheel, `${what}: a diagnostic inside a flywheel`).toBeDefined();
    const fixed = model.flywheels.indexOf(flywheel!);
    const views = viewOf(model);
    const goal = views[fixed]?.declarations.find(d => d.type === 'Goal')?.name;
    const intent = intentOf(diagnostic, action.title, goal);
    expect(intent, `a known intent for ${what}`).toBeDefined();

    // The fix is about the diagnosed thing: the link under the diagnostic, the driver or name it names.
    const links = linksOf(flywheel!);
    const removed = links.findIndex(link => contains(link.$cstNode, offset));
    const diagnosed = before.textDocument.getText(diagnostic.range);
    if (intent!.kind === 'remove-link') expect(views[fixed].links[removed], what).toMatchObject(intent!.link);
    if (intent!.kind === 'change-link') expect(removed, `${what}: a link under the diagnostic`).toBeGreaterThanOrEqual(0);
    if (intent!.kind === 'add-links') expect(intent!.node, what).toBe(diagnosed);
    if (intent!.kind === 'add-driver' && diagnostic.code === 'unresolved-reference') expect(intent!.driver.name, what).toBe(diagnosed);
    if (intent!.kind === 'use-instead') expect(intent!.from, what).toBe(diagnosed);

    const text = TextDocument.applyEdits(before.textDocument, edits);
    if (intent!.kind === 'use-instead') {
        // Exactly the diagnosed text replaced, and the rest of the file as it was.
        const original = before.textDocument.getText();
        const end = before.textDocument.offsetAt(diagnostic.range.end);
        expect(text, what).toBe(original.slice(0, offset) + intent!.to + original.slice(end));
        expect(errorCount(text), `${what}: no new syntax error`).toBeLessThanOrEqual(errorCount(original));
        return;
    }
    const after = (await validate(text)).document;
    const handedOn = intent!.kind === 'remove-link' ? descriptionHandedOn(links[removed]) : undefined;
    const expected = views.map((view, i) => (i === fixed ? intended(view, intent!, removed, handedOn) : view));
    expect(viewOf(after.parseResult.value), `${what}: the model`).toEqual(expected);
    expect(commentsOf(after.parseResult.value.$cstNode), `${what}: the comments`).toEqual(commentsOf(model.$cstNode));
    if (edits.every(edit => rangeIsEmpty(edit.range))) {
        expect(commentPlaces(after.parseResult.value.$cstNode!), `${what}: where the comments are`).toEqual(commentPlaces(model.$cstNode!));
    }
    expect(errorCount(text), `${what}: no new syntax error`).toBeLessThanOrEqual(errorCount(before.textDocument.getText()));

    // The diagnostic it fixes is gone (one of them, when it was there twice); other flywheels did not change.
    const sameDiagnostic = (d: Diagnostic) => d.code === diagnostic.code && d.message === diagnostic.message;
    expect(after.diagnostics!.filter(sameDiagnostic).length, `${what}: the diagnostic is fixed`).toBeLessThan(before.diagnostics!.filter(sameDiagnostic).length);
    const diff = diffFiles(fileSnapshotOf(before, analyzer), fileSnapshotOf(after, analyzer));
    const others = diff.flywheels.filter(f => f.name !== flywheel!.name);
    expect(others.filter(f => f.status !== 'unchanged'), `${what}: the other flywheels`).toEqual([]);
}

function rangeIsEmpty(range: Range): boolean {
    return range.start.line === range.end.line && range.start.character === range.end.character;
}

describe('quick fixes change exactly what they are about', () => {
    test.each(cases)('%s', async (_, text) => {
        const { document } = await validate(text);
        // All fixes are asked for first: validating a fixed text takes the original out of the workspace.
        for (const fix of await offeredFixes(document)) await expectFixKeepsEverythingElse(document, fix);
    });
});

// ---- Rename --------------------------------------------------------------------------------------

/** A name that occurs nowhere in `text`, as a name or inside a comment or label. */
function freshName(text: string, seed: number): string {
    let name = `renamed${seed}`;
    for (let n = 2; text.includes(name); n++) name = `renamed${seed}_${n}`;
    return name;
}

function sortRanges(ranges: Range[]): Range[] {
    return [...ranges].sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
}

type Json = Record<string | number, unknown>;

/** Sets the value at `path` in plain JSON data. */
function setAt(data: unknown, path: Array<string | number>, value: unknown): void {
    const parent = path.slice(0, -1).reduce((at, key) => (at as Json)[key], data) as Json;
    parent[path[path.length - 1]] = value;
}

/** The file's meaning (`meaningOf`) with the declaration's name and every reference to it changed to `newName`. */
function meaningRenamed(model: Model, declaration: AstNode, references: ReferenceInfo[], newName: string): unknown {
    const meaning = JSON.parse(meaningOf(model)) as { model: unknown };
    setAt(meaning.model, [...pathOf(declaration), 'name'], newName);
    for (const info of references) setAt(meaning.model, [...pathOf(info.container), info.property, ...(info.index === undefined ? [] : [info.index]), 'ref'], newName);
    return meaning;
}

/** Every reference in the file that resolved to `declaration` (with a duplicate name, only the first declaration is referred to). */
function referencesTo(model: Model, declaration: AstNode): ReferenceInfo[] {
    return AstUtils.streamAst(model).flatMap(node => AstUtils.streamReferences(node))
        .filter(info => isReference(info.reference) && info.reference.ref === declaration).toArray();
}

async function expectRenameChangesOnlyTheName(
    document: LangiumDocument<Model>, declaration: Declaration, newName: string, position: Position
): Promise<void> {
    const what = `renaming '${declaration.name}' to '${newName}' from line ${position.line + 1}`;
    const model = document.parseResult.value;
    const uri = document.uri.toString();
    const references = referencesTo(model, declaration);
    const edit = await lsp.RenameProvider!.rename(document, { textDocument: { uri }, position, newName });
    expect(Object.keys(edit?.changes ?? {}), what).toEqual([uri]);
    const edits = edit!.changes![uri];
    // Each edit replaces one occurrence of the old name: the declaration's and its references', no other.
    for (const e of edits) expect([document.textDocument.getText(e.range), e.newText], what).toEqual([declaration.name, newName]);
    const nameRange = GrammarUtils.findNodeForProperty(declaration.$cstNode, 'name')!.range;
    expect(sortRanges(edits.map(e => e.range)), what).toEqual(sortRanges([nameRange, ...references.map(info => info.reference.$refNode!.range)]));
    // Re-parsed, the file means what it meant with that one name mapped, comments and all.
    const renamed = TextDocument.applyEdits(document.textDocument, edits);
    expect(JSON.parse(meaningOf(parser.parse(renamed).value)), what).toEqual(meaningRenamed(model, declaration, references, newName));
}

describe('rename changes the name in its declaration and its references, and nothing else', () => {
    test.each(cases)('%s', async (_, text) => {
        const { document } = await validate(text);
        const model = document.parseResult.value;
        const declarations = model.flywheels.flatMap(f => f.members).filter((m): m is Declaration => isDeclaration(m) && Boolean(m.name));
        for (const [index, declaration] of declarations.entries()) {
            const newName = freshName(text, index);
            // From the declaration, and from the first reference when there is one.
            const reference = referencesTo(model, declaration)[0]?.reference;
            const positions = [GrammarUtils.findNodeForProperty(declaration.$cstNode, 'name')!.range.start, ...(reference ? [reference.$refNode!.range.start] : [])];
            for (const position of positions) await expectRenameChangesOnlyTheName(document, declaration, newName, position);
        }
    });
});

// ---- Formatter -----------------------------------------------------------------------------------

const formatter = lsp.Formatter as FlywheelFormatter;

describe('the formatter keeps meaning and every comment in its place, and is idempotent', () => {
    test.each(cases)('%s', async (_, text) => {
        const { document } = await validate(text);
        if (!parses(document)) {
            // Text that does not parse is left exactly as it is.
            const options = { tabSize: 4, insertSpaces: true };
            const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options });
            expect(edits).toEqual([]);
            return;
        }
        const model = document.parseResult.value;
        const once = await formatText(formatter, document);
        const formatted = (await validate(once)).document;
        expect(meaningOf(formatted.parseResult.value)).toBe(meaningOf(model));
        expect(commentPlaces(formatted.parseResult.value.$cstNode!)).toEqual(commentPlaces(model.$cstNode!));
        expect(await formatText(formatter, formatted)).toBe(once);
    });
});

// ---- The corpus ----------------------------------------------------------------------------------

/** The properties above prove little over inputs that miss what can go wrong: this says the corpus has it. */
describe('the corpus', () => {
    test('offers every kind of quick fix, and has CRLF, several flywheels, shared names, all comment forms and text that does not parse', async () => {
        const rulesUsed = new Set<number>();
        let fixes = 0;
        const comments: string[] = [];
        let notParsing = 0;
        let severalFlywheels = 0;
        let sharedNames = 0;
        for (const { text } of inputs) {
            const { document } = await validate(text);
            const model = document.parseResult.value;
            if (!parses(document)) notParsing++;
            if (model.flywheels.length > 1) severalFlywheels++;
            comments.push(...commentsOf(model.$cstNode));
            const names = model.flywheels.map(f => new Set(f.members.flatMap(m => (isNode(m) ? [m.name] : []))));
            sharedNames += names.flatMap(set => [...set]).filter(name => names.filter(set => set.has(name)).length > 1).length;
            for (const { diagnostic, action } of await offeredFixes(document)) {
                rulesUsed.add(intentRuleOf(diagnostic, action.title));
                fixes++;
            }
        }
        expect(inputs.length).toBeGreaterThanOrEqual(100);
        expect([...rulesUsed].sort((a, b) => a - b)).toEqual(Array.from({ length: INTENT_RULE_COUNT }, (_, i) => i));
        // Fewer than before the wheel rules waited for text that parses (follow-on broken-loops had fixes of their own).
        expect(fixes).toBeGreaterThanOrEqual(350);
        expect(inputs.filter(input => input.text.includes('\r\n')).length).toBeGreaterThanOrEqual(10);
        expect(severalFlywheels).toBeGreaterThanOrEqual(30);
        expect(sharedNames).toBeGreaterThanOrEqual(100);
        expect(notParsing).toBeGreaterThanOrEqual(3);
        for (const form of [/^\/\//, /^\/\*[^*]/, /^\/\*\*/]) expect(comments.filter(c => form.test(c)).length).toBeGreaterThanOrEqual(100);
        expect(inputs.some(input => /"[^"\n]*[\u{10000}-\u{10FFFF}][^"\n]*"/u.test(input.text))).toBe(true);
    });
});
