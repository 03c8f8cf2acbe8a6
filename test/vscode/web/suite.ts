// The suite files that run in the web worker extension host: everything but what needs Node
// (killing the language server's process) or code-server's Node host (its Markdown preview).
import '../suite/startup.vscode.js';
import '../suite/host.vscode.js';
import '../suite/editing.vscode.js';
import '../suite/preview.vscode.js';
import '../suite/typing.vscode.js';
