/**
 * Names are scoped to their flywheel (LANGUAGE.md). The scope computation builds, once per
 * document build, one name → declaration map per flywheel; the scope provider hands it out.
 * Langium's defaults would search a stream linearly for every reference, which made linking
 * quadratic (a 5,000-driver wheel took seconds).
 */
import {
    type AstNode, type AstNodeDescription, AstUtils, DefaultScopeComputation, DefaultScopeProvider, EMPTY_SCOPE,
    type LangiumDocument, type LocalSymbols, MapScope, type ReferenceInfo, type Scope, type Stream, stream
} from 'langium';
import { type Declaration, type Flywheel, isDeclaration, isFlywheel, type Model } from './generated/ast.js';

/** Each flywheel's goal, drivers and initiatives, as descriptions and as a map-backed scope. */
export class FlywheelLocalSymbols implements LocalSymbols {
    private readonly byFlywheel = new Map<AstNode, { descriptions: AstNodeDescription[]; scope: Scope }>();

    add(flywheel: Flywheel, descriptions: AstNodeDescription[]): void {
        // A MapScope keeps the last entry per name; reversed, a reference resolves to the first
        // declaration and the later one is reported as `duplicate-name`.
        this.byFlywheel.set(flywheel, { descriptions, scope: new MapScope([...descriptions].reverse(), EMPTY_SCOPE) });
    }

    has(node: AstNode): boolean {
        return this.byFlywheel.has(node);
    }

    getStream(node: AstNode): Stream<AstNodeDescription> {
        return stream(this.byFlywheel.get(node)?.descriptions ?? []);
    }

    scopeOf(flywheel: Flywheel): Scope {
        return this.byFlywheel.get(flywheel)?.scope ?? EMPTY_SCOPE;
    }
}

export class FlywheelScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(document: LangiumDocument): Promise<LocalSymbols> {
        const symbols = new FlywheelLocalSymbols();
        for (const flywheel of (document.parseResult.value as Model).flywheels) {
            // Parser recovery can leave a declaration without its name.
            const nodes = flywheel.members.filter((member): member is Declaration => isDeclaration(member) && Boolean(member.name));
            symbols.add(flywheel, nodes.map(node => this.descriptions.createDescription(node, node.name, document)));
        }
        return symbols;
    }
}

export class FlywheelScopeProvider extends DefaultScopeProvider {
    override getScope(context: ReferenceInfo): Scope {
        const flywheel = AstUtils.getContainerOfType(context.container, isFlywheel);
        const symbols = flywheel && AstUtils.getDocument(flywheel).localSymbols;
        return flywheel && symbols instanceof FlywheelLocalSymbols ? symbols.scopeOf(flywheel) : EMPTY_SCOPE;
    }
}
