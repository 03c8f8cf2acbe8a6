// Every VS Code suite file, bundled into one module that mocha loads inside the extension host.
import './editing.vscode.js';
import './preview.vscode.js';
import './resilience.vscode.js';
