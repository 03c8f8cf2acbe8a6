/** A diagnostic's severity in the contract's words (the CLI's JSON, the diff, the drawing's tooltips). */
export type Severity = 'error' | 'warning' | 'info';
