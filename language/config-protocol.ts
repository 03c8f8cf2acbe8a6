/**
 * Team configuration between the VS Code client and the language server: the client reads the
 * `flywheel.config.json` files that can apply to open documents (through VS Code's file system,
 * so virtual workspaces work too) and sends their text; the server never reads a file. Plain
 * types only, so the client bundle does not pull in the language's services.
 */

/** The configuration file a team commits; the nearest one above a `.fly` file applies to it. */
export const CONFIG_FILE_NAME = 'flywheel.config.json';

/** Client → server: config files found, changed or gone. */
export const CONFIG_FILES_NOTIFICATION = 'flywheel/configFiles';

export interface ConfigFilesParams {
    /** `text` undefined: the file is gone (or cannot be read), so it no longer applies. */
    files: Array<{ uri: string; text?: string }>;
}
