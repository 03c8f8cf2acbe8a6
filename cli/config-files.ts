/**
 * Finding `flywheel.config.json` for the command line: the nearest one in a file's folder or
 * above it, read once per folder. The text goes to the language's settings (the same reader the
 * editor uses); a config that cannot be read or has errors is kept as problems to report in the
 * config file itself, and what could be read still applies.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { URI } from 'langium';
import ignore, { type Ignore } from 'ignore';
import { CONFIG_FILE_NAME, type ConfigProblem } from '../language/flywheel-config.js';
import type { FlywheelSettings, LoadedConfig } from '../language/flywheel-settings.js';
import { decodeUtf8, describeFsError } from './files.js';

export interface CliConfig {
    /** The config file, as shown to the user (relative to the current folder). */
    path: string;
    /** The absolute folder it is in: its `ignore` patterns are relative to it. */
    folder: string;
    loaded: LoadedConfig;
    text: string;
    /** Its `ignore` patterns, with `.gitignore` semantics. */
    ignores: Ignore;
}

export class ConfigFiles {
    private readonly byFolder = new Map<string, CliConfig | undefined>();
    /** Config files that could not be read at all, with why. */
    readonly unreadable: Array<{ path: string; problem: ConfigProblem }> = [];

    constructor(private readonly settings: FlywheelSettings) {}

    /** The config that applies to files in `folder` (absolute): its own or the nearest above it. */
    nearest(folder: string): CliConfig | undefined {
        if (this.byFolder.has(folder)) return this.byFolder.get(folder);
        const own = this.read(folder);
        const parent = dirname(folder);
        const found = own ?? (parent === folder ? undefined : this.nearest(parent));
        this.byFolder.set(folder, found);
        return found;
    }

    /** Every config file that was read, in the order found. */
    get configs(): CliConfig[] {
        return [...new Set([...this.byFolder.values()].filter((c): c is CliConfig => c !== undefined))];
    }

    private read(folder: string): CliConfig | undefined {
        const file = join(folder, CONFIG_FILE_NAME);
        let bytes: Buffer;
        try {
            bytes = readFileSync(file);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
            this.unreadable.push({ path: displayPath(file), problem: atStart(`cannot read ${CONFIG_FILE_NAME}: ${describeFsError(error)}`) });
            return undefined;
        }
        let text: string;
        try {
            text = decodeUtf8(displayPath(file), bytes);
        } catch (error) {
            this.unreadable.push({ path: displayPath(file), problem: atStart((error as Error).message) });
            return undefined;
        }
        const loaded = this.settings.setConfig(URI.file(file), text)!;
        return { path: displayPath(file), folder, loaded, text, ignores: ignore().add([...loaded.config.ignore]) };
    }
}

function displayPath(file: string): string {
    return relative(process.cwd(), file) || file;
}

function atStart(message: string): ConfigProblem {
    return { message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}
