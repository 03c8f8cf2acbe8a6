/**
 * The server's side of `flywheel/configFiles`: each config file the client sends is read by the
 * same reader as the CLI's, its problems are published as `invalid-config` diagnostics of the
 * config file itself (with their positions), and every open document is checked again, so a
 * saved config changes what the editor shows at once. Nothing here can throw on a bad file.
 * It also has the settings follow the editor's `flywheel.*` configuration. A service of the
 * editor module, created with the language server's connection.
 */
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { CONFIG_FILES_NOTIFICATION, type ConfigFilesParams } from '../config-protocol.js';
import { FileDiagnosticCode } from '../diagnostic-codes.js';
import type { FlywheelServices } from '../flywheel-lsp-module.js';

export class FlywheelConfigFiles {
    constructor(services: FlywheelServices) {
        const shared = services.shared;
        const { ConfigurationProvider, LangiumDocuments, DocumentBuilder } = shared.workspace;
        services.validation.FlywheelSettings.followConfiguration(ConfigurationProvider, LangiumDocuments, DocumentBuilder);
        if (shared.lsp.Connection) followConfigFiles(shared, services);
    }
}

function followConfigFiles(shared: LangiumSharedServices, services: FlywheelServices): void {
    const connection = shared.lsp.Connection!;
    const settings = services.validation.FlywheelSettings;
    connection.onNotification(CONFIG_FILES_NOTIFICATION, async (params: ConfigFilesParams) => {
        for (const { uri, text } of params.files ?? []) {
            if (typeof uri !== 'string') continue;
            const loaded = settings.setConfig(URI.parse(uri), typeof text === 'string' ? text : undefined);
            const diagnostics: Diagnostic[] = (loaded?.problems ?? []).map(problem => ({
                range: problem.range,
                message: problem.message,
                severity: DiagnosticSeverity.Error,
                code: FileDiagnosticCode.InvalidConfig,
                source: 'flywheel',
                data: { code: FileDiagnosticCode.InvalidConfig }
            }));
            await connection.sendDiagnostics({ uri, diagnostics });
        }
        // Under the workspace lock, as Langium's own rebuilds after an edit: never two builds at once.
        const { WorkspaceLock, DocumentBuilder, LangiumDocuments } = shared.workspace;
        await WorkspaceLock.write(token => DocumentBuilder.build(LangiumDocuments.all.toArray(), { validation: true }, token));
    });
}
