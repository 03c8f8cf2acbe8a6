/**
 * What happens when the editor closes a document. Langium keeps a closed document as it was last
 * edited, because workspace files are part of its index. That is wrong twice for `.fly` files:
 * an untitled or virtual document would stay in memory (and in the Problems panel) for the rest
 * of the session, and a file closed without saving would keep showing diagnostics for text that
 * no longer exists. So a closed file is re-read from disk, and anything else is forgotten.
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

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        const onDisk = uri.scheme === 'file' && this.fileSystem.existsSync(uri);
        this.fireDocumentUpdate(onDisk ? [uri] : [], onDisk ? [] : [uri]);
    }
}
