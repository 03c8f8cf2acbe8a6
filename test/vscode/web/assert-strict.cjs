// `node:assert/strict` in the browser test bundle: Node's assert from the `assert` package.
module.exports = require('assert').strict;
