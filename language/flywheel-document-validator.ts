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
import { type AstNode, AstUtils, DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ParseResult, type ValidateSingleNodeOptions, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { type Chain, type Flywheel, isChain, isDriver, isFlywheel, isGoal, type Link } from './generated/ast.js';
import { DiagnosticCode, type DiagnosticData } from './diagnostic-codes.js';
import type { FlywheelCoreServices } from './flywheel-module.js';
import type { FlywheelSuppressions } from './flywheel-suppressions.js';
import { closestMatches } from './did-you-mean.js';
import { parsedWhole, syntaxErrorsOf } from './flywheel-syntax-errors.js';

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

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const data = diagnostic.data as { code?: string } | undefined;
            const code = contractCodes[data?.code ?? ''] ?? data?.code;
            if (code) {
                diagnostic.code = code;
                diagnostic.data = { ...data, code };
            }
        }
        return this.suppressions.apply(document, diagnostics);
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

    /** Names the flywheel the reference was looked up in and the names it may have meant. */
    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processLinkingErrors(document, diagnostics, options);
        const reported = diagnostics.splice(start).filter(diagnostic => {
            const data = diagnostic.data as { refText?: string };
            // The reference at the diagnostic's place: the same unresolved name may occur in several flywheels.
            const offset = document.textDocument.offsetAt(diagnostic.range.start);
            const reference = document.references.find(ref => ref.$refText === data.refText && ref.error && ref.$refNode?.offset === offset);
            const container = reference?.error?.info.container as Chain | Link | undefined;
            const chain = container && (isChain(container) ? container : container.$container);
            const flywheel = chain && AstUtils.getContainerOfType(chain, isFlywheel);
            if (!flywheel || !chain || !isCertain(chain, flywheel)) return false;
            const suggestions = closestMatches(data.refText ?? '', declaredNames(flywheel));
            diagnostic.message = suggestions.length > 0
                ? `'${data.refText}' is not declared in flywheel '${flywheel.name}': did you mean ${suggestions.map(s => `'${s}'`).join(' or ')}?`
                : `'${data.refText}' is not declared in flywheel '${flywheel.name}': declare it as a driver or fix the name.`;
            diagnostic.data = { ...data, flywheel: flywheel.$container.flywheels.indexOf(flywheel), suggestions } satisfies Partial<DiagnosticData>;
            return true;
        });
        diagnostics.push(...reported);
    }
}

/**
 * A name is certainly undeclared when its chain parsed whole and no declaration of its flywheel
 * lost its name to a syntax error (`goal "Growth"` may be the declaration a chain names).
 */
function isCertain(chain: Chain, flywheel: Flywheel): boolean {
    if (chain.links.length === 0 || !parsedWhole(chain)) return false;
    if (!chain.links.every(link => link.target?.$refText)) return false;
    return !flywheel.members.some(m => (isGoal(m) || isDriver(m)) && !m.name);
}

function declaredNames(flywheel: Flywheel): string[] {
    return flywheel.members.flatMap(m => (isGoal(m) || isDriver(m)) && m.name ? [m.name] : []);
}
