/**
 * The web extension (vscode.dev, github.dev, code-server's web worker host): the same extension,
 * with the language server in a Web Worker. The server bundle is loaded from the extension's own
 * files; hosts that refuse a worker from an extension's URL (code-server: "Creating workers from
 * remote extensions is currently not supported") get it as a `blob:` URL of the same bytes.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activateFlywheel, CLIENT_OPTIONS, deactivateFlywheel, type FlywheelExtensionApi } from './flywheel-extension.js';

export function activate(context: vscode.ExtensionContext): FlywheelExtensionApi {
    const serverUri = vscode.Uri.joinPath(context.extensionUri, 'out', 'browser-server.js');
    // A function, so that the client makes a new worker when it restarts the server.
    return activateFlywheel(context, new LanguageClient('flywheel', 'Flywheel Language Server', () => connectToWorker(serverUri), CLIENT_OPTIONS));
}

export const deactivate = deactivateFlywheel;

/**
 * The connection to a new server worker. Given as reader and writer rather than as the worker:
 * the client recognises a worker with `instanceof Worker`, which fails where the extension host
 * wraps the global `Worker` (code-server's does).
 */
async function connectToWorker(script: vscode.Uri): Promise<MessageTransports> {
    const worker = await startWorker(script);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

async function startWorker(script: vscode.Uri): Promise<Worker> {
    try {
        return new Worker(script.toString(true));
    } catch {
        const bytes = await vscode.workspace.fs.readFile(script);
        return new Worker(URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/javascript' })));
    }
}
