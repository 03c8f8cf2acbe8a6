/**
 * Standard output and standard error for the commands. Node's `process.stdout` and
 * `process.stderr` are stream objects whose first use loads Node's streams and `net`: about 3 ms
 * of every start (`npm run bench` shows the start-up step by step), for a command that writes its
 * report once. So the descriptors are written directly, and the stream is used only where it is
 * needed: for Windows' console (whose encoding Node's stream handles), to ask whether a character
 * device is a terminal, and after a non-blocking pipe was found full.
 *
 * A reader that goes away early (`| head`, a pager quitting) is not an error: what is left is
 * dropped, and the command runs to its end and exits with the code it found, so
 * `set -o pipefail` in CI still sees a failed check.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

interface Channel {
    fd: 1 | 2;
    stream: () => NodeJS.WriteStream;
    /** Whether writes go through Node's stream (Windows' console, or a pipe that was full once). */
    viaStream?: boolean;
    closed?: boolean;
}

const stdout: Channel = { fd: 1, stream: () => process.stdout };
const stderr: Channel = { fd: 2, stream: () => process.stderr };

export function writeOut(text: string | Uint8Array): void {
    write(stdout, text);
}

export function writeErr(text: string): void {
    write(stderr, text);
}

/** Whether standard output is a terminal, asked of Node's stream only when it could be one. */
export function stdoutIsTerminal(): boolean {
    return couldBeTerminal(stdout.fd) && Boolean(process.stdout.isTTY);
}

function write(channel: Channel, text: string | Uint8Array): void {
    if (channel.closed) return;
    channel.viaStream ??= process.platform === 'win32' && couldBeTerminal(channel.fd);
    if (channel.viaStream) {
        writeToStream(channel, text);
        return;
    }
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    let offset = 0;
    try {
        while (offset < bytes.length) offset += writeSync(channel.fd, bytes, offset);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
            channel.closed = true;
        } else if (code === 'EAGAIN') {
            // A non-blocking pipe that is full: Node's stream waits for the reader, in order, from here on.
            channel.viaStream = true;
            writeToStream(channel, bytes.subarray(offset));
        } else {
            throw error;
        }
    }
}

function writeToStream(channel: Channel, text: string | Uint8Array): void {
    const stream = channel.stream();
    if (stream.listenerCount('error') === 0) {
        stream.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
            channel.closed = true;
        });
    }
    stream.write(text);
}

/** A character device other than the null device (a file or a pipe never is a terminal), or a descriptor that cannot be looked at. */
function couldBeTerminal(fd: number): boolean {
    try {
        const device = fstatSync(fd);
        return device.isCharacterDevice() && (process.platform === 'win32' || device.rdev !== statSync('/dev/null').rdev);
    } catch {
        return true;
    }
}
