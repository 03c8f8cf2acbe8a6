/**
 * The Flywheel language's core services: Langium's defaults, the generated parser and AST, and
 * our own pieces (analysis, scoping, validation), wired by dependency injection as Langium's
 * examples do. The editor's services live in `flywheel-lsp-module.ts`, so that the command line,
 * which needs only these, does not load the LSP code at start-up (measured by `npm run bench`).
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, type DefaultSharedCoreModuleContext, inject,
    type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices
} from 'langium';
import { FlywheelGeneratedSharedModule, FlywheelLanguageGeneratedModule } from './generated/module.js';
import { FlywheelAnalyzer } from './flywheel-analyzer.js';
import { FlywheelLexer } from './flywheel-lexer.js';
import { FlywheelParserErrorMessages } from './flywheel-parser-messages.js';
import { createFlywheelParser } from './flywheel-parser.js';
import { FlywheelCommentProvider } from './flywheel-comments.js';
import { FlywheelValueConverter } from './flywheel-value-converter.js';
import { FlywheelReferenceDescriptionProvider, FlywheelReferences } from './flywheel-references.js';
import { FlywheelScopeComputation, FlywheelScopeProvider } from './flywheel-scoping.js';
import { FlywheelDocumentValidator } from './flywheel-document-validator.js';
import { FlywheelValidator, registerValidationChecks } from './flywheel-validator.js';
import { FlywheelSettings } from './flywheel-settings.js';
import { FlywheelSuppressions } from './flywheel-suppressions.js';

export type FlywheelAddedServices = {
    analysis: {
        FlywheelAnalyzer: FlywheelAnalyzer;
    };
    validation: {
        FlywheelValidator: FlywheelValidator;
        FlywheelSettings: FlywheelSettings;
        FlywheelSuppressions: FlywheelSuppressions;
    };
};

/** What the checker, the CLI and the analysis need. */
export type FlywheelCoreServices = LangiumCoreServices & FlywheelAddedServices;

export const FlywheelModule: Module<FlywheelCoreServices, PartialLangiumCoreServices & FlywheelAddedServices> = {
    analysis: {
        FlywheelAnalyzer: services => new FlywheelAnalyzer(services)
    },
    documentation: {
        CommentProvider: services => new FlywheelCommentProvider(services)
    },
    references: {
        References: services => new FlywheelReferences(services),
        ScopeComputation: services => new FlywheelScopeComputation(services),
        ScopeProvider: services => new FlywheelScopeProvider(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new FlywheelReferenceDescriptionProvider(services)
    },
    parser: {
        // The grammar is LL(1); plain LL(k) lookahead builds much faster than ALL(*) at start-up.
        ParserConfig: () => ({ maxLookahead: 1 }),
        ParserErrorMessageProvider: () => new FlywheelParserErrorMessages(),
        LangiumParser: services => createFlywheelParser(services),
        Lexer: services => new FlywheelLexer(services),
        ValueConverter: () => new FlywheelValueConverter()
    },
    validation: {
        DocumentValidator: services => new FlywheelDocumentValidator(services),
        FlywheelValidator: services => new FlywheelValidator(services),
        FlywheelSettings: () => new FlywheelSettings(),
        FlywheelSuppressions: services => new FlywheelSuppressions(services)
    }
};

export function createFlywheelCoreServices(context: DefaultSharedCoreModuleContext): { shared: LangiumSharedCoreServices; Flywheel: FlywheelCoreServices } {
    const shared = inject(createDefaultSharedCoreModule(context), FlywheelGeneratedSharedModule);
    const Flywheel = inject(createDefaultCoreModule({ shared }), FlywheelLanguageGeneratedModule, FlywheelModule);
    return registerLanguage(shared, Flywheel, false);
}

export function registerLanguage<S extends LangiumSharedCoreServices, L extends FlywheelCoreServices>(
    shared: S, Flywheel: L, hasClient: boolean
): { shared: S; Flywheel: L } {
    shared.ServiceRegistry.register(Flywheel);
    registerValidationChecks(Flywheel);
    if (!hasClient) {
        // Without a language client nothing asks for the configuration; build with defaults.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Flywheel };
}
