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
    ConflictingLink: 'conflicting-link'
} as const;

export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

/** A diagnostic's message as plain text (LSP 3.18 allows markup; ours are always text). */
export function messageOf(diagnostic: { message: string | { value: string } }): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
