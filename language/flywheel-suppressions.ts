/**
 * What a team has turned off, applied to a document's diagnostics after every check has run:
 * first the severities of the nearest `flywheel.config.json` (`"off"` drops a code), then the
 * comment directives in the file, as linters have them:
 *
 *     // flywheel-disable-next-line balancing-loop, too-many-drivers -- the brake is intended
 *     // flywheel-disable missing-cost-driver            (right before `flywheel Name`: the whole flywheel)
 *
 * Codes are separated by commas or spaces; none means every code; ` -- ` starts a reason. A
 * directive, or a code in one, that turns nothing off gets an `unused-suppression` warning (faded
 * as unnecessary in the editor), so stale suppressions do not pile up. `syntax-error` is never
 * suppressed. Directives are found in the parsed comments, so text inside a label never counts.
 */
import { CstUtils, type LangiumDocument, type LeafCstNode } from 'langium';
// From the LSP's types alone: this runs in the CLI's check too, which loads no LSP machinery.
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag, type Range } from 'vscode-languageserver-types';
import { type Flywheel, isFlywheel, type Model } from './generated/ast.js';
import { DiagnosticCode } from './diagnostic-codes.js';
import { CONFIGURABLE_CODES, type RuleSeverity } from './flywheel-config.js';
import type { FlywheelCoreServices } from './flywheel-module.js';
import type { FlywheelSettings } from './flywheel-settings.js';

export const DISABLE_NEXT_LINE = 'flywheel-disable-next-line';
export const DISABLE_FLYWHEEL = 'flywheel-disable';

const COMMENT_TOKENS = new Set(['SL_COMMENT', 'ML_COMMENT']);
/** The directive's words inside a comment: its kind, then the codes, then an optional ` -- reason`. */
const DIRECTIVE = /^(\/\/|\/\*)\s*(flywheel-disable(?:-next-line)?)(?=\s|\*\/|$)(.*?)(?:\s--\s.*?)?\s*(?:\*\/)?\s*$/s;

/** One directive: what it covers and the codes it names, each with where it is written. */
export interface SuppressionDirective {
    kind: typeof DISABLE_NEXT_LINE | typeof DISABLE_FLYWHEEL;
    /** The whole comment. */
    range: Range;
    /** Empty: every code. */
    codes: Array<{ code: string; range: Range }>;
    /** The flywheel a `flywheel-disable` stands before; undefined when it stands before none. */
    flywheel?: Flywheel;
    /** For `flywheel-disable-next-line`: the 0-based line it covers. */
    line?: number;
}

export class FlywheelSuppressions {
    private readonly settings: FlywheelSettings;

    constructor(services: FlywheelCoreServices) {
        this.settings = services.validation.FlywheelSettings;
    }

    /** The diagnostics that remain once the config and the directives are applied, plus a warning per unused directive. */
    apply(document: LangiumDocument, diagnostics: Diagnostic[]): Diagnostic[] {
        const directives = directivesOf(document);
        if (directives.length === 0 && !this.settings.rulesFor(document.uri)) return diagnostics;
        const kept = this.withConfiguredSeverity(document, diagnostics);
        const used = new Set<string>();
        const remaining = kept.filter(diagnostic => {
            const code = String(diagnostic.code ?? '');
            if (code === DiagnosticCode.SyntaxError) return true;
            const suppressing = directives.filter(directive =>
                covers(directive, diagnostic) && (directive.codes.length === 0 || directive.codes.some(c => c.code === code)));
            for (const directive of suppressing) used.add(usageKey(directive, code));
            return suppressing.length === 0;
        });
        // A file that does not parse is not checked in full, so nothing is known to be unused.
        const { lexerErrors, parserErrors } = document.parseResult;
        if (lexerErrors.length + parserErrors.length > 0) return remaining;
        const unused = directives.flatMap(directive => unusedParts(directive, used));
        return [...remaining, ...this.withConfiguredSeverity(document, unused)];
    }

    private withConfiguredSeverity(document: LangiumDocument, diagnostics: Diagnostic[]): Diagnostic[] {
        const rules = this.settings.rulesFor(document.uri);
        if (!rules || rules.size === 0) return diagnostics;
        return diagnostics.flatMap(diagnostic => {
            const severity = rules.get(String(diagnostic.code ?? ''));
            if (severity === undefined) return [diagnostic];
            if (severity === 'off') return [];
            return [{ ...diagnostic, severity: LSP_SEVERITY[severity] }];
        });
    }
}

const LSP_SEVERITY: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information
};

/** Every directive in the document's comments, in order. */
export function directivesOf(document: LangiumDocument): SuppressionDirective[] {
    const text = document.textDocument.getText();
    const root = document.parseResult.value.$cstNode;
    // Most files have none: the CST is walked only when the word occurs at all.
    if (!root || !text.includes(DISABLE_FLYWHEEL)) return [];
    const model = document.parseResult.value as Model;
    const directives: SuppressionDirective[] = [];
    for (const leaf of CstUtils.flattenCst(root)) {
        if (!leaf.hidden || !COMMENT_TOKENS.has(leaf.tokenType.name) || !leaf.text.includes(DISABLE_FLYWHEEL)) continue;
        const directive = parseDirective(document, leaf, model);
        if (directive) directives.push(directive);
    }
    return directives;
}

function parseDirective(document: LangiumDocument, leaf: LeafCstNode, model: Model): SuppressionDirective | undefined {
    const match = DIRECTIVE.exec(leaf.text);
    if (!match) return undefined;
    const [, opener, kind, list] = match;
    const listStart = leaf.offset + opener.length + match[0].slice(opener.length).indexOf(kind) + kind.length;
    const codes = [...list.matchAll(/[^\s,]+/g)].map(word => ({
        code: word[0],
        range: rangeOf(document, listStart + word.index, word[0].length)
    }));
    const range = leaf.range;
    if (kind === DISABLE_NEXT_LINE) return { kind, range, codes, line: range.end.line + 1 };
    return { kind: DISABLE_FLYWHEEL, range, codes, flywheel: flywheelAfter(leaf, model) };
}

/** The flywheel whose `flywheel` keyword is the first token after this comment (only comments between). */
function flywheelAfter(leaf: LeafCstNode, model: Model): Flywheel | undefined {
    let next = CstUtils.getNextNode(leaf, true);
    while (next && next.hidden) next = CstUtils.getNextNode(next, true);
    const start = next?.offset;
    return start === undefined ? undefined : model.flywheels.find(flywheel => isFlywheel(flywheel) && flywheel.$cstNode?.offset === start);
}

function covers(directive: SuppressionDirective, diagnostic: Diagnostic): boolean {
    if (directive.kind === DISABLE_NEXT_LINE) return diagnostic.range.start.line === directive.line;
    const node = directive.flywheel?.$cstNode;
    if (!node) return false;
    const { start, end } = node.range;
    const at = diagnostic.range.start;
    const afterStart = at.line > start.line || (at.line === start.line && at.character >= start.character);
    const beforeEnd = at.line < end.line || (at.line === end.line && at.character <= end.character);
    return afterStart && beforeEnd;
}

function usageKey(directive: SuppressionDirective, code: string): string {
    const { line, character } = directive.range.start;
    return `${line}:${character}:${directive.codes.length === 0 ? '*' : code}`;
}

/** The warnings for what a directive turns off in vain: the whole directive, or each of its codes that did nothing. */
function unusedParts(directive: SuppressionDirective, used: Set<string>): Diagnostic[] {
    const written = `\`// ${directive.kind}\``;
    if (directive.kind === DISABLE_FLYWHEEL && !directive.flywheel) {
        return [unusedSuppression(directive.range, `${written} turns nothing off here: it must come right before \`flywheel Name\` (use \`// ${DISABLE_NEXT_LINE}\` for one line).`)];
    }
    const where = directive.kind === DISABLE_NEXT_LINE ? 'on the next line' : `in flywheel '${directive.flywheel!.name}'`;
    if (directive.codes.length === 0) {
        return used.has(usageKey(directive, '*')) ? [] : [unusedSuppression(directive.range, `${written} turns nothing off: there is no diagnostic ${where}. Remove it.`)];
    }
    return directive.codes.filter(({ code }) => !used.has(usageKey(directive, code))).map(({ code, range }) => {
        if (code === DiagnosticCode.SyntaxError) return unusedSuppression(range, 'Syntax errors cannot be suppressed: fix the text instead.');
        if (!CONFIGURABLE_CODES.includes(code)) return unusedSuppression(range, `'${code}' is not a diagnostic code of the Flywheel checker (expected one of ${CONFIGURABLE_CODES.join(', ')}).`);
        return unusedSuppression(range, `'${code}' is suppressed in vain: there is no ${code} ${where}. Remove it from the directive.`);
    });
}

function unusedSuppression(range: Range, message: string): Diagnostic {
    return {
        range,
        message,
        severity: DiagnosticSeverity.Warning,
        code: DiagnosticCode.UnusedSuppression,
        source: 'flywheel',
        tags: [DiagnosticTag.Unnecessary],
        data: { code: DiagnosticCode.UnusedSuppression }
    };
}

function rangeOf(document: LangiumDocument, offset: number, length: number): Range {
    return { start: document.textDocument.positionAt(offset), end: document.textDocument.positionAt(offset + length) };
}
