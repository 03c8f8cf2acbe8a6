// Every VS Code suite file of the Node extension host, bundled into one module that mocha loads.
// The start-up figures need a window nothing has run in yet: that file comes first.
import './startup.vscode.js';
import './host.vscode.js';
import './editing.vscode.js';
import './markdown.vscode.js';
import './preview.vscode.js';
import './typing.vscode.js';
import './resilience.vscode.js';
import './compare.vscode.js';
