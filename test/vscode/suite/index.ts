// Every VS Code suite file, bundled into one module that mocha loads inside the extension host.
// The start-up figures need a window nothing has run in yet: that file comes first.
import './startup.vscode.js';
import './editing.vscode.js';
import './preview.vscode.js';
import './typing.vscode.js';
import './resilience.vscode.js';
import './compare.vscode.js';
