/**
 * The editor's document builder. Langium cancels a build when a newer edit arrives, but only at
 * its checkpoints, and parsing is one uninterruptible step: a 5 MB file takes about a second. When
 * edits come in a burst (a multi-cursor edit, an undo of many changes, a paste), each one would be
 * parsed before the next could cancel it. So the build first waits a moment that grows with the
 * text (a millisecond per 100 KB, at most 50 ms: under 3% of the parse it may save), long enough
 * for the next edit of a large file to come through the pipe and cancel this build.
 *
 * A request about a document the editor has just opened waits for it, instead of failing with
 * "no document found" while the document's first build is queued behind a long one.
 */
import { type BuildOptions, DefaultDocumentBuilder, delayNextTick, type DocumentState, type LangiumDocument, OperationCancelled, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken } from 'vscode-languageserver';

const BYTES_PER_MILLISECOND = 100_000;
const MAX_WAIT_MS = 50;

export class FlywheelDocumentBuilder extends DefaultDocumentBuilder {
    private readonly openDocuments: LangiumSharedServices['workspace']['TextDocuments'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.openDocuments = services.workspace.TextDocuments;
    }

    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: CancellationToken): Promise<URI> {
        if (this.langiumDocuments.hasDocument(uri) || !this.openDocuments.get(uri.toString())) return super.awaitDocumentState(state, uri, cancelToken);
        return new Promise((resolve, reject) => {
            const known = this.onUpdate(() => {
                if (!this.langiumDocuments.hasDocument(uri)) return;
                stop();
                resolve(super.awaitDocumentState(state, uri, cancelToken));
            });
            const cancelled = cancelToken.onCancellationRequested(() => {
                stop();
                reject(OperationCancelled);
            });
            const stop = () => { known.dispose(); cancelled.dispose(); };
        });
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        const wait = Math.min(MAX_WAIT_MS, documents.reduce((sum, document) => sum + sizeOf(document), 0) / BYTES_PER_MILLISECOND);
        // A small file is not held up: one turn of the event loop (a timer is at least 1 ms); Langium's turn works in a browser too.
        await (wait < 1 ? delayNextTick() : new Promise(resolve => setTimeout(resolve, wait)));
        if (cancelToken.isCancellationRequested) throw OperationCancelled;
        return super.buildDocuments(documents, options, cancelToken);
    }
}

function sizeOf(document: LangiumDocument): number {
    try {
        return document.textDocument.getText().length;
    } catch {
        return 0; // a document Langium has not read yet: no reason to wait for it
    }
}
