/**
 * Options the editor and the CLI can change at run time, per document. Three layers, the nearer
 * winning: the user-level default (VS Code `flywheel.validation.maxDrivers`, else `DEFAULT_MAX_DRIVERS`), the nearest
 * `flywheel.config.json` above the document, and the CLI's `--max-drivers`. Config files are
 * handed in as text (`setConfig`) by whoever can read them — the CLI from disk, the VS Code client
 * through its file system — so the language never reads a file itself.
 */
import { type ConfigurationProvider, type DocumentBuilder, type LangiumDocuments, type URI, UriUtils } from 'langium';
import { type FlywheelConfig, type ParsedConfig, parseConfig, type RuleSeverity } from './flywheel-config.js';
import { DEFAULT_MAX_DRIVERS } from '../core/limits.js';

/** A config file as it applies: where it is, and what could be read from it. */
export interface LoadedConfig extends ParsedConfig {
    /** The config file's own address. */
    uri: URI;
}

export class FlywheelSettings {
    /** The user-level default beneath every config file (VS Code `flywheel.validation.maxDrivers`). */
    maxDrivers = DEFAULT_MAX_DRIVERS;
    /** Set by the CLI's `--max-drivers`: beats every config file. */
    maxDriversOverride: number | undefined;
    /** By the folder each config file is in (URI string without a trailing slash). */
    private readonly configs = new Map<string, LoadedConfig>();

    /** Puts (or, with `text` undefined, removes) the config file at `uri`; returns what it read. */
    setConfig(uri: URI, text: string | undefined): LoadedConfig | undefined {
        const folder = folderKey(UriUtils.dirname(uri));
        if (text === undefined) {
            this.configs.delete(folder);
            return undefined;
        }
        const loaded = { uri, ...parseConfig(text) };
        this.configs.set(folder, loaded);
        return loaded;
    }

    /** The config files known, for reporting their problems. */
    get loadedConfigs(): LoadedConfig[] {
        return [...this.configs.values()];
    }

    /** The nearest config file in the document's folder or above it. */
    configFor(document: URI): LoadedConfig | undefined {
        if (this.configs.size === 0) return undefined;
        let folder = UriUtils.dirname(document);
        for (;;) {
            const found = this.configs.get(folderKey(folder));
            if (found) return found;
            const parent = UriUtils.dirname(folder);
            if (parent.path === folder.path) return undefined;
            folder = parent;
        }
    }

    maxDriversFor(document: URI): number {
        return this.maxDriversOverride ?? this.configFor(document)?.config.maxDrivers ?? this.maxDrivers;
    }

    /** The severity a config file sets for `code` in this document, if it sets one. */
    severityFor(document: URI, code: string): RuleSeverity | undefined {
        return this.rulesFor(document)?.get(code);
    }

    rulesFor(document: URI): FlywheelConfig['rules'] | undefined {
        return this.configFor(document)?.config.rules;
    }

    /** Follows the `flywheel` configuration section pushed by the language client. */
    followConfiguration(configuration: ConfigurationProvider, documents: LangiumDocuments, builder: DocumentBuilder): void {
        const apply = async (section: unknown) => {
            const maxDrivers = (section as { validation?: { maxDrivers?: unknown } } | undefined)?.validation?.maxDrivers;
            const next = typeof maxDrivers === 'number' && Number.isInteger(maxDrivers) && maxDrivers >= 0 ? maxDrivers : DEFAULT_MAX_DRIVERS;
            if (next === this.maxDrivers) return;
            this.maxDrivers = next;
            await builder.build(documents.all.toArray(), { validation: true });
        };
        configuration.onConfigurationSectionUpdate(update => {
            if (update.section === 'flywheel') void apply(update.configuration);
        });
        void configuration.ready.then(async () => apply({ validation: await configuration.getConfiguration('flywheel', 'validation') }));
    }
}

function folderKey(folder: URI): string {
    return folder.toString().replace(/\/+$/, '');
}
