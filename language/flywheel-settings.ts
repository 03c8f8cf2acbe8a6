/**
 * Options the editor and the CLI can change at run time. In the editor they follow the VS Code
 * settings under `flywheel.*`; a change re-checks every open document at once.
 */
import { type ConfigurationProvider, type DocumentBuilder, type LangiumDocuments } from 'langium';

export class FlywheelSettings {
    /** `too-many-drivers` fires above this many drivers (VS Code `flywheel.validation.maxDrivers`, CLI `--max-drivers`). */
    maxDrivers = 10;

    /** Follows the `flywheel` configuration section pushed by the language client. */
    followConfiguration(configuration: ConfigurationProvider, documents: LangiumDocuments, builder: DocumentBuilder): void {
        const apply = async (section: unknown) => {
            const maxDrivers = (section as { validation?: { maxDrivers?: unknown } } | undefined)?.validation?.maxDrivers;
            const next = typeof maxDrivers === 'number' && Number.isInteger(maxDrivers) && maxDrivers >= 0 ? maxDrivers : 10;
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
