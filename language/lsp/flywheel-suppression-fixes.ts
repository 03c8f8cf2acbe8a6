/**
 * Quick fixes that turn a diagnostic off where it is, as linters offer them: a
 * `// flywheel-disable-next-line CODE` above its line, or a `// flywheel-disable CODE` before its
 * flywheel. A directive already there gets the code added to its list instead of a second one.
 * Offered for every code a team may turn off (not `syntax-error`, nor `unused-suppression`
 * itself), after the fixes that repair the cause.
 */
import type { LangiumDocument } from 'langium';
import { type CodeAction, CodeActionKind, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Model } from '../generated/ast.js';
import { DiagnosticCode, dataOf } from '../diagnostic-codes.js';
import { CONFIGURABLE_CODES } from '../flywheel-config.js';
import { DISABLE_FLYWHEEL, DISABLE_NEXT_LINE, directivesOf, type SuppressionDirective } from '../flywheel-suppressions.js';
import { flywheelCalled } from '../flywheel-vocabulary.js';

/** A quick fix still (VS Code matches kinds by prefix), told apart from the fixes that repair the cause. */
export const SUPPRESS_KIND = `${CodeActionKind.QuickFix}.suppress`;

export function suppressionFixes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const { code, flywheel: index } = dataOf(diagnostic);
    if (code === DiagnosticCode.UnusedSuppression || !CONFIGURABLE_CODES.includes(code)) return [];
    const directives = directivesOf(document);
    const action = (title: string, edit: TextEdit): CodeAction => ({
        title, kind: SUPPRESS_KIND, diagnostics: [diagnostic], edit: { changes: { [document.uri.toString()]: [edit] } }
    });
    const fixes = [action(`Suppress ${code} on this line`, nextLineEdit(document, directives, diagnostic.range.start.line, code))];
    const flywheel = index === undefined ? undefined : (document.parseResult.value as Model).flywheels[index];
    if (flywheel?.$cstNode) {
        fixes.push(action(`Suppress ${code} in ${flywheelCalled(flywheel)}`, flywheelEdit(document, directives, flywheel.$cstNode.offset, code)));
    }
    return fixes;
}

/** The code added to the directive on the line above, or a new directive line with the line's indentation. */
function nextLineEdit(document: LangiumDocument, directives: SuppressionDirective[], line: number, code: string): TextEdit {
    const existing = directives.find(d => d.kind === DISABLE_NEXT_LINE && d.line === line && d.codes.length > 0);
    if (existing) return addCode(existing, code);
    const text = document.textDocument;
    const lineStart = text.offsetAt({ line, character: 0 });
    const indentation = /^[ \t]*/.exec(text.getText().slice(lineStart))![0];
    const position = text.positionAt(lineStart);
    return { range: { start: position, end: position }, newText: `${indentation}// ${DISABLE_NEXT_LINE} ${code}${eolOf(document)}` };
}

/** The code added to the directive before the flywheel, or a new one on the line before `flywheel`. */
function flywheelEdit(document: LangiumDocument, directives: SuppressionDirective[], keywordOffset: number, code: string): TextEdit {
    const existing = directives.find(d => d.kind === DISABLE_FLYWHEEL && d.flywheel?.$cstNode?.offset === keywordOffset && d.codes.length > 0);
    if (existing) return addCode(existing, code);
    const text = document.textDocument;
    const keyword = text.positionAt(keywordOffset);
    const before = text.getText({ start: { line: keyword.line, character: 0 }, end: keyword });
    const onItsOwnLine = /^[ \t]*$/.test(before);
    // `flywheel` first on its line: the directive goes on a line of its own above, indented alike;
    // after other text (`} flywheel B {`), just before the keyword, which then starts a new line.
    const at = onItsOwnLine ? { line: keyword.line, character: 0 } : keyword;
    return { range: { start: at, end: at }, newText: `${onItsOwnLine ? before : ''}// ${DISABLE_FLYWHEEL} ${code}${eolOf(document)}` };
}

function addCode(directive: SuppressionDirective, code: string): TextEdit {
    const end = directive.codes[directive.codes.length - 1].range.end;
    return { range: { start: end, end }, newText: `, ${code}` };
}

function eolOf(document: LangiumDocument): string {
    return document.textDocument.getText().includes('\r\n') ? '\r\n' : '\n';
}
