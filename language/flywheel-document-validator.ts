/**
 * Langium reports lexer, parser and linker errors under its own codes; the contract names them
 * `syntax-error` and `unresolved-reference`. This puts every diagnostic's contract code both in
 * `data.code` (what quick fixes read) and in the LSP `code` (what the Problems panel shows).
 *
 * Syntax errors come as `flywheel-syntax-errors.ts` writes and places them (one per mistake). An
 * unresolved name is reported only where that is certain: in a chain that parsed whole, in a
 * flywheel where no declaration lost its name to a syntax error. Its message offers the closest
 * names of the same flywheel ("did you mean"), which its quick fix reads from `data.suggestions`.
 */
import {
    type AstNode, AstUtils, Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck, isOperationCancelled, type LangiumDocument,
    type ParseResult, type ValidateSingleNodeOptions, type ValidationOptions
} from 'langium';
import type { Diagnostic, Position } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Severity } from '../core/severity.js';
import { type Chain, type Flywheel, isChain, isDriver, isFlywheel, isGoal, type Link } from './generated/ast.js';
import { CheckerNoticeCode, DiagnosticCode, type DiagnosticData, MAX_DIAGNOSTICS_PER_FILE, severityOf } from './diagnostic-codes.js';
import type { FlywheelCoreServices } from './flywheel-module.js';
import type { FlywheelSuppressions } from './flywheel-suppressions.js';
import { closestMatches } from './did-you-mean.js';
import { flywheelCalled } from './flywheel-vocabulary.js';
import { parsedWhole, syntaxErrorsOf } from './flywheel-syntax-errors.js';
import { withCommas } from '../core/counting.js';

const contractCodes: Record<string, DiagnosticCode> = {
    [DocumentValidator.LexingError]: DiagnosticCode.SyntaxError,
    [DocumentValidator.ParsingError]: DiagnosticCode.SyntaxError,
    [DocumentValidator.LinkingError]: DiagnosticCode.UnresolvedReference
};

export class FlywheelDocumentValidator extends DefaultDocumentValidator {
    private readonly suppressions: FlywheelSuppressions;

    constructor(services: FlywheelCoreServices) {
        super(services);
        this.suppressions = services.validation.FlywheelSuppressions;
    }

    /**
     * Langium's own, but without its two faults at scale: it appends the checks' diagnostics with
     * an argument spread, which overflows the stack at about 120,000, and it logs a failing check
     * and goes on as if the file were clean. Here a failure is an error on the file, and a file
     * reports at most `MAX_DIAGNOSTICS_PER_FILE` diagnostics (a notice counts the rest).
     */
    override async validateDocument(
        document: LangiumDocument, options: ValidationOptions = {}, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None
    ): Promise<Diagnostic[]> {
        const parseResult = document.parseResult;
        const diagnostics: Diagnostic[] = [];
        await interruptAndCheck(cancelToken);
        if (!options.categories || options.categories.includes('built-in')) {
            this.processParsingErrors(parseResult, diagnostics);
            this.processLinkingErrors(document, diagnostics);
        }
        try {
            for (const diagnostic of await this.validateAst(parseResult.value, options, cancelToken)) diagnostics.push(diagnostic);
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            diagnostics.push(checkerFailed(error));
        }
        await interruptAndCheck(cancelToken);
        return withinCap(this.suppressions.apply(document, withContractCodes(diagnostics)));
    }

    /**
     * An unresolved name is reported only where it is certain, naming the flywheel it was looked up
     * in and the names it may have meant. One pass over the references: each flywheel's certainty
     * and names are worked out once, so a file of many unresolved names is checked in linear time.
     */
    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[]): void {
        const lookups = new Map<Flywheel, FlywheelLookup>();
        for (const reference of document.references) {
            const error = reference.error;
            const container = error?.info.container as Chain | Link | undefined;
            const chain = container && (isChain(container) ? container : container.$container);
            const flywheel = chain && AstUtils.getContainerOfType(chain, isFlywheel);
            if (!error || !chain || !flywheel) continue;
            let lookup = lookups.get(flywheel);
            if (!lookup) lookups.set(flywheel, lookup = new FlywheelLookup(flywheel));
            if (!lookup.isCertain(chain)) continue;
            const name = reference.$refText;
            const suggestions = lookup.suggestionsFor(name);
            const message = suggestions.length > 0
                ? `'${name}' is not declared in ${flywheelCalled(flywheel)}: did you mean ${suggestions.map(s => `'${s}'`).join(' or ')}?`
                : `'${name}' is not declared in ${flywheelCalled(flywheel)}: declare it as a driver or fix the name.`;
            diagnostics.push(this.toDiagnostic('error', message, {
                node: error.info.container,
                range: reference.$refNode?.range,
                property: error.info.property,
                index: error.info.index,
                data: {
                    code: DiagnosticCode.UnresolvedReference, refText: name, flywheel: lookup.index, suggestions
                } satisfies DiagnosticData & { refText: string }
            }));
        }
    }

    /**
     * Every check is registered on `Flywheel` and reads its analysis, so the thousands of chains
     * and links inside need not be visited (a fifth of a large wheel's re-check time otherwise).
     */
    protected override validateSingleNodeOptions(node: AstNode, options: ValidationOptions): ValidateSingleNodeOptions {
        return isFlywheel(node) ? { validateNode: true, validateChildren: false } : super.validateSingleNodeOptions(node, options);
    }

    /** Lexing and parsing errors together, as the author reads them (see `flywheel-syntax-errors.ts`). */
    protected override processLexingErrors(): void {
        // Reported with the parsing errors: which parsing error is a follow-on depends on both.
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[]): void {
        const document = AstUtils.getDocument(parseResult.value);
        const uri = document.uri.toString();
        const range = (start: number, end: number) => ({ start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) });
        for (const problem of syntaxErrorsOf(document).shown) {
            diagnostics.push({
                severity: DiagnosticSeverity.Error,
                range: range(problem.start, problem.end),
                message: problem.message,
                data: { code: DiagnosticCode.SyntaxError, ...(problem.suggestions.length > 0 ? { suggestions: problem.suggestions } : {}) },
                relatedInformation: problem.related && [{
                    location: { uri, range: range(problem.related.start, problem.related.end) },
                    message: problem.related.message
                }],
                source: this.getSource()
            });
        }
    }
}

/** What an unresolved name's diagnostic needs of its flywheel, worked out once per flywheel. */
class FlywheelLookup {
    /** Names past this many in one flywheel get no "did you mean": comparing each with every name is quadratic. */
    private static readonly SUGGESTED_NAMES = 1_000;
    /** The flywheel's index in its file. */
    readonly index: number;
    private readonly names: string[];
    private readonly lostAName: boolean;
    private suggested = 0;

    constructor(flywheel: Flywheel) {
        this.index = flywheel.$container.flywheels.indexOf(flywheel);
        const declarations = flywheel.members.filter(m => isGoal(m) || isDriver(m));
        this.names = [...new Set(declarations.flatMap(m => m.name ? [m.name] : []))];
        this.lostAName = declarations.some(m => !m.name);
    }

    /**
     * A name is certainly undeclared when its chain parsed whole and no declaration of its flywheel
     * lost its name to a syntax error (`goal "Growth"` may be the declaration a chain names).
     */
    isCertain(chain: Chain): boolean {
        if (this.lostAName || chain.links.length === 0 || !parsedWhole(chain)) return false;
        return chain.links.every(link => link.target?.$refText);
    }

    suggestionsFor(name: string): string[] {
        return this.suggested++ < FlywheelLookup.SUGGESTED_NAMES ? closestMatches(name, this.names) : [];
    }
}

/** Puts each diagnostic's contract code both in `data.code` (what quick fixes read) and in the LSP `code` (what the Problems panel shows). */
function withContractCodes(diagnostics: Diagnostic[]): Diagnostic[] {
    for (const diagnostic of diagnostics) {
        const data = diagnostic.data as { code?: string } | undefined;
        const code = contractCodes[data?.code ?? ''] ?? data?.code;
        if (code) {
            diagnostic.code = code;
            diagnostic.data = { ...data, code };
        }
    }
    return diagnostics;
}

function checkerFailed(error: unknown): Diagnostic {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
        severity: DiagnosticSeverity.Error,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `The checker failed on this file (${reason}), so it is not known to be clean. Please report this.`,
        code: CheckerNoticeCode.CheckerFailed,
        data: { code: CheckerNoticeCode.CheckerFailed } satisfies DiagnosticData,
        source: 'flywheel'
    };
}

/**
 * The first `MAX_DIAGNOSTICS_PER_FILE` by severity (errors first, so that what fails a build is
 * shown), in the text's order, and a notice at the first one left out that counts the rest. The
 * notice has the severity of the worst left out, so a file is never reported cleaner than it is.
 */
export function withinCap(diagnostics: Diagnostic[]): Diagnostic[] {
    if (diagnostics.length <= MAX_DIAGNOSTICS_PER_FILE) return diagnostics;
    const bySeverity = diagnostics.map((diagnostic, order) => ({ diagnostic, order }))
        .sort((a, b) => (a.diagnostic.severity ?? 1) - (b.diagnostic.severity ?? 1) || a.order - b.order);
    const kept = bySeverity.slice(0, MAX_DIAGNOSTICS_PER_FILE).sort((a, b) => a.order - b.order).map(entry => entry.diagnostic);
    const leftOut = bySeverity.slice(MAX_DIAGNOSTICS_PER_FILE).map(entry => entry.diagnostic);
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const diagnostic of leftOut) counts[severityOf(diagnostic)]++;
    const worst = leftOut[0];
    const first = leftOut.reduce((a, b) => comparePositions(b.range.start, a.range.start) < 0 ? b : a);
    const described = (['error', 'warning', 'info'] as const).filter(s => counts[s] > 0)
        .map(s => `${withCommas(counts[s])} ${s === 'info' ? 'info' : s}${counts[s] === 1 || s === 'info' ? '' : 's'}`).join(', ');
    kept.push({
        severity: worst.severity,
        range: first.range,
        message: `${withCommas(leftOut.length)} more diagnostics are not listed (${described}): a file reports at most ${withCommas(MAX_DIAGNOSTICS_PER_FILE)}. Fix the ones listed and check again.`,
        code: CheckerNoticeCode.DiagnosticsLeftOut,
        data: { code: CheckerNoticeCode.DiagnosticsLeftOut, leftOut: counts } satisfies DiagnosticData,
        source: 'flywheel'
    });
    return kept;
}

function comparePositions(a: Position, b: Position): number {
    return a.line - b.line || a.character - b.character;
}
