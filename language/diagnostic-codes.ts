import type { Diagnostic } from 'vscode-languageserver';
import type { Severity } from '../core/severity.js';

/** The contract's diagnostic codes (LANGUAGE.md, "Diagnostics"): the CLI's JSON, the quick fixes and the tests key on them. */
export const DiagnosticCode = {
    SyntaxError: 'syntax-error',
    UnresolvedReference: 'unresolved-reference',
    DuplicateName: 'duplicate-name',
    MissingGoal: 'missing-goal',
    DuplicateGoal: 'duplicate-goal',
    GoalOffLoop: 'goal-off-loop',
    BrokenLoop: 'broken-loop',
    SplitWheel: 'split-wheel',
    NotReinforcing: 'not-reinforcing',
    BalancingLoop: 'balancing-loop',
    MissingCostDriver: 'missing-cost-driver',
    MissingQualityDriver: 'missing-quality-driver',
    TooManyDrivers: 'too-many-drivers',
    SelfLink: 'self-link',
    DuplicateLink: 'duplicate-link',
    ConflictingLink: 'conflicting-link',
    /** A `flywheel-disable…` comment that turns nothing off (flywheel-suppressions.ts). */
    UnusedSuppression: 'unused-suppression',
    LoopsIncomplete: 'loops-incomplete',
    InitiativeOffWheel: 'initiative-off-wheel',
    InitiativeBrakesWheel: 'initiative-brakes-wheel',
    LinkIntoInitiative: 'link-into-initiative'
} as const;

/**
 * Codes about a file as a whole rather than its text: the checker never produces them, the CLI
 * (an unreadable file) and the configuration readers (a bad `flywheel.config.json`) do.
 */
export const FileDiagnosticCode = {
    /** A `.fly` file that could not be read as UTF-8 text (only from the CLI). */
    UnreadableFile: 'unreadable-file',
    /** A `flywheel.config.json` that is not valid, reported in the config file itself. */
    InvalidConfig: 'invalid-config'
} as const;

/**
 * What the checker says about itself rather than the text: never configurable or suppressible,
 * so that a file is never reported cleaner than it is.
 */
export const CheckerNoticeCode = {
    /** More diagnostics than a file reports (`MAX_DIAGNOSTICS_PER_FILE`): how many, of which severities, were left out. */
    DiagnosticsLeftOut: 'diagnostics-left-out',
    /** A check failed with an internal error: the file is not known to be clean. */
    CheckerFailed: 'checker-failed'
} as const;

/**
 * Diagnostics a file reports at most: beyond it nobody reads them, and an editor slows down.
 * The rest are counted in one `diagnostics-left-out` notice.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 10_000;

export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

/**
 * What a diagnostic is about, in its LSP `data`, set by the check that reported it: the preview,
 * the semantic diff and the quick fixes read this instead of matching ranges or message text.
 * Indices are those of the flywheel's `FlywheelFacts` (graph nodes and links).
 */
export interface DiagnosticData {
    code: string;
    /** The flywheel's index in the file (`Model.flywheels`); absent for what belongs to the file (syntax errors). */
    flywheel?: number;
    /** The graph node it is on. */
    node?: number;
    /** The graph link it is on. */
    link?: number;
    /** The initiative it is about (an index into `FlywheelGraph.initiatives`). */
    initiative?: number;
    /** The initiative's link it is on (an index into that initiative's `pushes`). */
    push?: number;
    /** `link-into-initiative`: the link it is on (an index into `FlywheelFacts.linksIntoInitiatives`). */
    linkIntoInitiative?: number;
    /** Ids of the loops it names. */
    loops?: string[];
    /** Every node it names, in order, by name: a diff follows a rename through these. */
    names?: string[];
    /** `broken-loop`: why the driver is on no loop. */
    reason?: string;
    /** Texts that could replace the diagnostic's range, closest first (`syntax-error`, `unresolved-reference`): the quick fix. */
    suggestions?: string[];
    /** `diagnostics-left-out`: how many of each severity are not listed. */
    leftOut?: Record<Severity, number>;
}

/** The data every diagnostic of ours carries (Langium's own keep their fields beside ours). */
export function dataOf(diagnostic: Diagnostic): DiagnosticData {
    const data = diagnostic.data as Partial<DiagnosticData> | undefined;
    return { ...data, code: data?.code ?? String(diagnostic.code ?? 'unknown') };
}

/** The diagnostics reported in each flywheel (by index in the file), and those of the file itself. */
export function byFlywheel(diagnostics: Diagnostic[], flywheels: number): { inFlywheel: Diagnostic[][]; inFile: Diagnostic[] } {
    const inFlywheel = Array.from({ length: flywheels }, (): Diagnostic[] => []);
    const inFile: Diagnostic[] = [];
    for (const diagnostic of diagnostics) {
        const index = dataOf(diagnostic).flywheel;
        (index !== undefined && index < flywheels ? inFlywheel[index] : inFile).push(diagnostic);
    }
    return { inFlywheel, inFile };
}

/** LSP's numeric severity (1 error, 2 warning, 3 information, 4 hint) in the contract's words. */
export function severityOf(diagnostic: Diagnostic): Severity {
    return diagnostic.severity === 1 ? 'error' : diagnostic.severity === 2 ? 'warning' : 'info';
}

/** A diagnostic's message as plain text (LSP 3.18 allows markup; ours are always text). */
export function messageOf(diagnostic: { message: string | { value: string } }): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
