/**
 * Bad request parameters get JSON-RPC's InvalidParams (-32602) saying what is wrong, instead of an
 * internal error (-32603) carrying a raw JavaScript message from deep inside a handler, or a
 * `null` answer to a position that is not one. Langium registers its handlers through the
 * connection's `onX` methods, so the connection it is given checks, before each handler runs,
 * the parameters its request cannot do without.
 */
import { type Connection, ErrorCodes, ResponseError } from 'vscode-languageserver';

type Need = 'textDocument' | 'position' | 'range' | 'newName';

const AT_POSITION: Need[] = ['textDocument', 'position'];

/** The connection's registration methods Langium uses, with their request and what it needs. */
const REQUESTS: Record<string, [method: string, needs: Need[]]> = {
    onHover: ['textDocument/hover', AT_POSITION],
    onCompletion: ['textDocument/completion', AT_POSITION],
    onDefinition: ['textDocument/definition', AT_POSITION],
    onTypeDefinition: ['textDocument/typeDefinition', AT_POSITION],
    onImplementation: ['textDocument/implementation', AT_POSITION],
    onDeclaration: ['textDocument/declaration', AT_POSITION],
    onReferences: ['textDocument/references', AT_POSITION],
    onDocumentHighlight: ['textDocument/documentHighlight', AT_POSITION],
    onSignatureHelp: ['textDocument/signatureHelp', AT_POSITION],
    onPrepareRename: ['textDocument/prepareRename', AT_POSITION],
    onRenameRequest: ['textDocument/rename', [...AT_POSITION, 'newName']],
    onDocumentOnTypeFormatting: ['textDocument/onTypeFormatting', AT_POSITION],
    onDocumentRangeFormatting: ['textDocument/rangeFormatting', ['textDocument', 'range']],
    onCodeAction: ['textDocument/codeAction', ['textDocument', 'range']],
    onDocumentSymbol: ['textDocument/documentSymbol', ['textDocument']],
    onFoldingRanges: ['textDocument/foldingRange', ['textDocument']],
    onDocumentFormatting: ['textDocument/formatting', ['textDocument']],
    onDocumentLinks: ['textDocument/documentLink', ['textDocument']],
    onCodeLens: ['textDocument/codeLens', ['textDocument']]
};

/** The connection, with each handler registered through it checking its parameters first. */
export function withCheckedParams(connection: Connection): Connection {
    return new Proxy(connection, {
        get(target, property, receiver) {
            const value: unknown = Reflect.get(target, property, receiver);
            const request = typeof property === 'string' ? REQUESTS[property] : undefined;
            if (!request || typeof value !== 'function') return value;
            const [method, needs] = request;
            return (handler: (params: unknown, ...rest: unknown[]) => unknown, ...more: unknown[]) =>
                (value as (...args: unknown[]) => unknown).call(target, (params: unknown, ...rest: unknown[]) => {
                    const problem = problemWith(params, needs);
                    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${problem}`);
                    return handler(params, ...rest);
                }, ...more);
        }
    });
}

/** What is wrong with the parameters, in a sentence, or undefined. */
export function problemWith(params: unknown, needs: Need[]): string | undefined {
    if (!isObject(params)) return 'the parameters must be an object';
    for (const need of needs) {
        const value = params[need];
        switch (need) {
            case 'textDocument':
                if (!isObject(value) || typeof value.uri !== 'string') return "'textDocument' must be { uri } with the document's URI as a string";
                break;
            case 'position':
                if (!isPosition(value)) return "'position' must be { line, character }, whole numbers from 0";
                break;
            case 'range':
                if (!isObject(value) || !isPosition(value.start) || !isPosition(value.end)) return "'range' must be { start, end }, two positions";
                break;
            case 'newName':
                if (typeof value !== 'string') return "'newName' must be a string";
                break;
        }
    }
    return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): boolean {
    return isObject(value) && isWholeNumber(value.line) && isWholeNumber(value.character);
}

function isWholeNumber(value: unknown): boolean {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
