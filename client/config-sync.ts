/**
 * Finds the `flywheel.config.json` files that can apply to the open `.fly` documents and keeps
 * the language server up to date with their text. The client reads them through
 * `vscode.workspace.fs` rather than letting the server read files: that reaches every file
 * system VS Code has (virtual workspaces, remote ones, and the browser, where a web-worker
 * server has no disk at all), and VS Code's own watcher tells when one is saved, created or
 * deleted. (Langium's `FileSystemProvider` would do for reading, but it has no watching, and on
 * the web it would have to call back to the client for every read anyway.)
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CONFIG_FILE_NAME, CONFIG_FILES_NOTIFICATION, type ConfigFilesParams } from '../language/config-protocol.js';

export class ConfigFileSync implements vscode.Disposable {
    /** Every config address looked at, with its last text sent (undefined: none there). */
    private readonly known = new Map<string, string | undefined>();
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(private readonly client: BaseLanguageClient) {}

    /** Looks above every open `.fly` document, then follows new documents and every config's changes. */
    async start(): Promise<void> {
        const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
        this.subscriptions.push(
            watcher,
            watcher.onDidCreate(uri => void this.refresh([uri])),
            watcher.onDidChange(uri => void this.refresh([uri])),
            watcher.onDidDelete(uri => void this.refresh([uri])),
            vscode.workspace.onDidOpenTextDocument(document => void this.lookAbove(document))
        );
        await Promise.all(vscode.workspace.textDocuments.map(document => this.lookAbove(document)));
    }

    dispose(): void {
        for (const subscription of this.subscriptions) subscription.dispose();
    }

    /** The config addresses in the document's folder and above it (within its workspace folder, if it is in one). */
    private async lookAbove(document: vscode.TextDocument): Promise<void> {
        if (document.languageId !== 'flywheel' || document.uri.scheme === 'untitled') return;
        const candidates = foldersAbove(document.uri).map(folder => vscode.Uri.joinPath(folder, CONFIG_FILE_NAME));
        await this.refresh(candidates.filter(uri => !this.known.has(uri.toString())));
    }

    /** Reads each address and sends what changed: new text, or that a file is gone. */
    private async refresh(uris: vscode.Uri[]): Promise<void> {
        const files: ConfigFilesParams['files'] = [];
        for (const uri of uris) {
            const text = await readText(uri);
            const key = uri.toString();
            const before = this.known.get(key);
            this.known.set(key, text);
            if (text !== before) files.push({ uri: key, text });
        }
        if (files.length > 0) await this.client.sendNotification(CONFIG_FILES_NOTIFICATION, { files } satisfies ConfigFilesParams);
    }
}

function foldersAbove(uri: vscode.Uri): vscode.Uri[] {
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    const folders: vscode.Uri[] = [];
    let folder = vscode.Uri.joinPath(uri, '..');
    for (;;) {
        folders.push(folder);
        if (workspaceFolder && folder.path === workspaceFolder.path) break;
        const parent = vscode.Uri.joinPath(folder, '..');
        if (parent.path === folder.path) break;
        folder = parent;
    }
    return folders;
}

/** The file's text, or undefined when there is none (or it cannot be read: the server then applies no config from it). */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
        return new TextDecoder('utf-8', { fatal: false }).decode(await vscode.workspace.fs.readFile(uri));
    } catch {
        return undefined;
    }
}
