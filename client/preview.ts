/**
 * The live wheel preview: a webview per .fly document that redraws while the author types (the
 * server pushes the drawing models as soon as a build is checked; one for an older text than the
 * editor's is dropped, since the newer build's is on its way), keeps the last good drawing with a
 * banner while the text does not parse, follows the cursor, reveals a node's declaration on click,
 * exports SVG and PNG, and comes back after a window reload.
 */
import * as vscode from 'vscode';
import { type BaseLanguageClient, State } from 'vscode-languageclient';
import { PreviewClosedNotification, PreviewOpenedNotification, type RenderModelsParams, RenderModelsNotification } from '../language/preview-protocol.js';
import type { RenderModel, SourceRange } from '../renderer/model.js';
import { EXPORT_FORMATS, exportFormat, type ExportFormat } from '../renderer/export-formats.js';
import { renderSvg, type Theme } from '../renderer/svg.js';
import { type RevisionReader, textAtRevision } from './compare.js';
import { newNonce, previewHtml } from './preview-html.js';
import type { FromPreview, ToPreview } from './webview/messages.js';

export const PREVIEW_VIEW_TYPE = 'flywheel.preview';

export class PreviewManager implements vscode.WebviewPanelSerializer {
    private readonly previews = new Map<string, Preview>();

    constructor(
        private readonly context: vscode.ExtensionContext, private readonly client: BaseLanguageClient, private readonly readRevision?: RevisionReader
    ) {
        context.subscriptions.push(
            vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
            vscode.commands.registerCommand('flywheel.openPreview', (uri?: vscode.Uri) => this.open(uri, vscode.ViewColumn.Active)),
            vscode.commands.registerCommand('flywheel.openPreviewToSide', (uri?: vscode.Uri) => this.open(uri, vscode.ViewColumn.Beside)),
            ...EXPORT_FORMATS.map(({ format, command }) => vscode.commands.registerCommand(command, () => this.exportFromPalette(format))),
            client.onNotification(RenderModelsNotification, params => this.previews.get(params.uri)?.show(params)),
            // A restarted server knows no previews: tell it again (the first start does this too).
            client.onDidChangeState(event => {
                if (event.newState === State.Running) for (const preview of this.previews.values()) void preview.subscribe();
            }),
            vscode.window.onDidChangeTextEditorSelection(event =>
                this.previews.get(event.textEditor.document.uri.toString())?.followCursor(event.selections[0].active))
        );
    }

    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const uri = (state as { uri?: string } | undefined)?.uri;
        if (!uri) {
            panel.dispose();
            return;
        }
        this.adopt(panel, vscode.Uri.parse(uri));
    }

    private async open(resource: vscode.Uri | undefined, column: vscode.ViewColumn): Promise<void> {
        const uri = resource ?? vscode.window.activeTextEditor?.document.uri;
        if (!uri) return;
        const existing = this.previews.get(uri.toString());
        if (existing) {
            existing.panel.reveal(column, true);
            return;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, previewTitle(uri), { viewColumn: column, preserveFocus: true }, {
            enableScripts: true,
            retainContextWhenHidden: true,
            localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview')]
        });
        this.adopt(panel, uri);
    }

    private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri): void {
        const preview = new Preview(this.context, this.client, panel, uri, this.readRevision);
        this.previews.set(uri.toString(), preview);
        panel.onDidDispose(() => {
            this.previews.delete(uri.toString());
            preview.unsubscribe();
        });
        if (this.client.isRunning()) void preview.subscribe();
    }

    /** Export from the command palette: the preview in front, or one opened beside the .fly editor. */
    private async exportFromPalette(format: ExportFormat): Promise<void> {
        let preview = this.active();
        const editor = vscode.window.activeTextEditor;
        if (!preview && editor?.document.languageId === 'flywheel') {
            await this.open(editor.document.uri, vscode.ViewColumn.Beside);
            preview = this.previews.get(editor.document.uri.toString());
        }
        if (!preview) {
            void vscode.window.showInformationMessage('Open a .fly file or its preview to export its wheel.');
            return;
        }
        // A file that never parses is never drawn: give up waiting rather than hang the command.
        await Promise.race([preview.drawn, new Promise(resolve => setTimeout(resolve, 5000))]);
        await preview.export(format);
    }

    /** The preview in front, or the one of the active editor's document. */
    private active(): Preview | undefined {
        return [...this.previews.values()].find(p => p.panel.active) ?? this.previews.get(vscode.window.activeTextEditor?.document.uri.toString() ?? '');
    }
}

class Preview {
    /** Settles once the first drawing has been made (an export needs the models and, for PNG, the page). */
    readonly drawn: Promise<void>;
    private markDrawn: () => void = () => undefined;
    private models: RenderModel[] = [];
    /** What the page is to show: the latest push, kept until the page is ready for it. */
    private latest: ToPreview | undefined;
    private pageReady = false;
    private rasterCount = 0;
    private rasterRequests = new Map<number, (result: { png?: string; error?: string }) => void>();
    /** The text at HEAD while the toolbar's "Changes since HEAD" is on (its text undefined: the file is new since HEAD). */
    private head: { text: string | undefined } | undefined;
    private lastPush: RenderModelsParams | undefined;

    constructor(
        context: vscode.ExtensionContext, private readonly client: BaseLanguageClient, readonly panel: vscode.WebviewPanel, private readonly uri: vscode.Uri,
        private readonly readRevision?: RevisionReader
    ) {
        const webview = panel.webview;
        webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'out', 'webview')] };
        panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
        webview.html = previewHtml({
            cspSource: webview.cspSource,
            nonce: newNonce(),
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'out', 'webview', 'preview.js')).toString(),
            changesToggle: true
        });
        webview.onDidReceiveMessage((message: FromPreview) => this.receive(message));
        this.drawn = new Promise(resolve => { this.markDrawn = resolve; });
    }

    /** Asks the server to push this document's drawing after every build (the server knows only open documents). */
    async subscribe(): Promise<void> {
        try {
            await vscode.workspace.openTextDocument(this.uri);
            await this.client.sendNotification(PreviewOpenedNotification, { uri: this.uri.toString() });
        } catch {
            // The server stops or restarts: it is told again once it runs.
        }
    }

    unsubscribe(): void {
        if (this.client.isRunning()) void this.client.sendNotification(PreviewClosedNotification, { uri: this.uri.toString() }).catch(() => undefined);
    }

    show(push: RenderModelsParams): void {
        const { version, result } = push;
        const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === this.uri.toString());
        if (document && version < document.version) return; // stale: the newer text's build pushes next
        this.lastPush = push;
        if (result.kind === 'models' && this.head && document) {
            this.models = result.models;
            void this.showChanges(document, version);
            return;
        }
        if (result.kind === 'models') {
            this.models = result.models;
            this.latest = { type: 'render', uri: this.uri.toString(), svg: this.models.map(model => renderSvg(model)).join('\n'), notDrawn: result.notDrawn };
        } else {
            this.latest = { type: 'syntax-error', message: `line ${result.line + 1}: ${result.message}` };
        }
        if (this.pageReady) this.post(this.latest);
    }

    /** The visual diff of the editor's text against HEAD, in place of the plain drawing. */
    private async showChanges(document: vscode.TextDocument, version: number): Promise<void> {
        const { changeDrawingsOfTexts } = await import('../language/change-drawings.js');
        const result = await changeDrawingsOfTexts(this.head?.text, document.getText());
        if (!this.head || document.version !== version) return; // turned off, or newer text on its way
        this.latest = result.kind === 'drawings'
            ? { type: 'render', uri: this.uri.toString(), svg: result.drawings.map(d => d.svg).join('\n') }
            : { type: 'syntax-error', message: `the version at HEAD does not parse (line ${result.line + 1}: ${result.message}), so what changed cannot be drawn` };
        if (this.pageReady) this.post(this.latest);
    }

    /** "Changes since HEAD": reads HEAD's text when turned on (once), and redraws. */
    private async toggleChanges(): Promise<void> {
        if (this.head) {
            this.head = undefined;
        } else {
            try {
                this.head = { text: await textAtRevision(this.uri, 'HEAD', this.readRevision) };
            } catch (error) {
                void vscode.window.showErrorMessage(`Cannot show the changes since HEAD: ${(error as Error).message}`);
            }
        }
        this.post({ type: 'changes-shown', on: this.head !== undefined });
        if (this.lastPush) this.show(this.lastPush);
    }

    followCursor(position: vscode.Position): void {
        for (const model of this.models) {
            const node = model.nodes.find(n => contains(n.range, position));
            const link = node ? undefined : model.links.find(l => contains(l.range, position));
            if (node || link) {
                this.post({ type: 'highlight', flywheel: model.name, node: node?.name, link: link?.index });
                return;
            }
        }
        this.post({ type: 'highlight' });
    }

    async export(format: ExportFormat): Promise<void> {
        if (this.models.length === 0) {
            void vscode.window.showInformationMessage('Nothing to export yet: no flywheel of this file has been drawn.');
            return;
        }
        const model = await this.pickFlywheel();
        if (!model) return;
        const kind = vscode.window.activeColorTheme.kind;
        const theme: Theme = kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight ? 'light' : 'dark';
        const svg = renderSvg(model, { theme, standalone: true });
        const base = this.uri.path.replace(/\.fly$/, '') + (this.models.length > 1 ? `-${model.name}` : '');
        // The save dialog asks before replacing a file: nothing is overwritten without asking.
        const target = await vscode.window.showSaveDialog({
            defaultUri: this.uri.with({ path: `${base}.${format}` }),
            filters: { [`${exportFormat(format).name} image`]: [format] }
        });
        if (!target) return;
        if (target.path.endsWith('.fly')) {
            void vscode.window.showErrorMessage('The drawing was not saved: that is a .fly file.');
            return;
        }
        const bytes = format === 'svg' ? new TextEncoder().encode(svg) : await this.rasterize(svg);
        if (!bytes) return;
        await vscode.workspace.fs.writeFile(target, bytes);
        void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(target)}`);
    }

    private async pickFlywheel(): Promise<RenderModel | undefined> {
        if (this.models.length <= 1) return this.models[0];
        const picked = await vscode.window.showQuickPick(this.models.map(m => ({ label: m.label, description: m.name, model: m })), { placeHolder: 'Which flywheel?' });
        return picked?.model;
    }

    private async rasterize(svg: string): Promise<Uint8Array | undefined> {
        const id = ++this.rasterCount;
        const result = await new Promise<{ png?: string; error?: string }>(resolve => {
            this.rasterRequests.set(id, resolve);
            this.post({ type: 'rasterize', id, svg, scale: 2 });
        });
        if (!result.png) {
            void vscode.window.showErrorMessage(`The PNG could not be made: ${result.error ?? 'unknown error'}`);
            return undefined;
        }
        return Uint8Array.from(atob(result.png), char => char.charCodeAt(0));
    }

    private receive(message: FromPreview): void {
        switch (message.type) {
            case 'ready':
                this.pageReady = true;
                if (this.latest) this.post(this.latest);
                return;
            case 'rendered':
                if (this.models.length > 0) this.markDrawn();
                return;
            case 'reveal': return void this.reveal(message.flywheel, message.node);
            case 'export': return void this.export(message.format);
            case 'toggle-changes': return void this.toggleChanges();
            case 'rasterized': {
                this.rasterRequests.get(message.id)?.(message);
                this.rasterRequests.delete(message.id);
            }
        }
    }

    private async reveal(flywheel: string, name: string): Promise<void> {
        const range = this.models.find(m => m.name === flywheel)?.nodes.find(n => n.name === name)?.range;
        if (!range) return;
        const selection = new vscode.Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
        const visible = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === this.uri.toString());
        await vscode.window.showTextDocument(this.uri, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection });
    }

    private post(message: ToPreview): void {
        void this.panel.webview.postMessage(message);
    }
}

function contains(range: SourceRange | undefined, position: vscode.Position): boolean {
    if (!range) return false;
    return new vscode.Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter).contains(position);
}

function previewTitle(uri: vscode.Uri): string {
    return `Preview ${uri.path.split('/').pop()}`;
}
