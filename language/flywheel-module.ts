/**
 * The Flywheel language's services: Langium's defaults, the generated parser and AST, and our
 * own pieces, wired by dependency injection as Langium's examples do.
 */
import { type Module, inject } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { FlywheelGeneratedSharedModule, FlywheelLanguageGeneratedModule } from './generated/module.js';
import { FlywheelAnalyzer } from './flywheel-analyzer.js';
import { FlywheelDocumentValidator } from './flywheel-document-validator.js';
import { FlywheelSettings, FlywheelValidator, registerValidationChecks } from './flywheel-validator.js';

export type FlywheelAddedServices = {
    analysis: {
        FlywheelAnalyzer: FlywheelAnalyzer;
    };
    validation: {
        FlywheelValidator: FlywheelValidator;
        FlywheelSettings: FlywheelSettings;
    };
};

export type FlywheelServices = LangiumServices & FlywheelAddedServices;

export const FlywheelModule: Module<FlywheelServices, PartialLangiumServices & FlywheelAddedServices> = {
    analysis: {
        FlywheelAnalyzer: services => new FlywheelAnalyzer(services)
    },
    validation: {
        DocumentValidator: services => new FlywheelDocumentValidator(services),
        FlywheelValidator: services => new FlywheelValidator(services),
        FlywheelSettings: () => new FlywheelSettings()
    }
};

export function createFlywheelServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Flywheel: FlywheelServices } {
    const shared = inject(createDefaultSharedModule(context), FlywheelGeneratedSharedModule);
    const Flywheel = inject(createDefaultModule({ shared }), FlywheelLanguageGeneratedModule, FlywheelModule);
    shared.ServiceRegistry.register(Flywheel);
    registerValidationChecks(Flywheel);
    if (!context.connection) {
        // Without a language client nothing asks for the configuration; build with defaults.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Flywheel };
}
