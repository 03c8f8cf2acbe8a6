/**
 * Langium reports lexer, parser and linker errors under its own codes; the contract names them
 * `syntax-error` and `unresolved-reference`. This puts every diagnostic's contract code both in
 * `data.code` (what quick fixes read) and in the LSP `code` (what the Problems panel shows).
 */
import { type AstNode, AstUtils, DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidateSingleNodeOptions, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { isFlywheel, type Link } from './generated/ast.js';
import { DiagnosticCode, type DiagnosticData } from './diagnostic-codes.js';
import type { FlywheelCoreServices } from './flywheel-module.js';
import type { FlywheelSuppressions } from './flywheel-suppressions.js';

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

    /** Names the flywheel the reference was looked up in, instead of Langium's generic wording. */
    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processLinkingErrors(document, diagnostics, options);
        for (const diagnostic of diagnostics.slice(start)) {
            const data = diagnostic.data as { refText?: string };
            // The reference at the diagnostic's place: the same unresolved name may occur in several flywheels.
            const offset = document.textDocument.offsetAt(diagnostic.range.start);
            const reference = document.references.find(ref => ref.$refText === data.refText && ref.error && ref.$refNode?.offset === offset);
            const flywheel = reference?.error && AstUtils.getContainerOfType(reference.error.info.container as Link, isFlywheel);
            diagnostic.message = flywheel
                ? `'${data.refText}' is not declared in flywheel '${flywheel.name}': declare it as a driver or fix the name.`
                : diagnostic.message;
            if (flywheel) diagnostic.data = { ...data, flywheel: flywheel.$container.flywheels.indexOf(flywheel) } satisfies Partial<DiagnosticData>;
        }
    }
}
