/** The VS Code extension: starts the language server for `.fly` files and the wheel preview. */
import type * as vscode from 'vscode';
import { ConfigFileSync } from './config-sync.js';
import { PreviewManager } from './preview.js';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath('out/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        // Untitled and virtual documents too: the server never reads files itself.
        documentSelector: [{ language: 'flywheel' }],
        synchronize: { configurationSection: 'flywheel' }
    };
    client = new LanguageClient('flywheel', 'Flywheel Language Server', serverOptions, clientOptions);
    context.subscriptions.push(client);
    // Registered before the client starts, so a preview restored after a reload finds its commands.
    new PreviewManager(context, client);
    await client.start();
    // The team's flywheel.config.json files: read here and sent to the server, which reads no file.
    const configFiles = new ConfigFileSync(client);
    context.subscriptions.push(configFiles);
    await configFiles.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
