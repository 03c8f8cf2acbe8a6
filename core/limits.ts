/**
 * The checker's default limits, one source for each: the checker, the CLI's help, and (checked by
 * a test) the VS Code setting's and the config schema's defaults.
 */

/** `too-many-drivers` warns above this many drivers per flywheel unless a setting, config file or `--max-drivers` says otherwise. */
export const DEFAULT_MAX_DRIVERS = 10;
