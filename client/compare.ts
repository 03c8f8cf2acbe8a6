/**
 * "Flywheel: Compare with HEAD" (and with a git revision, or with another file): the text diff,
 * and beside it the visual diff (language/change-drawings.ts) in a preview page. The old text of
 * a revision comes from the built-in git extension's API when it is there, else from the entry
 * point's own reader (the desktop one runs `git show`; the web one has none). The working copy's
 * text is the editor's, unsaved edits included.
 */
import * as vscode from 'vscode';
import { newNonce, previewHtml } from './preview-html.js';
import type { FromPreview, ToPreview } from './webview/messages.js';

/** A file's text at a git revision; undefined when the file is not in that revision. Throws when there is no git to ask. */
export type RevisionReader = (file: vscode.Uri, revision: string) => Promise<string | undefined>;

export const CHANGES_VIEW_TYPE = 'flywheel.changes';
/** The old versions the text diff shows, by the address it opens them at. */
const OLD_SCHEME = 'flywheel-old';

interface GitApi {
    getRepository(uri: vscode.Uri): { show(ref: string, path: string): Promise<string> } | null;
}

export class CompareCommands {
    private readonly oldTexts = new Map<string, string>();
    private panel: vscode.WebviewPanel | undefined;
    private pageReady = false;
    private latest: ToPreview | undefined;

    constructor(private readonly context: vscode.ExtensionContext, private readonly readRevision?: RevisionReader) {
        context.subscriptions.push(
            vscode.workspace.registerTextDocumentContentProvider(OLD_SCHEME, { provideTextDocumentContent: uri => this.oldTexts.get(uri.toString()) ?? '' }),
            vscode.commands.registerCommand('flywheel.compareWithHead', (uri?: vscode.Uri) => this.compareWithRevision(uri, 'HEAD')),
            vscode.commands.registerCommand('flywheel.compareWithRevision', (uri?: vscode.Uri, revision?: string) => this.compareWithRevision(uri, revision)),
            vscode.commands.registerCommand('flywheel.compareWithFile', (uri?: vscode.Uri, other?: vscode.Uri) => this.compareWithFile(uri, other))
        );
    }

    private async compareWithRevision(resource: vscode.Uri | undefined, revision: string | undefined): Promise<void> {
        const file = resource ?? activeFlyFile();
        if (!file) return;
        const ref = revision ?? await vscode.window.showInputBox({ prompt: 'Compare with which git revision (a branch, a tag, a commit)?', value: 'HEAD' });
        if (!ref) return;
        let oldText: string | undefined;
        try {
            oldText = await textAtRevision(file, ref, this.readRevision);
        } catch (error) {
            void vscode.window.showErrorMessage(`Cannot read ${vscode.workspace.asRelativePath(file)} at ${ref}: ${(error as Error).message}`);
            return;
        }
        await this.compare(file, oldText, `${ref}`);
    }

    private async compareWithFile(resource: vscode.Uri | undefined, otherFile: vscode.Uri | undefined): Promise<void> {
        const file = resource ?? activeFlyFile();
        if (!file) return;
        const other = otherFile ?? (await vscode.window.showOpenDialog({ title: 'Compare with which .fly file?', filters: { Flywheel: ['fly'] }, canSelectMany: false }))?.[0];
        if (!other) return;
        const oldText = new TextDecoder().decode(await vscode.workspace.fs.readFile(other));
        await this.compare(file, oldText, vscode.workspace.asRelativePath(other));
    }

    /** The text diff, and the visual diff beside it. */
    private async compare(file: vscode.Uri, oldText: string | undefined, against: string): Promise<void> {
        const document = await vscode.workspace.openTextDocument(file);
        const name = file.path.split('/').pop()!;
        const oldUri = vscode.Uri.from({ scheme: OLD_SCHEME, path: file.path, query: against });
        this.oldTexts.set(oldUri.toString(), oldText ?? '');
        await vscode.commands.executeCommand('vscode.diff', oldUri, file, `${name} (${against}) ↔ ${name}`, { preview: true });
        const { changeDrawingsOfTexts } = await import('../language/change-drawings.js');
        const result = await changeDrawingsOfTexts(oldText, document.getText());
        this.show(`Changes in ${name} since ${against}`, result.kind === 'drawings'
            ? { type: 'render', uri: file.toString(), svg: result.drawings.map(d => d.svg).join('\n') }
            : { type: 'syntax-error', message: `${result.side === 'old' ? `the version at ${against}` : 'the file'} does not parse (line ${result.line + 1}: ${result.message}), so what changed cannot be drawn` });
    }

    private show(title: string, message: ToPreview): void {
        if (!this.panel) {
            this.panel = vscode.window.createWebviewPanel(CHANGES_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
                enableScripts: true,
                retainContextWhenHidden: true,
                localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview')]
            });
            const webview = this.panel.webview;
            webview.html = previewHtml({
                cspSource: webview.cspSource,
                nonce: newNonce(),
                scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview', 'preview.js')).toString()
            });
            webview.onDidReceiveMessage((received: FromPreview) => this.receive(received));
            this.panel.onDidDispose(() => {
                this.panel = undefined;
                this.pageReady = false;
            });
        }
        this.panel.title = title;
        this.panel.reveal(vscode.ViewColumn.Beside, true);
        this.latest = message;
        if (this.pageReady) void this.panel.webview.postMessage(message);
    }

    private receive(message: FromPreview): void {
        if (message.type === 'ready') {
            this.pageReady = true;
            if (this.latest) void this.panel?.webview.postMessage(this.latest);
        } else if (message.type === 'export') {
            void vscode.window.showInformationMessage(`To save the drawing of what changed, run: flywheel diff OLD NEW --format ${message.format} -o OUT`);
        }
    }
}

/** The git extension's answer when it is there and knows the file's repository, else the entry point's reader. */
export async function textAtRevision(file: vscode.Uri, revision: string, readRevision: RevisionReader | undefined): Promise<string | undefined> {
    const repository = await gitRepositoryOf(file);
    if (repository) {
        try {
            return await repository.show(revision, file.fsPath);
        } catch {
            // Not in that revision (or no such revision): the reader below says which.
        }
    }
    if (!readRevision) throw new Error('git is not available here');
    return readRevision(file, revision);
}

/** The git extension's repository for the file, when the extension is there, enabled and knows one. */
async function gitRepositoryOf(file: vscode.Uri): Promise<ReturnType<GitApi['getRepository']>> {
    const git = vscode.extensions.getExtension<{ enabled: boolean; getAPI(version: 1): GitApi }>('vscode.git');
    try {
        const api = git && (git.isActive ? git.exports : await git.activate());
        return api?.enabled ? api.getAPI(1).getRepository(file) : null;
    } catch {
        return null; // it failed to activate (as in code-server): the entry's reader is used instead
    }
}

function activeFlyFile(): vscode.Uri | undefined {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId === 'flywheel') return document.uri;
    void vscode.window.showInformationMessage('Open a .fly file to compare it.');
    return undefined;
}
