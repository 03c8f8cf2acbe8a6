/**
 * One small check per diagnostic code of the contract. Every check reads the flywheel's cached
 * analysis (`FlywheelAnalyzer`); none walks the graph itself.
 */
import { AstUtils, GrammarUtils, type DiagnosticInfo, MultiMap, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Declaration, Driver, Flywheel, FlywheelAstType, Link, Node } from './generated/ast.js';
import { isDeclaration, isDriver, isFlywheel, isGoal, isInitiative, isLink } from './generated/ast.js';
import type { FlywheelGraph } from '../core/analysis/graph.js';
import { signOf } from '../core/analysis/graph.js';
import { DEFAULT_LOOP_BOUNDS, type Loop, type LoopSearchStop } from '../core/analysis/loops.js';
import type { BrokenReason } from '../core/analysis/analyze.js';
import { DiagnosticCode, type DiagnosticData } from './diagnostic-codes.js';
import { hasSyntaxErrors } from './flywheel-syntax-errors.js';
import { type FlywheelAnalyzer, type FlywheelFacts, sourceOf } from './flywheel-analyzer.js';
import type { FlywheelCoreServices } from './flywheel-module.js';
import type { FlywheelSettings } from './flywheel-settings.js';
import { counted as count, withCommas } from '../core/counting.js';
import { flywheelCalled } from './flywheel-vocabulary.js';

export function registerValidationChecks(services: FlywheelCoreServices): void {
    const validator = services.validation.FlywheelValidator;
    // The wheel rules need the whole text and every name: on a flywheel that does not parse, or
    // with a link to a name it does not declare, they would judge what the parser guessed or a
    // wheel with a link missing, not what the author wrote (LANGUAGE.md, "Diagnostics").
    const wheelRules = [
        validator.checkMissingGoal,
        validator.checkDuplicateGoals,
        validator.checkGoalOffLoop,
        validator.checkBrokenLoops,
        validator.checkSplitWheels,
        validator.checkNotReinforcing,
        validator.checkBalancingLoops,
        validator.checkMissingCostDriver,
        validator.checkMissingQualityDriver,
        validator.checkTooManyDrivers,
        validator.checkSelfLinks,
        validator.checkDuplicateLinks,
        validator.checkConflictingLinks,
        validator.checkLoopsIncomplete,
        validator.checkInitiativesOffWheel,
        validator.checkInitiativesBrakingWheel
    ].map(check => function onceItParses(this: FlywheelValidator, flywheel: Flywheel, accept: ValidationAcceptor) {
        if (this.isReadyForWheelRules(flywheel)) check.call(this, flywheel, accept);
    });
    const checks: ValidationChecks<FlywheelAstType> = {
        Flywheel: [validator.checkDuplicateNames, validator.checkLinksIntoInitiatives, ...wheelRules]
    };
    services.validation.ValidationRegistry.register(checks, validator);
}

export class FlywheelValidator {
    private readonly analyzer: FlywheelAnalyzer;
    private readonly settings: FlywheelSettings;

    constructor(services: FlywheelCoreServices) {
        this.analyzer = services.analysis.FlywheelAnalyzer;
        this.settings = services.validation.FlywheelSettings;
    }

    /** The wheel rules run on a flywheel whose text parses and whose every name resolves. */
    isReadyForWheelRules(flywheel: Flywheel): boolean {
        return !hasSyntaxErrors(flywheel) && this.analyzer.analyze(flywheel).unresolvedLinks.length === 0;
    }

    checkDuplicateNames(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const first = new Map<string, Declaration>();
        const facts = this.analyzer.analyze(flywheel);
        for (const declaration of flywheel.members.filter(isDeclaration)) {
            if (!declaration.name) continue;
            const earlier = first.get(declaration.name);
            if (!earlier) {
                first.set(declaration.name, declaration);
                continue;
            }
            const about = isInitiative(declaration)
                ? { initiative: facts.initiatives.indexOf(declaration) }
                : { node: facts.declarations.indexOf(declaration) };
            accept('error', `'${declaration.name}' is already declared in ${flywheelCalled(flywheel)}.`, {
                ...at(DiagnosticCode.DuplicateName, declaration, { ...about, names: [declaration.name] }),
                relatedInformation: [related(earlier, 'first declared here', 'name')]
            });
        }
    }

    checkMissingGoal(flywheel: Flywheel, accept: ValidationAcceptor): void {
        if (!flywheel.members.some(isGoal)) {
            accept('error', `${flywheelCalled(flywheel, true)} has no goal: add \`goal name "Growth in what?"\`.`, at(DiagnosticCode.MissingGoal, flywheel));
        }
    }

    checkDuplicateGoals(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const [goal, ...later] = flywheel.members.filter(isGoal);
        const { declarations } = this.analyzer.analyze(flywheel);
        for (const extra of later) {
            accept('error', `${flywheelCalled(flywheel, true)} already has the goal '${goal.name}': a flywheel has one single purpose.`, {
                ...at(DiagnosticCode.DuplicateGoal, extra, { node: nodeIndex(declarations, extra), names: [extra.name, goal.name].filter(Boolean) }),
                relatedInformation: [related(goal, 'the goal')]
            });
        }
    }

    checkGoalOffLoop(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        const goal = facts.graph.goal;
        if (goal !== undefined && !facts.analysis.onWheel[goal]) {
            const name = facts.graph.nodes[goal].name;
            accept('error', `No loop passes through the goal '${name}': link it into a chain that leads back to it.`,
                at(DiagnosticCode.GoalOffLoop, facts.declarations[goal], { node: goal, names: [name] }));
        }
    }

    checkBrokenLoops(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        facts.analysis.placement.forEach((placement, index) => {
            const node = facts.declarations[index];
            if (placement?.kind !== 'broken' || !isDriver(node) || facts.shadowed.has(node)) return;
            accept('error', brokenLoopMessage(facts.graph, index, placement.reason, placement.path), {
                ...at(DiagnosticCode.BrokenLoop, node, {
                    node: index, names: [node.name, ...pathNames(facts.graph, placement.path)], reason: placement.reason
                }),
                relatedInformation: placement.path.map(link => related(facts.links[link], describeLink(facts.graph, link)))
            });
        });
    }

    checkSplitWheels(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        const goalName = facts.graph.goal === undefined ? '' : facts.graph.nodes[facts.graph.goal].name;
        facts.analysis.placement.forEach((placement, index) => {
            const node = facts.declarations[index];
            if (placement?.kind !== 'split' || !isDriver(node) || facts.shadowed.has(node)) return;
            accept('warning', `'${node.name}' turns a second wheel that never turns the goal '${goalName}': ${describePath(facts.graph, placement.cycle)}.`, {
                ...at(DiagnosticCode.SplitWheel, node, { node: index, names: [node.name, ...pathNames(facts.graph, placement.cycle)] }),
                relatedInformation: placement.cycle.map(link => related(facts.links[link], describeLink(facts.graph, link)))
            });
        });
    }

    checkNotReinforcing(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const { graph, analysis, declarations } = this.analyzer.analyze(flywheel);
        const { loops, loopsComplete } = analysis;
        if (graph.goal === undefined || !loopsComplete || loops.length === 0 || loops.some(loop => loop.polarity === 'reinforcing')) return;
        const ids = loops.map(loop => loop.id).join(', ');
        accept('error', `Every loop through the goal '${graph.nodes[graph.goal].name}' is balancing (${ids}): the wheel brakes itself instead of gaining momentum.`,
            at(DiagnosticCode.NotReinforcing, declarations[graph.goal], {
                node: graph.goal, loops: loops.map(loop => loop.id), names: [graph.nodes[graph.goal].name]
            }));
    }

    checkBalancingLoops(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        // Loops that meet their first dampening link at the same place share one diagnostic.
        const byBrake = new MultiMap<number, Loop>();
        for (const loop of facts.analysis.loops.filter(l => l.polarity === 'balancing')) {
            byBrake.add(loop.links.find(link => signOf(facts.graph.links[link].arrow) < 0)!, loop);
        }
        for (const [brake, [loop, ...others]] of byBrake.entriesGroupedByKey()) {
            // When the search stopped early, more loops may run through this link than were found.
            const more = others.length === 0 ? '' : ` (and ${facts.analysis.loopsComplete ? '' : 'at least '}${others.length} more balancing loop${others.length > 1 ? 's' : ''} through this link: ${others.slice(0, 5).map(l => l.id).join(', ')}${others.length > 5 ? ', …' : ''})`;
            accept('warning', `Balancing loop ${loop.id} brakes the wheel: ${describePath(facts.graph, loop.links)}${more}.`, {
                ...at(DiagnosticCode.BalancingLoop, facts.links[brake], {
                    link: brake, loops: [loop, ...others].map(l => l.id), names: pathNames(facts.graph, loop.links)
                }),
                relatedInformation: loop.links.map(link => related(facts.links[link], describeLink(facts.graph, link)))
            });
        }
    }

    checkMissingCostDriver(flywheel: Flywheel, accept: ValidationAcceptor): void {
        this.checkKindOnWheel(flywheel, accept, 'cost', DiagnosticCode.MissingCostDriver,
            'every lasting flywheel has a cost element (add `cost` to a wheel driver)');
    }

    checkMissingQualityDriver(flywheel: Flywheel, accept: ValidationAcceptor): void {
        this.checkKindOnWheel(flywheel, accept, 'quality', DiagnosticCode.MissingQualityDriver,
            'every lasting flywheel has a quality element (add `quality` to a wheel driver)');
    }

    checkTooManyDrivers(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        const drivers = facts.declarations.filter(isDriver);
        const limit = this.settings.maxDriversFor(AstUtils.getDocument(flywheel).uri);
        if (drivers.length <= limit) return;
        const weakest = leastNeededDrivers(facts, drivers);
        const described = weakest.map(({ driver, loops }) => `'${driver.name}' (${loops === 0 ? 'on none' : `on ${loops}`})`).join(', ');
        accept('warning', `Flywheel '${flywheel.name}' has ${drivers.length} drivers, more than ${limit}: too many drivers dilute its single purpose. `
            + `The wheel needs these least (the fewest reinforcing loops through the goal): ${described}.`,
        at(DiagnosticCode.TooManyDrivers, flywheel, { names: weakest.map(({ driver }) => driver.name) }));
    }

    checkSelfLinks(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        facts.graph.links.forEach((link, index) => {
            if (link.source === link.target) {
                accept('warning', `'${facts.graph.nodes[link.source].name}' links to itself: a loop needs at least one other driver.`,
                    at(DiagnosticCode.SelfLink, facts.links[index], { link: index, names: [facts.graph.nodes[link.source].name] }));
            }
        });
    }

    checkDuplicateLinks(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        const first = new Map<string, number>();
        facts.graph.links.forEach((link, index) => {
            const key = `${link.source} ${link.target} ${link.arrow}`;
            const earlier = first.get(key);
            if (earlier === undefined) {
                first.set(key, index);
                return;
            }
            accept('warning', `The link ${describeLink(facts.graph, index)} is already declared.`, {
                ...at(DiagnosticCode.DuplicateLink, facts.links[index], { link: index, names: linkNames(facts.graph, index) }),
                relatedInformation: [related(facts.links[earlier], 'first declared here')]
            });
        });
    }

    checkConflictingLinks(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        const firstBySign = new Map<string, number>();
        facts.graph.links.forEach((link, index) => {
            const pair = `${link.source} ${link.target}`;
            const opposite = firstBySign.get(`${pair} ${-signOf(link.arrow)}`);
            if (opposite !== undefined) {
                const [source, target] = [facts.graph.nodes[link.source].name, facts.graph.nodes[link.target].name];
                accept('error', `'${source}' both reinforces and dampens '${target}': ${describeLink(facts.graph, opposite)} conflicts with ${describeLink(facts.graph, index)}.`, {
                    ...at(DiagnosticCode.ConflictingLink, facts.links[index], {
                        link: index, names: [...linkNames(facts.graph, opposite), ...linkNames(facts.graph, index)]
                    }),
                    relatedInformation: [related(facts.links[opposite], 'the other link')]
                });
            }
            const key = `${pair} ${signOf(link.arrow)}`;
            if (!firstBySign.has(key)) firstBySign.set(key, index);
        });
    }

    checkLoopsIncomplete(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const { graph, analysis, declarations } = this.analyzer.analyze(flywheel);
        if (graph.goal === undefined || analysis.loopsComplete) return;
        const upTo = analysis.loopsCompleteUpTo;
        // Loops are found shortest first: the ones longer than `upTo` are a part of the next length.
        const partly = analysis.loops.some(loop => loop.links.length > upTo) ? `, and some of ${upTo + 1}` : '';
        const message = `The loop search through the goal '${graph.nodes[graph.goal].name}' stopped early: ${whyStopped(analysis.loopsStoppedBy!)}. `
            + `It found ${count(analysis.loops.length, 'loop')}: every loop of up to ${count(upTo, 'link')}${partly}. `
            + 'Longer loops are not listed, so no rule that needs every loop (not-reinforcing) is checked.';
        accept('info', message, at(DiagnosticCode.LoopsIncomplete, declarations[graph.goal], { node: graph.goal, names: [graph.nodes[graph.goal].name] }));
    }

    checkLinksIntoInitiatives(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        facts.linksIntoInitiatives.forEach((link, index) => {
            const source = sourceOf(link)!.name;
            const target = link.target.ref!;
            if (!isInitiative(target)) return;
            accept('error', `'${source}' links into the initiative '${target.name}': an initiative pushes drivers, nothing pushes it. Reverse the link (${target.name} ${link.arrow} ${source}) or remove it.`,
                at(DiagnosticCode.LinkIntoInitiative, link, {
                    linkIntoInitiative: index, initiative: facts.initiatives.indexOf(target), names: [source, target.name]
                }));
        });
    }

    checkInitiativesOffWheel(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        const { graph, analysis } = facts;
        // Without a wheel there is nothing to push: missing-goal or goal-off-loop says so.
        if (graph.goal === undefined || !analysis.onWheel[graph.goal]) return;
        const candidates = wheelDriversByLoops(facts).slice(0, 5);
        const could = candidates.map(({ node, loops }) => `'${graph.nodes[node].name}' (${loops === 0 ? 'on the wheel' : `on ${count(loops, 'reinforcing loop')}`})`);
        const pressure = this.analyzer.pressure(flywheel);
        for (const leverage of pressure.initiatives.filter(i => i.offWheel)) {
            const initiative = graph.initiatives[leverage.initiative];
            if (facts.shadowed.has(facts.initiatives[leverage.initiative])) continue;
            const targets = [...new Set(initiative.pushes.map(push => `'${graph.nodes[push.target].name}'`))];
            const what = targets.length === 0 ? 'pushes nothing' : `pushes only what is off the wheel (${targets.join(', ')})`;
            const goal = graph.nodes[graph.goal].name;
            accept('warning', `The initiative '${initiative.name}' ${what}, so it never turns the goal '${goal}': say no to it, or link it to a wheel driver${could.length > 0 ? `: ${could.join(', ')}` : ''}.`,
                at(DiagnosticCode.InitiativeOffWheel, facts.initiatives[leverage.initiative], {
                    initiative: leverage.initiative, names: [initiative.name, ...candidates.map(({ node }) => graph.nodes[node].name)]
                }));
        }
    }

    checkInitiativesBrakingWheel(flywheel: Flywheel, accept: ValidationAcceptor): void {
        const facts = this.analyzer.analyze(flywheel);
        const { graph, analysis } = facts;
        for (const leverage of this.analyzer.pressure(flywheel).initiatives) {
            const initiative = graph.initiatives[leverage.initiative];
            for (const { push, loops } of leverage.brakes) {
                const target = graph.nodes[initiative.pushes[push].target].name;
                const [first] = loops.map(id => analysis.loops.find(loop => loop.id === id)!);
                const others = loops.length > 1 ? ` (and ${loops.slice(1, 6).join(', ')}${loops.length > 6 ? ', …' : ''})` : '';
                accept('warning', `The initiative '${initiative.name}' dampens '${target}', which is on the reinforcing loop ${first.id}${others}: ${describePath(graph, first.links)}. It brakes the wheel.`, {
                    ...at(DiagnosticCode.InitiativeBrakesWheel, facts.pushLinks[leverage.initiative][push], {
                        initiative: leverage.initiative, push, loops, names: [initiative.name, ...pathNames(graph, first.links)]
                    }),
                    relatedInformation: first.links.map(link => related(facts.links[link], describeLink(graph, link)))
                });
            }
        }
    }

    private checkKindOnWheel(flywheel: Flywheel, accept: ValidationAcceptor, kind: 'cost' | 'quality', code: DiagnosticCode, why: string): void {
        const { graph, analysis } = this.analyzer.analyze(flywheel);
        if (graph.goal === undefined) return;
        if (!graph.nodes.some((node, index) => analysis.onWheel[index] && node.kinds.includes(kind))) {
            accept('warning', `No ${kind} driver is on the wheel of '${flywheel.name}': ${why}.`, at(code, flywheel));
        }
    }
}

/**
 * Where a diagnostic goes (a flywheel's or node's name, a whole link) and what it is about, in its
 * `data`: the preview and the diff read that instead of matching ranges or message text.
 */
function at<N extends Flywheel | Declaration | Link>(code: DiagnosticCode, node: N, about: Omit<DiagnosticData, 'code' | 'flywheel'> = {}): DiagnosticInfo<N> {
    const flywheel = isFlywheel(node) ? node : AstUtils.getContainerOfType(node, isFlywheel)!;
    const data: DiagnosticData = { code, flywheel: flywheel.$container.flywheels.indexOf(flywheel), ...about };
    const property = (isLink(node) ? undefined : 'name') as DiagnosticInfo<N>['property'];
    return { node, property, code, data };
}

/** The names of a path's nodes, from its first source. */
function pathNames(graph: FlywheelGraph, links: number[]): string[] {
    return links.length === 0 ? [] : [graph.nodes[graph.links[links[0]].source].name, ...links.map(link => graph.nodes[graph.links[link].target].name)];
}

function linkNames(graph: FlywheelGraph, link: number): string[] {
    return pathNames(graph, [link]);
}

function nodeIndex(declarations: Node[], node: Node): number | undefined {
    const index = declarations.indexOf(node);
    return index >= 0 ? index : undefined;
}

/** The wheel's drivers, on the most reinforcing loops through the goal first: where an initiative pushes hardest. */
function wheelDriversByLoops(facts: FlywheelFacts): Array<{ node: number; loops: number }> {
    const { graph, analysis } = facts;
    return graph.nodes
        .map((_, node) => ({ node, loops: analysis.loops.filter(loop => loop.polarity === 'reinforcing' && loop.nodes.includes(node)).length }))
        .filter(({ node }) => analysis.onWheel[node] && node !== graph.goal && isDriver(facts.declarations[node]))
        .sort((a, b) => b.loops - a.loops || a.node - b.node);
}

function related(node: Declaration | Link, message: string, property?: 'name'): DiagnosticRelatedInformation {
    const uri = AstUtils.getDocument(node).uri.toString();
    const cst = property ? GrammarUtils.findNodeForProperty(node.$cstNode, property) ?? node.$cstNode! : node.$cstNode!;
    return { location: { uri, range: cst.range }, message };
}

/** `a -> b`, with the arrow as written. */
export function describeLink(graph: FlywheelGraph, link: number): string {
    const { source, target, arrow } = graph.links[link];
    return `${graph.nodes[source].name} ${arrow} ${graph.nodes[target].name}`;
}

/** `a -> b -| c`: a path of consecutive links. */
export function describePath(graph: FlywheelGraph, links: number[]): string {
    if (links.length === 0) return '';
    const steps = links.map(link => ` ${graph.links[link].arrow} ${graph.nodes[graph.links[link].target].name}`);
    return graph.nodes[graph.links[links[0]].source].name + steps.join('');
}

function brokenLoopMessage(graph: FlywheelGraph, node: number, reason: BrokenReason, path: number[]): string {
    const name = graph.nodes[node].name;
    const goal = graph.nodes[graph.goal!].name;
    switch (reason) {
        case 'no-links':
            return `'${name}' is on no loop: it has no links. Link it into the wheel of the goal '${goal}'.`;
        case 'only-self-links':
            return `'${name}' is on no loop: its only link leads from it to itself. Link it into the wheel of the goal '${goal}'.`;
        case 'never-leads-back':
            return `'${name}' never leads back to the goal '${goal}': nothing links out of the chain ${describePath(graph, path)} towards the goal.`;
        case 'never-reached':
            return `'${name}' is never reached from the goal '${goal}': nothing leads into the chain ${describePath(graph, path)} from the goal.`;
        case 'disconnected':
            return `'${name}' is on no loop: it is never reached from the goal '${goal}' and never leads back to it.`;
    }
}

function whyStopped(stop: LoopSearchStop): string {
    switch (stop) {
        case 'loop-count': return `there are more than ${withCommas(DEFAULT_LOOP_BOUNDS.maxLoops)} loops`;
        case 'length': return `some loops are longer than ${DEFAULT_LOOP_BOUNDS.maxLength} links`;
        case 'steps': return `it used up its budget of ${withCommas(DEFAULT_LOOP_BOUNDS.maxSteps)} steps`;
    }
}

/** Drivers ordered by how few links join them to wheel nodes (fewest first, then declaration order). */
/**
 * The drivers the wheel needs least: on the fewest reinforcing loops through the goal, then with
 * the fewest links to the wheel, then the later declared. When some are on no such loop, only
 * those (at most three): a driver that turns the wheel is never named while others do not.
 */
function leastNeededDrivers(facts: FlywheelFacts, drivers: Driver[]): Array<{ driver: Driver; loops: number }> {
    const { graph, analysis } = facts;
    const loops = graph.nodes.map(() => 0);
    for (const loop of analysis.loops) if (loop.polarity === 'reinforcing') for (const node of new Set(loop.nodes)) loops[node]++;
    const wheelLinks = graph.nodes.map(() => 0);
    for (const link of graph.links) {
        if (link.source === link.target) continue;
        if (analysis.onWheel[link.target]) wheelLinks[link.source]++;
        if (analysis.onWheel[link.source]) wheelLinks[link.target]++;
    }
    const index = new Map<Node, number>(facts.declarations.map((node, i) => [node, i]));
    const ranked = drivers.map(driver => ({ driver, at: index.get(driver)! }))
        .sort((a, b) => loops[a.at] - loops[b.at] || wheelLinks[a.at] - wheelLinks[b.at] || b.at - a.at)
        .map(({ driver, at }) => ({ driver, loops: loops[at] }));
    const onNone = ranked.filter(r => r.loops === 0);
    return (onNone.length > 0 ? onNone : ranked).slice(0, 3);
}
