/**
 * Reading and writing `.fly` files for the command line. A file that cannot be read is an
 * `UnreadableFile` with a one-line reason naming the file (and, for bad bytes, the position);
 * `check` and `fmt` report it and go on with the other files. Bad usage is a `UsageError`: the
 * CLI prints it and exits with 2, never with a stack trace.
 */
import {
    accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, ftruncateSync, openSync, readFileSync, realpathSync,
    renameSync, rmSync, type Stats, statSync, writeSync
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Bad usage or unreadable input: exit code 2. */
export class UsageError extends Error {}

export interface SourceFile {
    /** As given on the command line, or relative to the current folder when found by walking. */
    path: string;
    text: string;
    /** The file started with a UTF-8 byte-order mark (not part of `text`); kept when it is rewritten. */
    bom: boolean;
}

/** A `.fly` file that could not be read as text: reported as its `unreadable-file` diagnostic. */
export interface UnreadableFile {
    path: string;
    /** One sentence naming the file and, for bad bytes, where. */
    reason: string;
}

export function isUnreadable<T extends object>(file: T | UnreadableFile): file is UnreadableFile {
    return 'reason' in file;
}

/**
 * Reads a file as strict UTF-8 (a leading byte-order mark is dropped). Anything that is not a
 * regular file (a FIFO would block the read for ever, a device never ends) is refused before it
 * is opened. An empty file is a valid file with no flywheel.
 */
export function tryReadFlyFile(path: string): SourceFile | UnreadableFile {
    let bytes: Buffer;
    try {
        const kind = nonRegularKind(statSync(path));
        if (kind) return { path, reason: `cannot read '${path}': it is ${kind}, not a regular file` };
        bytes = readFileSync(path);
    } catch (error) {
        return { path, reason: `cannot read '${path}': ${describeFsError(error)}` };
    }
    try {
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        return { path, text: decodeUtf8(path, bytes), bom };
    } catch (error) {
        return { path, reason: (error as Error).message };
    }
}

/** The same, for commands that take one file: an unreadable one is bad input (exit code 2). */
export function readFlyFile(path: string): SourceFile {
    const file = tryReadFlyFile(path);
    if (isUnreadable(file)) throw new UsageError(file.reason);
    return file;
}

/** What a non-regular file is, in words; undefined for a regular file. */
export function nonRegularKind(stats: Stats): string | undefined {
    if (stats.isFile()) return undefined;
    if (stats.isDirectory()) return 'a folder';
    if (stats.isFIFO()) return 'a FIFO (named pipe)';
    if (stats.isSocket()) return 'a socket';
    if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
    return 'not a file';
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

/**
 * Writes formatted text back where the file really is. A symbolic link stays a link and its
 * target is formatted; the file keeps its mode (and owner, where allowed); a read-only file is
 * refused and left alone. The new text is complete in memory before anything is written, and:
 * - a file with one name is replaced in one step: the text goes to a temporary file beside the
 *   real file, is flushed to disk, gets the file's mode, and is renamed over it, so a reader (or a
 *   crash) sees the old file or the new one, never half of one;
 * - a file with several hard links cannot be replaced without cutting the other names off, so it
 *   is rewritten in place with one write of the whole text, then flushed and cut to length: the
 *   only moment it is incomplete is during that single write;
 * - so is a file whose folder does not let us create the temporary file.
 */
export function writeFlyFile(file: SourceFile, text: string): void {
    const bytes = Buffer.from((file.bom ? '\ufeff' : '') + text, 'utf8');
    let real: string;
    let stats: Stats;
    try {
        real = realpathSync(file.path);
        stats = statSync(real);
    } catch (error) {
        throw new UsageError(`cannot write '${file.path}': ${describeFsError(error)}`);
    }
    // Root may write anything, so the mode itself says whether the file is meant to be read-only.
    if ((stats.mode & 0o222) === 0 || !canWrite(real)) {
        throw new UsageError(`'${file.path}' is read-only: left as it is`);
    }
    if (stats.nlink > 1 || !replaceAtomically(real, bytes, stats)) writeInPlace(file.path, real, bytes);
}

function canWrite(path: string): boolean {
    try {
        accessSync(path, constants.W_OK);
        return true;
    } catch {
        return false;
    }
}

/** False when the temporary file cannot be created beside the real one (a read-only folder). */
function replaceAtomically(real: string, bytes: Buffer, stats: Stats): boolean {
    const temporary = join(dirname(real), `.${basename(real)}.flywheel-fmt-${process.pid}`);
    let descriptor: number;
    try {
        descriptor = openSync(temporary, 'wx', stats.mode & 0o7777);
    } catch {
        return false;
    }
    try {
        writeSync(descriptor, bytes);
        fchmodSync(descriptor, stats.mode & 0o7777);
        try {
            fchownSync(descriptor, stats.uid, stats.gid);
        } catch {
            // Only root may give a file away; anyone else keeps the file as theirs, as editors do.
        }
        fsyncSync(descriptor);
        closeSync(descriptor);
        renameSync(temporary, real);
        return true;
    } catch (error) {
        rmSync(temporary, { force: true });
        throw new UsageError(`cannot write '${real}': ${describeFsError(error)}`);
    }
}

function writeInPlace(path: string, real: string, bytes: Buffer): void {
    try {
        const descriptor = openSync(real, 'r+');
        try {
            writeSync(descriptor, bytes, 0, bytes.length, 0);
            ftruncateSync(descriptor, bytes.length);
            fsyncSync(descriptor);
        } finally {
            closeSync(descriptor);
        }
    } catch (error) {
        throw new UsageError(`cannot write '${path}': ${describeFsError(error)}`);
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

export function describeFsError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
        case 'ENOENT': return 'no such file or folder';
        case 'EACCES': return 'permission denied';
        case 'EISDIR': return 'is a folder';
        case 'ENOTDIR': return 'a part of the path is not a folder';
        case 'ELOOP': return 'too many symbolic links (a loop)';
        case 'EROFS': return 'read-only file system';
        default: return code ?? String(error);
    }
}
