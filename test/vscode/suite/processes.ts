/** The Node extension host's child processes, read from /proc (Linux): the language servers it started. */
import { readdirSync, readFileSync } from 'node:fs';

/** The language servers this extension host started: its child processes running out/server.cjs. */
export function languageServerPids(): number[] {
    return readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).map(Number).filter(pid => {
        try {
            // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after its ')'.
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
            return parent === process.pid && commandLine.some(argument => argument.endsWith('out/server.cjs'));
        } catch {
            return false; // the process ended while we looked
        }
    });
}

export function isRunning(pid: number): boolean {
    try {
        // Signal 0 checks the process exists; a killed child stays a zombie until reaped, so read its state too.
        process.kill(pid, 0);
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
        return false;
    }
}
