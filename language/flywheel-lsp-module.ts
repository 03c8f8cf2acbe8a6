/**
 * The editor's services on top of the core module (`flywheel-module.ts`): quick fixes, completion,
 * formatting, hover, rename, semantic tokens, outline icons, settings that follow the client and
 * the preview's notifications. `createFlywheelServices` is what the language server runs.
 */
import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { FlywheelGeneratedSharedModule, FlywheelLanguageGeneratedModule } from './generated/module.js';
import { type FlywheelAddedServices, FlywheelModule, registerLanguage } from './flywheel-module.js';
import { withCheckedParams } from './lsp/checked-params.js';
import { FlywheelCodeActionProvider } from './lsp/flywheel-code-actions.js';
import { FlywheelCompletionProvider } from './lsp/flywheel-completion.js';
import { FlywheelConfigFiles } from './lsp/flywheel-config-files.js';
import { FlywheelDocumentBuilder } from './lsp/flywheel-document-builder.js';
import { FlywheelDocumentUpdateHandler } from './lsp/flywheel-document-update-handler.js';
import { FlywheelNodeKindProvider } from './lsp/flywheel-node-kinds.js';
import { FlywheelFormatter } from './lsp/flywheel-formatter.js';
import { FlywheelPreviewNotifications } from './lsp/flywheel-preview-provider.js';
import { FlywheelHoverProvider } from './lsp/flywheel-hover-provider.js';
import { FlywheelRenameProvider } from './lsp/flywheel-rename-provider.js';
import { FlywheelSemanticTokenProvider } from './lsp/flywheel-semantic-tokens.js';

/** The editor's own services beside Langium's. */
export type FlywheelLspAddedServices = {
    lsp: {
        /** `flywheel/preview/*`: the drawing models pushed after each build of a previewed document. */
        PreviewNotifications: FlywheelPreviewNotifications;
        /** `flywheel.config.json` files the client hands over, and the editor's `flywheel.*` settings. */
        ConfigFiles: FlywheelConfigFiles;
    };
};

/** Everything the language server has. */
export type FlywheelServices = LangiumServices & FlywheelAddedServices & FlywheelLspAddedServices;

/** The editor's services on top of the core module (formatter, quick fixes, hover, …). */
export const FlywheelLspModule: Module<FlywheelServices, PartialLangiumServices & FlywheelLspAddedServices> = {
    lsp: {
        PreviewNotifications: services => new FlywheelPreviewNotifications(services),
        ConfigFiles: services => new FlywheelConfigFiles(services),
        CodeActionProvider: services => new FlywheelCodeActionProvider(services),
        CompletionProvider: services => new FlywheelCompletionProvider(services),
        Formatter: services => new FlywheelFormatter(services),
        HoverProvider: services => new FlywheelHoverProvider(services),
        RenameProvider: services => new FlywheelRenameProvider(services),
        SemanticTokenProvider: services => new FlywheelSemanticTokenProvider(services)
    }
};

/** Shared editor services: outline and completion icons, edits in bursts, closing documents. */
export const FlywheelSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: services => new FlywheelDocumentBuilder(services)
    },
    lsp: {
        NodeKindProvider: () => new FlywheelNodeKindProvider(),
        DocumentUpdateHandler: services => new FlywheelDocumentUpdateHandler(services)
    }
};

export function createFlywheelServices(given: DefaultSharedModuleContext): { shared: LangiumSharedServices; Flywheel: FlywheelServices } {
    // Bad request parameters are answered as InvalidParams before a handler sees them.
    const context = given.connection ? { ...given, connection: withCheckedParams(given.connection) } : given;
    const shared = inject(createDefaultSharedModule(context), FlywheelGeneratedSharedModule, FlywheelSharedLspModule);
    const Flywheel = inject(createDefaultModule({ shared }), FlywheelLanguageGeneratedModule, FlywheelModule, FlywheelLspModule);
    if (context.connection) {
        // Services that listen on the connection start listening when they are made: make them now.
        void Flywheel.lsp.PreviewNotifications;
        void Flywheel.lsp.ConfigFiles;
    }
    return registerLanguage(shared, Flywheel, Boolean(context.connection));
}
