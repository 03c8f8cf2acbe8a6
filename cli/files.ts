/**
 * Finding and reading `.fly` files for the command line. Every failure is a `UsageError` with a
 * one-line message naming the file (and, for bad bytes, the position): the CLI prints it and
 * exits with 2, never with a stack trace.
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Bad usage or unreadable input: exit code 2. */
export class UsageError extends Error {}

export interface SourceFile {
    /** As given on the command line, or relative to the current folder when found by walking. */
    path: string;
    text: string;
    /** The file started with a UTF-8 byte-order mark (not part of `text`); kept when it is rewritten. */
    bom: boolean;
}

/** Folders never walked: dependencies and hidden folders such as `.git`. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/** The `.fly` files named by `paths`: files as given, folders walked in a stable (sorted) order. */
export function findFlyFiles(paths: string[]): string[] {
    return paths.flatMap(path => {
        const stats = statOrThrow(path);
        if (!stats.isDirectory()) {
            if (!path.endsWith('.fly')) throw new UsageError(`'${path}' is not a .fly file`);
            return [path];
        }
        const found = walk(path).map(file => relative(process.cwd(), file) || file);
        if (found.length === 0) throw new UsageError(`no .fly files found in '${path}'`);
        return found;
    });
}

function walk(folder: string): string[] {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return entries.flatMap(entry => {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) return entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name) ? [] : walk(path);
        return entry.isFile() && entry.name.endsWith('.fly') ? [path] : [];
    });
}

function statOrThrow(path: string) {
    try {
        return statSync(path);
    } catch (error) {
        throw new UsageError(`cannot read '${path}': ${describeFsError(error)}`);
    }
}

/** Reads a file as strict UTF-8 (a leading byte-order mark is dropped). */
export function readFlyFile(path: string): SourceFile {
    let bytes: Buffer;
    try {
        bytes = readFileSync(path);
    } catch (error) {
        throw new UsageError(`cannot read '${path}': ${describeFsError(error)}`);
    }
    if (bytes.length === 0) {
        throw new UsageError(`'${path}' is empty (0 bytes): expected at least one flywheel`);
    }
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { path, text: decodeUtf8(path, bytes), bom };
}

export function decodeUtf8(path: string, bytes: Uint8Array): string {
    try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
        const { line, column, byte } = firstInvalidUtf8(bytes);
        throw new UsageError(`'${path}' is not UTF-8 text: invalid byte 0x${byte.toString(16).padStart(2, '0')} at line ${line}, column ${column}`);
    }
}

/** Where UTF-8 decoding first fails: 1-based line and column (in characters) and the byte. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number; byte: number } {
    // Streaming decoding fails exactly when a prefix holds an invalid byte, so the first bad
    // byte is found by binary search over prefix lengths.
    const validSoFar = (length: number) => {
        try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
            return true;
        } catch {
            return false;
        }
    };
    let good = 0;
    let bad = bytes.length;
    while (bad - good > 1) {
        const middle = (good + bad) >> 1;
        if (validSoFar(middle)) good = middle;
        else bad = middle;
    }
    // When the byte that fails ends a sequence begun earlier, report where that sequence starts.
    if (!isComplete(bytes.subarray(0, good))) {
        let start = good - 1;
        while (start > 0 && good - start < 4 && (bytes[start] & 0xc0) === 0x80) start--;
        if (bytes[start] >= 0xc0) good = start;
    }
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, good));
    const lines = prefix.split('\n');
    return { line: lines.length, column: [...lines[lines.length - 1]].length + 1, byte: bytes[good] };
}

/** Replaces a file's text in one step (a temporary file renamed over it), so no half-written file is ever left. */
export function writeFlyFile(file: SourceFile, text: string): void {
    const temporary = `${file.path}.fly-fmt-${process.pid}`;
    try {
        writeFileSync(temporary, (file.bom ? '\ufeff' : '') + text);
        renameSync(temporary, file.path);
    } catch (error) {
        rmSync(temporary, { force: true });
        throw new UsageError(`cannot write '${file.path}': ${describeFsError(error)}`);
    }
}

function isComplete(bytes: Uint8Array): boolean {
    try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return true;
    } catch {
        return false;
    }
}

function describeFsError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
        case 'ENOENT': return 'no such file or folder';
        case 'EACCES': return 'permission denied';
        case 'EISDIR': return 'is a folder';
        default: return code ?? String(error);
    }
}
