/**
 * Names are scoped to their flywheel (LANGUAGE.md). Langium's default scope is a stream that is
 * searched linearly for every reference, which makes linking quadratic: a 5,000-driver wheel took
 * seconds. This keeps one map per flywheel instead, so each reference resolves in constant time.
 */
import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope, type ReferenceInfo, type Scope } from 'langium';
import { type Flywheel, isDriver, isFlywheel, isGoal } from './generated/ast.js';

export class FlywheelScopeProvider extends DefaultScopeProvider {
    private readonly flywheelScopes = new WeakMap<Flywheel, Scope>();

    override getScope(context: ReferenceInfo): Scope {
        const flywheel = AstUtils.getContainerOfType(context.container, isFlywheel);
        if (!flywheel) return EMPTY_SCOPE;
        let scope = this.flywheelScopes.get(flywheel);
        if (!scope) {
            const nodes = flywheel.members.filter(member => isGoal(member) || isDriver(member));
            // A MapScope keeps the last entry per name; reversed, a reference resolves to the first
            // declaration and the later one is reported as `duplicate-name`.
            const descriptions = nodes.reverse().map(node => this.descriptions.createDescription(node, node.name));
            scope = new MapScope(descriptions, EMPTY_SCOPE);
            this.flywheelScopes.set(flywheel, scope);
        }
        return scope;
    }
}
