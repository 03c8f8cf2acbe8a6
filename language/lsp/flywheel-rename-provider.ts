/**
 * Rename that never breaks a link: Langium's rename updates every reference; this refuses names
 * the grammar would not accept (keywords, bad identifiers) and names already taken in the flywheel.
 */
import { AstUtils, CstUtils, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { ResponseError, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import { isDriver, isFlywheel, isGoal } from '../generated/ast.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(['flywheel', 'goal', 'driver', 'cost', 'quality']);
/** JSON-RPC's "invalid params": the client shows the message instead of applying an edit. */
const INVALID_PARAMS = -32602;

export class FlywheelRenameProvider extends DefaultRenameProvider {
    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const { newName } = params;
        if (KEYWORDS.has(newName)) throw new ResponseError(INVALID_PARAMS, `'${newName}' is a keyword of the flywheel language and cannot be a name.`);
        if (!IDENTIFIER.test(newName)) throw new ResponseError(INVALID_PARAMS, `'${newName}' is not a valid name: use letters, digits and _, not starting with a digit.`);
        const clash = this.clashingDeclaration(document, params);
        if (clash) throw new ResponseError(INVALID_PARAMS, `'${newName}' is already declared in flywheel '${clash}'.`);
        return super.rename(document, params);
    }

    /** The flywheel's name when another goal or driver of it already has the new name. */
    private clashingDeclaration(document: LangiumDocument, params: RenameParams): string | undefined {
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findDeclarationNodeAtOffset(document.parseResult.value.$cstNode, offset, this.grammarConfig.nameRegexp);
        const flywheel = leaf && AstUtils.getContainerOfType(leaf.astNode, isFlywheel);
        if (!flywheel) return undefined;
        const taken = flywheel.members.some(m => (isGoal(m) || isDriver(m)) && m.name === params.newName && m !== leaf.astNode);
        return taken ? flywheel.name : undefined;
    }
}
