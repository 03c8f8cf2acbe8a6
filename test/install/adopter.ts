/**
 * Another team's repository adopting the tool: a temporary git repository with its own
 * package.json, where npm installs the `flywheel` package and the shell's tools run as a user's
 * would. Its PATH holds the Node.js this suite runs on and the system's tools, never this
 * project's node_modules/.bin: what the adopter gets must come from its own install.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve, sep } from 'node:path';

export const PROJECT = resolve(import.meta.dirname, '../..');

/** The system's PATH without any folder of this project (its node_modules/.bin above all). */
function systemPath(): string[] {
    return (process.env.PATH ?? '').split(delimiter).filter(dir => dir !== '' && !resolve(dir).startsWith(PROJECT + sep));
}

/** PATH for a user who has this suite's Node.js (22) first, then the system's tools. */
const USER_PATH = [dirname(process.execPath), ...systemPath()].join(delimiter);

/** The `node` a shell finds without this project: the machine's own. */
export function systemNode(): string {
    const found = systemPath().map(dir => join(dir, 'node')).find(path => existsSync(path));
    if (!found) throw new Error('no node on the system PATH');
    return found;
}

export interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs a command in `cwd` as the adopter's shell would. */
export function run(cwd: string, command: string, args: string[], options: { input?: string; path?: string; env?: Record<string, string> } = {}): Run {
    const env = {
        ...withoutNpmScriptVariables(process.env),
        PATH: options.path ?? USER_PATH,
        HOME: cwd,
        XDG_CONFIG_HOME: cwd,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_PAGER: 'cat',
        NO_COLOR: '1',
        // The machine's npm cache (HOME is the temporary repository here).
        npm_config_cache: npmCache(),
        ...options.env
    };
    const result: SpawnSyncReturns<string> = spawnSync(command, args, { cwd, env, input: options.input, encoding: 'utf8' });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like `run`, but a failure throws with what the command printed. */
export function runOk(cwd: string, command: string, args: string[]): Run {
    const result = run(cwd, command, args);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
    return result;
}

let cache: string | undefined;
function npmCache(): string {
    cache ??= spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', env: { ...process.env, PATH: USER_PATH } }).stdout.trim();
    return cache;
}

/** npm sets npm_* variables for the script that runs this suite; an adopter's shell has none. */
function withoutNpmScriptVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD'));
}

/** A fresh git repository with a package.json and the given files, as a team's repository starts. */
export function adopterRepository(files: Record<string, string> = {}): string {
    const repo = mkdtempSync(join(tmpdir(), 'flywheel-adopter-'));
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'wheels', version: '1.0.0', private: true }, null, 2) + '\n');
    for (const [path, text] of Object.entries(files)) writeFileSync(join(repo, path), text);
    runOk(repo, 'git', ['init', '-q']);
    runOk(repo, 'git', ['config', 'user.name', 'Adopter']);
    runOk(repo, 'git', ['config', 'user.email', 'adopter@example.com']);
    return repo;
}

/** `npm install --save-dev SPEC` in the repository; returns how long it took, in seconds. */
export function npmInstall(repo: string, spec: string, ...flags: string[]): number {
    const started = performance.now();
    runOk(repo, 'npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', ...flags, spec]);
    return (performance.now() - started) / 1000;
}

/** Bytes of every file under `folder`, links not followed (what `du --apparent-size` counts). */
export function folderSize(folder: string): number {
    return readdirSync(folder, { withFileTypes: true }).reduce((total, entry) => {
        const path = join(folder, entry.name);
        return total + (entry.isDirectory() ? folderSize(path) : lstatSync(path).size);
    }, 0);
}

/** A figure for the record (the issue note quotes them): printed, never asserted. */
export function measured(what: string, seconds: number, bytes: number): void {
    console.log(`measured: ${what}: installed in ${seconds.toFixed(1)} s, node_modules ${(bytes / 1e6).toFixed(1)} MB`);
}
