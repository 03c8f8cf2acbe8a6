/** The VS Code extension: starts the language server for `.fly` files. */
import type * as vscode from 'vscode';
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
    await client.start();
    context.subscriptions.push(client);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
