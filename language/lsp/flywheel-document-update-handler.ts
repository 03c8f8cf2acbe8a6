/**
 * What happens when the editor closes a document. Langium keeps a closed document as it was last
 * edited, because workspace files are part of its index. That is wrong twice for `.fly` files:
 * an untitled or virtual document would stay in memory (and in the Problems panel) for the rest
 * of the session, and a file closed without saving would keep showing diagnostics for text that
 * no longer exists. So a closed file is re-read from disk, and anything else is forgotten.
 *
 * An editor may also send documents that are not ours (a `plaintext` `.txt` file): Langium would
 * try to build them, fail in a promise nobody awaits, and the process would exit. They are left
 * out, and a build that fails anyway is logged rather than allowed to end the server.
 */
import { type FileSystemProvider, URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocument, TextDocumentChangeEvent } from 'vscode-languageserver';

export class FlywheelDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly fileSystem: FileSystemProvider;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.fileSystem = services.workspace.FileSystemProvider;
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        const ours = changed.filter(uri => this.serviceRegistry.hasServices(uri));
        if (ours.length === 0 && deleted.length === 0) return;
        this.workspaceManager.ready
            .then(() => this.workspaceLock.write(token => this.documentBuilder.update(ours, deleted, token)))
            .catch(error => console.error('Could not update the documents:', error));
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        const onDisk = uri.scheme === 'file' && this.fileSystem.existsSync(uri);
        this.fireDocumentUpdate(onDisk ? [uri] : [], onDisk ? [] : [uri]);
    }
}
