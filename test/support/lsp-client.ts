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
import { PreviewOpenedNotification, type RenderModelsParams, RenderModelsNotification } from '../../language/preview-protocol.js';

export interface LspSession {
    connection: ProtocolConnection;
    /**
     * Resolves with the next diagnostics published for `uri`. Ask before sending the change:
     * Langium publishes without a document version, in build order.
     */
    nextDiagnostics(uri: string): Promise<Diagnostic[]>;
    /** Every diagnostics notification so far, in the order received. */
    published: PublishDiagnosticsParams[];
    /** Asks the server to push `uri`'s render models (as a preview does) and resolves with the first push. */
    openPreview(uri: string): Promise<RenderModelsParams>;
    /** Resolves with the next render models pushed for `uri` (ask before sending the change). */
    nextRenderModels(uri: string): Promise<RenderModelsParams>;
    /** Every render-models notification so far, in the order received. */
    pushed: RenderModelsParams[];
    /** The server's process id (to read its memory use). */
    pid: number;
    /** Sets what the server gets back when it asks for the `flywheel` configuration section. */
    configuration: Record<string, unknown>;
    /**
     * Forces a full garbage collection in the server, then reads its memory (MB): what is left is
     * live, not garbage. Only for a server started with `{ memoryProbe: true }`.
     */
    memoryAfterGc(): Promise<{ rss: number; heapUsed: number }>;
    close(): Promise<void>;
}

/**
 * Loaded into the server's Node before the server itself when a memory probe is asked for: on
 * SIGUSR2 it collects garbage and writes the memory use, as one JSON line, to file descriptor 3.
 */
const MEMORY_PROBE = `const fs = process.getBuiltinModule('node:fs');
process.on('SIGUSR2', () => {
    globalThis.gc();
    const { rss, heapUsed } = process.memoryUsage();
    fs.writeSync(3, JSON.stringify({ rss, heapUsed }) + '\\n');
});`;

/** `nodeOptions` are passed to the server's Node (e.g. `--cpu-prof` when profiling). */
export async function startLanguageServer(nodeOptions: string[] = [], { memoryProbe = false } = {}): Promise<LspSession> {
    const probe = memoryProbe ? ['--expose-gc', `--import=data:text/javascript,${encodeURIComponent(MEMORY_PROBE)}`] : [];
    const server: ChildProcess = spawn(process.execPath, [...probe, ...nodeOptions, resolve('out/server.cjs'), '--stdio'], {
        stdio: ['pipe', 'pipe', 'inherit', memoryProbe ? 'pipe' : 'ignore']
    });
    const probeLines: Array<(line: string) => void> = [];
    let probeOutput = '';
    (server.stdio[3] as NodeJS.ReadableStream | null)?.on('data', (chunk: Buffer) => {
        probeOutput += chunk.toString('utf8');
        for (let end = probeOutput.indexOf('\n'); end >= 0; end = probeOutput.indexOf('\n')) {
            const line = probeOutput.slice(0, end);
            probeOutput = probeOutput.slice(end + 1);
            probeLines.shift()?.(line);
        }
    });
    const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    const waiters: Array<{ uri: string; resolve: (d: Diagnostic[]) => void }> = [];
    const renderWaiters: Array<{ uri: string; resolve: (p: RenderModelsParams) => void }> = [];
    const session: LspSession = {
        connection,
        configuration: {},
        published: [],
        pushed: [],
        pid: server.pid!,
        nextDiagnostics(uri) {
            return new Promise(resolve => waiters.push({ uri, resolve }));
        },
        nextRenderModels(uri) {
            return new Promise(resolve => renderWaiters.push({ uri, resolve }));
        },
        async openPreview(uri) {
            const pushed = session.nextRenderModels(uri);
            await connection.sendNotification(PreviewOpenedNotification, { uri });
            return pushed;
        },
        memoryAfterGc() {
            if (!memoryProbe) throw new Error('start the server with { memoryProbe: true } to read its memory');
            return new Promise(resolveMemory => {
                probeLines.push(line => {
                    const { rss, heapUsed } = JSON.parse(line) as { rss: number; heapUsed: number };
                    resolveMemory({ rss: rss / 2 ** 20, heapUsed: heapUsed / 2 ** 20 });
                });
                server.kill('SIGUSR2');
            });
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
    connection.onNotification(RenderModelsNotification, params => {
        session.pushed.push(params);
        for (const waiter of renderWaiters.filter(w => w.uri === params.uri)) {
            renderWaiters.splice(renderWaiters.indexOf(waiter), 1);
            waiter.resolve(params);
        }
    });
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
        params.items.map(item => (item.section === 'flywheel' ? session.configuration : null)));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {
            workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
            textDocument: { publishDiagnostics: { versionSupport: true } }
        }
    });
    await connection.sendNotification('initialized', {});
    return session;
}
