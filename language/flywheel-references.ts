/**
 * References never leave their flywheel, so they need no workspace index. Langium indexes every
 * reference of every document after each change (a quarter of a 3,000-link file's re-check time
 * over LSP); instead, references to a goal, driver or initiative are read straight from its flywheel's chains
 * when find-references, rename or highlighting asks for them.
 */
import {
    type AstNode, AstUtils, CstUtils, DefaultReferences, DefaultReferenceDescriptionProvider, type FindReferencesOptions,
    type Reference, type ReferenceDescription, type Stream, stream, UriUtils
} from 'langium';
import { type Declaration, isChain, isDriver, isGoal, isInitiative } from './generated/ast.js';

export class FlywheelReferences extends DefaultReferences {
    override findReferences(targetNode: AstNode, options: FindReferencesOptions): Stream<ReferenceDescription> {
        if (!isGoal(targetNode) && !isDriver(targetNode) && !isInitiative(targetNode)) return super.findReferences(targetNode, options);
        const document = AstUtils.getDocument(targetNode);
        if (options.documentUri && !UriUtils.equals(options.documentUri, document.uri)) return stream([]);
        const found = options.includeDeclaration ? this.getSelfReferences(targetNode) : [];
        const targetPath = this.nodeLocator.getAstNodePath(targetNode);
        for (const chain of targetNode.$container.members.filter(isChain)) {
            const references: Array<[AstNode, Reference<Declaration>]> = [
                [chain, chain.source],
                ...chain.links.map((link): [AstNode, Reference<Declaration>] => [link, link.target])
            ];
            for (const [container, reference] of references) {
                if (reference?.ref !== targetNode || !reference.$refNode) continue;
                found.push({
                    sourceUri: document.uri,
                    sourcePath: this.nodeLocator.getAstNodePath(container),
                    targetUri: document.uri,
                    targetPath,
                    segment: CstUtils.toDocumentSegment(reference.$refNode),
                    local: true
                });
            }
        }
        return stream(found);
    }
}

/** Nothing to index: see `FlywheelReferences`. */
export class FlywheelReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(): Promise<ReferenceDescription[]> {
        return [];
    }
}
