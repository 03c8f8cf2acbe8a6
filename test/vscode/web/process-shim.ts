// The `assert` package (Node's assert for browsers) reads a few `process` fields, which the web
// worker extension host does not have; the browser test bundle injects this instead.
export const process = { env: {}, emitWarning: () => undefined };
