/**
 * The Flywheel language's services: Langium's defaults, the generated parser and AST, and our
 * own pieces, wired by dependency injection as Langium's examples do.
 *
 * Two entry points share one module: `createFlywheelServices` for the language server, and
 * `createFlywheelCoreServices` for the command line, which leaves out the LSP services so that
 * `fly check` starts in a fraction of the time (measured by `npm run bench`).
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, type DefaultSharedCoreModuleContext, inject,
    type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices
} from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { FlywheelCodeActionProvider } from './lsp/flywheel-code-actions.js';
import { FlywheelCompletionProvider } from './lsp/flywheel-completion.js';
import { FlywheelNodeKindProvider } from './lsp/flywheel-node-kinds.js';
import { FlywheelFormatter } from './lsp/flywheel-formatter.js';
import { registerPreviewRequests } from './lsp/flywheel-preview-provider.js';
import { FlywheelHoverProvider } from './lsp/flywheel-hover-provider.js';
import { FlywheelRenameProvider } from './lsp/flywheel-rename-provider.js';
import { FlywheelSemanticTokenProvider } from './lsp/flywheel-semantic-tokens.js';
import { FlywheelGeneratedSharedModule, FlywheelLanguageGeneratedModule } from './generated/module.js';
import { FlywheelAnalyzer } from './flywheel-analyzer.js';
import { FlywheelParserErrorMessages } from './flywheel-parser-messages.js';
import { FlywheelScopeComputation, FlywheelScopeProvider } from './flywheel-scoping.js';
import { FlywheelDocumentValidator } from './flywheel-document-validator.js';
import { FlywheelValidator, registerValidationChecks } from './flywheel-validator.js';
import { FlywheelSettings } from './flywheel-settings.js';

export type FlywheelAddedServices = {
    analysis: {
        FlywheelAnalyzer: FlywheelAnalyzer;
    };
    validation: {
        FlywheelValidator: FlywheelValidator;
        FlywheelSettings: FlywheelSettings;
    };
};

/** What the checker, the CLI and the analysis need. */
export type FlywheelCoreServices = LangiumCoreServices & FlywheelAddedServices;
/** Everything the language server has. */
export type FlywheelServices = LangiumServices & FlywheelAddedServices;

export const FlywheelModule: Module<FlywheelCoreServices, PartialLangiumCoreServices & FlywheelAddedServices> = {
    analysis: {
        FlywheelAnalyzer: services => new FlywheelAnalyzer(services)
    },
    references: {
        ScopeComputation: services => new FlywheelScopeComputation(services),
        ScopeProvider: services => new FlywheelScopeProvider(services)
    },
    parser: {
        // The grammar is LL(1); plain LL(k) lookahead builds much faster than ALL(*) at start-up.
        ParserConfig: () => ({ maxLookahead: 1 }),
        ParserErrorMessageProvider: () => new FlywheelParserErrorMessages()
    },
    validation: {
        DocumentValidator: services => new FlywheelDocumentValidator(services),
        FlywheelValidator: services => new FlywheelValidator(services),
        FlywheelSettings: () => new FlywheelSettings()
    }
};

/** The editor's services on top of the core module (formatter, quick fixes, hover, …). */
export const FlywheelLspModule: Module<FlywheelServices, PartialLangiumServices> = {
    lsp: {
        CodeActionProvider: services => new FlywheelCodeActionProvider(services),
        CompletionProvider: services => new FlywheelCompletionProvider(services),
        Formatter: services => new FlywheelFormatter(services),
        HoverProvider: services => new FlywheelHoverProvider(services),
        RenameProvider: services => new FlywheelRenameProvider(services),
        SemanticTokenProvider: services => new FlywheelSemanticTokenProvider(services)
    }
};

/** Shared editor services: outline and completion icons. */
export const FlywheelSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        NodeKindProvider: () => new FlywheelNodeKindProvider()
    }
};

export function createFlywheelServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Flywheel: FlywheelServices } {
    const shared = inject(createDefaultSharedModule(context), FlywheelGeneratedSharedModule, FlywheelSharedLspModule);
    const Flywheel = inject(createDefaultModule({ shared }), FlywheelLanguageGeneratedModule, FlywheelModule, FlywheelLspModule);
    if (context.connection) {
        Flywheel.validation.FlywheelSettings.followConfiguration(shared.workspace.ConfigurationProvider, shared.workspace.LangiumDocuments, shared.workspace.DocumentBuilder);
        registerPreviewRequests(shared, Flywheel);
    }
    return register(shared, Flywheel, Boolean(context.connection));
}

export function createFlywheelCoreServices(context: DefaultSharedCoreModuleContext): { shared: LangiumSharedCoreServices; Flywheel: FlywheelCoreServices } {
    const shared = inject(createDefaultSharedCoreModule(context), FlywheelGeneratedSharedModule);
    const Flywheel = inject(createDefaultCoreModule({ shared }), FlywheelLanguageGeneratedModule, FlywheelModule);
    return register(shared, Flywheel, false);
}

function register<S extends LangiumSharedCoreServices, L extends FlywheelCoreServices>(shared: S, Flywheel: L, hasClient: boolean): { shared: S; Flywheel: L } {
    shared.ServiceRegistry.register(Flywheel);
    registerValidationChecks(Flywheel);
    if (!hasClient) {
        // Without a language client nothing asks for the configuration; build with defaults.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Flywheel };
}
