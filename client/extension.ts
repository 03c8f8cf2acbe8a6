/** The desktop VS Code extension: the language server runs as a Node process beside the extension host. */
import type * as vscode from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateFlywheel, CLIENT_OPTIONS, deactivateFlywheel, type FlywheelExtensionApi } from './flywheel-extension.js';
import { gitShow } from './git-show.js';

export function activate(context: vscode.ExtensionContext): FlywheelExtensionApi {
    const serverModule = context.asAbsolutePath('out/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    return activateFlywheel(context, new LanguageClient('flywheel', 'Flywheel Language Server', serverOptions, CLIENT_OPTIONS), gitShow);
}

export const deactivate = deactivateFlywheel;
