/**
 * Which `.fly` files (and, for `check`, Markdown files) a command works on. Files named on the command line are taken as given;
 * folders are walked in a stable (sorted) order. A walk skips `node_modules` and hidden folders,
 * what `.gitignore` files ignore (those in the walked folders, and those above them up to the
 * repository's root), and what the nearest `flywheel.config.json` lists under `ignore` —
 * `--no-ignore` turns the last two off. Symbolic links to files and folders are followed; every
 * file and folder is visited once whatever the number of names it is reached by (a link back to
 * a folder above is a loop and is not entered again), and a file named twice is taken once.
 */
import { existsSync, readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ConfigFiles } from './config-files.js';
import { describeFsError, nonRegularKind, UsageError } from './files.js';

export interface WalkOptions {
    /** False with `--no-ignore`: `.gitignore` and the config's `ignore` are not applied. */
    honourIgnores: boolean;
    configs: ConfigFiles;
    /** Markdown files too (their ```fly blocks are flywheels): named ones, and those a walk finds. */
    markdown?: boolean;
}

export interface FoundFiles {
    /** As given, or relative to the current folder when found by walking; each file once. */
    paths: string[];
    /** Files named on the command line that the config's `ignore` skips. */
    ignored: string[];
    /** The paths found by walking a folder (not named on the command line). */
    walked: Set<string>;
}

/** Folders never walked: dependencies (hidden folders such as `.git` are skipped too). */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/** A `.gitignore` file's rules and the folder they are relative to. */
interface IgnoreLayer {
    folder: string;
    rules: Ignore;
}

export function findFlyFiles(paths: string[], options: WalkOptions): FoundFiles {
    const walk = new Walk(options);
    const ignored: string[] = [];
    for (const path of paths) {
        const stats = statOrThrow(path);
        if (stats.isDirectory()) {
            const before = walk.found.length;
            walk.folder(path, stats);
            if (walk.found.length === before && !walk.sawFile) throw new UsageError(`no ${nothingFound(options)} found in '${path}'`);
            continue;
        }
        if (!walk.takes(path)) throw new UsageError(`'${path}' is not a ${options.markdown ? '.fly or Markdown' : '.fly'} file`);
        const kind = nonRegularKind(stats);
        if (kind) throw new UsageError(`'${path}' is ${kind}, not a regular file: give a .fly file or a folder`);
        if (options.honourIgnores && walk.configIgnores(resolve(path), false)) ignored.push(path);
        else walk.file(path, stats);
    }
    return { paths: walk.found, ignored, walked: walk.walked };
}

/** What a folder holds none of, in words. */
export function nothingFound(options: Pick<WalkOptions, 'markdown'>): string {
    return options.markdown ? '.fly files or Markdown files with ```fly blocks' : '.fly files';
}

/** Markdown files, whose ```fly blocks are flywheels too (see markdown.ts). */
export function isMarkdownPath(path: string): boolean {
    return /\.(md|markdown)$/i.test(path);
}

class Walk {
    readonly found: string[] = [];
    readonly walked = new Set<string>();
    /** Whether a walk met any file to work on, ignored or not (so "no .fly files" is said only when it met none). */
    sawFile = false;
    private readonly seen = new Set<string>();
    private readonly gitignores = new Map<string, IgnoreLayer | undefined>();

    constructor(private readonly options: WalkOptions) {}

    /** Whether a file of this name is one to work on. */
    takes(name: string): boolean {
        return name.endsWith('.fly') || (Boolean(this.options.markdown) && isMarkdownPath(name));
    }

    file(path: string, stats: Stats): void {
        if (this.firstVisit(stats)) this.found.push(path);
    }

    folder(path: string, stats: Stats): void {
        if (!this.firstVisit(stats)) return;
        const absolute = resolve(path);
        const layers = this.options.honourIgnores ? this.gitignoresAbove(absolute) : [];
        this.walk(absolute, layers);
    }

    private walk(folder: string, layers: IgnoreLayer[]): void {
        const own = this.options.honourIgnores ? this.gitignoreIn(folder) : undefined;
        const here = own ? [...layers, own] : layers;
        let entries: string[];
        try {
            entries = readdirSync(folder).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        } catch {
            return; // a folder we may not list holds nothing we can check
        }
        for (const name of entries) {
            const path = join(folder, name);
            let stats: Stats;
            try {
                stats = statSync(path); // follows symbolic links
            } catch {
                // A broken link named *.fly is still a file the user meant to check: reading it reports why not.
                if (name.endsWith('.fly')) this.walkedFile(display(path));
                continue;
            }
            if (stats.isDirectory()) {
                if (name.startsWith('.') || SKIPPED_FOLDERS.has(name) || this.isIgnored(path, true, here)) continue;
                if (this.firstVisit(stats)) this.walk(path, here);
            } else if (stats.isFile() && this.takes(name)) {
                this.sawFile = true;
                if (!this.isIgnored(path, false, here) && this.firstVisit(stats)) this.walkedFile(display(path));
            }
        }
    }

    private walkedFile(path: string): void {
        this.found.push(path);
        this.walked.add(path);
    }

    /** Keyed by device and inode: the same file or folder reached through a link, a hard link or `./` counts once. */
    private firstVisit(stats: Stats): boolean {
        const key = `${stats.dev}:${stats.ino}`;
        if (this.seen.has(key)) return false;
        this.seen.add(key);
        return true;
    }

    private isIgnored(path: string, isFolder: boolean, layers: IgnoreLayer[]): boolean {
        if (!this.options.honourIgnores) return false;
        return gitignored(path, isFolder, layers) || this.configIgnores(path, isFolder);
    }

    /** Whether the `ignore` of the config that applies at `path` lists it. */
    configIgnores(path: string, isFolder: boolean): boolean {
        const config = this.options.configs.nearest(dirname(path));
        if (!config) return false;
        const relativePath = toPosix(relative(config.folder, path));
        return relativePath !== '' && !relativePath.startsWith('..') && config.ignores.ignores(isFolder ? `${relativePath}/` : relativePath);
    }

    /** The `.gitignore` files in the folders above `folder`, outermost first, up to the repository's root (if any). */
    private gitignoresAbove(folder: string): IgnoreLayer[] {
        const above: string[] = [];
        let current = dirname(folder);
        let inRepository = existsSync(join(folder, '.git'));
        while (!inRepository && current !== dirname(current)) {
            above.unshift(current);
            if (existsSync(join(current, '.git'))) inRepository = true;
            current = dirname(current);
        }
        if (!inRepository) return [];
        return above.map(f => this.gitignoreIn(f)).filter((layer): layer is IgnoreLayer => layer !== undefined);
    }

    private gitignoreIn(folder: string): IgnoreLayer | undefined {
        if (this.gitignores.has(folder)) return this.gitignores.get(folder);
        let layer: IgnoreLayer | undefined;
        try {
            layer = { folder, rules: ignore().add(readFileSync(join(folder, '.gitignore'), 'utf8')) };
        } catch {
            layer = undefined;
        }
        this.gitignores.set(folder, layer);
        return layer;
    }
}

/** git's rule: the deepest `.gitignore` that says anything about the path decides (a `!pattern` re-includes). */
function gitignored(path: string, isFolder: boolean, layers: IgnoreLayer[]): boolean {
    let ignored = false;
    for (const { folder, rules } of layers) {
        const relativePath = toPosix(relative(folder, path));
        if (relativePath === '' || relativePath.startsWith('..')) continue;
        const verdict = rules.test(isFolder ? `${relativePath}/` : relativePath);
        if (verdict.ignored) ignored = true;
        else if (verdict.unignored) ignored = false;
    }
    return ignored;
}

function statOrThrow(path: string): Stats {
    try {
        return statSync(path);
    } catch (error) {
        throw new UsageError(`cannot read '${path}': ${describeFsError(error)}`);
    }
}

function display(path: string): string {
    return relative(process.cwd(), path) || path;
}

function toPosix(path: string): string {
    return sep === '/' ? path : path.split(sep).join('/');
}
