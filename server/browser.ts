/**
 * The language server in a Web Worker (the web extension's): Langium's services over the
 * worker's messages. No file system: the server only knows the documents the editor sends it.
 */
import { EmptyFileSystem } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { createFlywheelServices } from '../language/flywheel-lsp-module.js';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
const { shared } = createFlywheelServices({ connection, ...EmptyFileSystem });
startLanguageServer(shared);
