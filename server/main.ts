/** The language server: Langium's services over a Node IPC or stdio connection. */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createFlywheelServices } from '../language/flywheel-lsp-module.js';

const connection = createConnection(ProposedFeatures.all);
const { shared } = createFlywheelServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
