/**
 * A minimal LSP client over stdio for tests and benchmarks: spawns the built language server
 * (out/server.cjs) and talks JSON-RPC to it, exactly as an editor does, with no VS Code involved.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
    createProtocolConnection, type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams,
    StreamMessageReader, StreamMessageWriter
} from 'vscode-languageserver-protocol/node';

export interface LspSession {
    connection: ProtocolConnection;
    /**
     * Resolves with the next diagnostics published for `uri`. Ask before sending the change:
     * Langium publishes without a document version, in build order.
     */
    nextDiagnostics(uri: string): Promise<Diagnostic[]>;
    /** Every diagnostics notification so far, in the order received. */
    published: PublishDiagnosticsParams[];
    /** The server's process id (to read its memory use). */
    pid: number;
    /** Sets what the server gets back when it asks for the `flywheel` configuration section. */
    configuration: Record<string, unknown>;
    close(): Promise<void>;
}

/** `nodeOptions` are passed to the server's Node (e.g. `--cpu-prof` when profiling). */
export async function startLanguageServer(nodeOptions: string[] = []): Promise<LspSession> {
    const server: ChildProcess = spawn(process.execPath, [...nodeOptions, resolve('out/server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    const waiters: Array<{ uri: string; resolve: (d: Diagnostic[]) => void }> = [];
    const session: LspSession = {
        connection,
        configuration: {},
        published: [],
        pid: server.pid!,
        nextDiagnostics(uri) {
            return new Promise(resolve => waiters.push({ uri, resolve }));
        },
        async close() {
            await connection.sendRequest('shutdown');
            await connection.sendNotification('exit');
            connection.dispose();
            await new Promise(done => (server.exitCode !== null ? done(undefined) : server.once('exit', done)));
        }
    };
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        session.published.push(params);
        for (const waiter of [...waiters]) {
            if (waiter.uri !== params.uri) continue;
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(params.diagnostics);
        }
    });
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
        params.items.map(item => (item.section === 'flywheel' ? session.configuration : null)));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } }
    });
    await connection.sendNotification('initialized', {});
    return session;
}
