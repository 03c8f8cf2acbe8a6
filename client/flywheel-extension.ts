/**
 * What the desktop (`extension.ts`) and web (`browser.ts`) entries share: the language client's
 * options, starting the language server only when it is needed, the wheel preview, and the
 * Markdown preview's ```fly fences. Each entry only says how to start its language server.
 */
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { CompareCommands, type RevisionReader } from './compare.js';
import { ConfigFileSync } from './config-sync.js';
import { BlockModels, flywheelFences } from './markdown-preview.js';
import { PreviewManager } from './preview.js';

export const LANGUAGE_ID = 'flywheel';

export const CLIENT_OPTIONS: LanguageClientOptions = {
    // Untitled and virtual documents too: the server never reads files itself.
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: 'flywheel' }
};

/**
 * VS Code's Markdown preview activates every extension that contributes markdown-it plugins as
 * soon as it builds its engine, for any Markdown file. So activation itself starts nothing: the
 * language server starts with the first `.fly` document (a restored preview opens its document),
 * and so does the following of the team's config files (sending one would start the client).
 */
function startWithFirstFlyDocument(context: vscode.ExtensionContext, client: BaseLanguageClient): vscode.Disposable {
    const start = () => {
        watcher.dispose();
        void startClient(context, client);
    };
    const watcher = vscode.workspace.onDidOpenTextDocument(document => {
        if (document.languageId === LANGUAGE_ID) start();
    });
    if (vscode.workspace.textDocuments.some(document => document.languageId === LANGUAGE_ID)) start();
    return watcher;
}

async function startClient(context: vscode.ExtensionContext, client: BaseLanguageClient): Promise<void> {
    await client.start();
    // The team's flywheel.config.json files: read here and sent to the server, which reads no file.
    const configFiles = new ConfigFileSync(client);
    context.subscriptions.push(configFiles);
    await configFiles.start();
}

/** What `activate` returns: VS Code's Markdown preview calls `extendMarkdownIt` with its markdown-it. */
export interface FlywheelExtensionApi {
    extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

let languageClient: BaseLanguageClient | undefined;

/** `readRevision`: how this entry reads a file at a git revision where VS Code's git extension cannot. */
export function activateFlywheel(context: vscode.ExtensionContext, client: BaseLanguageClient, readRevision?: RevisionReader): FlywheelExtensionApi {
    languageClient = client;
    context.subscriptions.push(startWithFirstFlyDocument(context, client));
    // Registered at once, so that a preview restored after a reload finds its commands.
    new PreviewManager(context, client, readRevision);
    new CompareCommands(context, readRevision);
    // Blocks are checked here, in the extension host, with the core services alone: the Markdown
    // preview needs no language server, and a Markdown document never starts one. The language's
    // code is initialised with the first block, not when the Markdown preview activates us.
    const toRenderModels = async (text: string) => (await import('../language/render-model.js')).toRenderModels(text);
    const blocks = new BlockModels(toRenderModels, () => void vscode.commands.executeCommand('markdown.preview.refresh'));
    return { extendMarkdownIt: md => flywheelFences(md, blocks) };
}

export async function deactivateFlywheel(): Promise<void> {
    if (languageClient?.needsStop()) await languageClient.stop();
    languageClient = undefined;
}
