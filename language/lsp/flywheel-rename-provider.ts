/**
 * Rename that never breaks a link: Langium's rename updates every reference; this refuses names
 * the grammar would not accept (keywords, bad identifiers) and names already taken in the flywheel.
 * What the grammar accepts is asked of the language's own lexer, so no pattern or keyword list is written again.
 */
import { AstUtils, CstUtils, type LangiumDocument, type Lexer } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { ErrorCodes, ResponseError, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import { FlywheelTerminals, isDeclaration, isFlywheel } from '../generated/ast.js';
import type { FlywheelServices } from '../flywheel-lsp-module.js';

export class FlywheelRenameProvider extends DefaultRenameProvider {
    private readonly lexer: Lexer;

    constructor(services: FlywheelServices) {
        super(services);
        this.lexer = services.parser.Lexer;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const { newName } = params;
        // Invalid params: the client shows the message instead of applying an edit.
        const refuse = (message: string) => new ResponseError(ErrorCodes.InvalidParams, message);
        const token = this.singleToken(newName);
        if (token !== 'ID' && isIdentifierShaped(newName)) throw refuse(`'${newName}' is a keyword of the flywheel language and cannot be a name.`);
        if (token !== 'ID') throw refuse(`'${newName}' is not a valid name: use letters, digits and _, not starting with a digit.`);
        const clash = this.clashingDeclaration(document, params);
        if (clash) throw refuse(`'${newName}' is already declared in flywheel '${clash}'.`);
        return super.rename(document, params);
    }

    /** The token type `text` is read as, when the lexer reads it as exactly one token. */
    private singleToken(text: string): string | undefined {
        const { tokens, errors } = this.lexer.tokenize(text);
        return tokens.length === 1 && errors.length === 0 && tokens[0].image === text ? tokens[0].tokenType.name : undefined;
    }

    /** The flywheel's name when another goal, driver or initiative of it already has the new name. */
    private clashingDeclaration(document: LangiumDocument, params: RenameParams): string | undefined {
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findDeclarationNodeAtOffset(document.parseResult.value.$cstNode, offset, this.grammarConfig.nameRegexp);
        const flywheel = leaf && AstUtils.getContainerOfType(leaf.astNode, isFlywheel);
        if (!flywheel) return undefined;
        const taken = flywheel.members.some(m => isDeclaration(m) && m.name === params.newName && m !== leaf.astNode);
        return taken ? flywheel.name : undefined;
    }
}

/** Spelt like a name (the grammar's ID terminal): read as something else, it is a keyword. */
function isIdentifierShaped(text: string): boolean {
    const match = FlywheelTerminals.ID.exec(text);
    return match?.index === 0 && match[0] === text;
}
