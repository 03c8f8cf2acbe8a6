/** `flywheel diff`: Markdown for a pull request, JSON for tools, standard input and missing sides, git's calling convention. */
import { describe, expect, test } from 'vitest';
import { runFlywheel, tempTree } from './run-flywheel.js';

const OLD = `/** Stripe: growth in transactions. */
flywheel Stripe "Stripe's payment-volume flywheel" {
    goal volume "Total payment volume"

    quality driver developerExperience "Developer experience"
    driver merchants "Merchants on Stripe"
    quality driver fraudModels "Network-trained fraud detection"
    cost driver unitCost "Lower cost per transaction"

    developerExperience -> merchants "developers choose the API" -> volume "merchants grow on it"
    volume -> fraudModels "more data" -> merchants "fewer false declines"
    volume -> unitCost "scale" -> merchants "better pricing"
    volume -> developerExperience "funds more products"
}
`;

/** OLD with a renamed driver (and a link label naming it), a relabelled goal, a new cost driver that brakes, and a delay. */
const NEW = OLD
    .replace(/merchants(?= |$)/gm, 'businesses')
    .replace('"Total payment volume"', '"Total payment volume (TPV)"')
    .replace('    cost driver unitCost "Lower cost per transaction"\n', '    cost driver unitCost "Lower cost per transaction"\n    cost driver compliance "Compliance cost"\n')
    .replace('volume -> unitCost', 'volume ~> unitCost')
    .replace('    volume -> developerExperience "funds more products"\n', '    volume -> developerExperience "funds more products"\n    volume -> compliance "new markets" -| businesses "slower onboarding"\n');

const EXPECTED_MARKDOWN = `### \`old.fly → new.fly\`: 10 changes in meaning

**Flywheel \`Stripe\`** “Stripe's payment-volume flywheel”: the wheel still closes: 3 reinforcing loops, 1 balancing loop (was 0).

- Goal relabelled: \`volume\` “Total payment volume” → “Total payment volume (TPV)”
- Driver renamed: \`merchants\` → \`businesses\`
- Driver added: \`compliance\` “Compliance cost” (cost)
- Link changed: \`volume -> unitCost\` is now \`volume ~> unitCost\` (now delayed)
- Link relabelled: \`businesses -> volume\` “merchants grow on it” → “businesses grow on it”
- Link added: \`volume -> compliance\` “new markets”
- Link added: \`compliance -| businesses\` “slower onboarding”
- Loop changed: \`volume ~> unitCost -> businesses -> volume\` (R3) is now delayed
- Loop gained: B1 (balancing) \`volume -> compliance -| businesses -> volume\`
- New warning \`balancing-loop\`: Balancing loop B1 brakes the wheel: volume -> compliance -| businesses -> volume.
`;

describe('flywheel diff', () => {
    test('Markdown ready for a pull-request comment', () => {
        const root = tempTree({ 'old.fly': OLD, 'new.fly': NEW });
        const run = runFlywheel(['diff', '--format', 'markdown', 'old.fly', 'new.fly'], { cwd: root });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.stdout).toBe(EXPECTED_MARKDOWN);
    });

    test('JSON: the paths, the status, and each flywheel with its changes and wheel before and after', () => {
        const root = tempTree({ 'old.fly': OLD, 'new.fly': NEW });
        const run = runFlywheel(['diff', 'old.fly', 'new.fly', '--format', 'json'], { cwd: root });
        expect(run.status).toBe(0);
        const result = JSON.parse(run.stdout);
        expect(result).toMatchObject({ old: 'old.fly', new: 'new.fly', status: 'changed', parses: { before: true, after: true }, changes: [] });
        expect(result.flywheels).toHaveLength(1);
        expect(result.flywheels[0]).toMatchObject({
            name: 'Stripe', status: 'changed',
            before: { goal: 'volume', closes: true, reinforcing: 3, balancing: 0, complete: true },
            after: { goal: 'volume', closes: true, reinforcing: 3, balancing: 1, complete: true }
        });
        expect(result.flywheels[0].changes[1]).toEqual({ kind: 'node-renamed', role: 'driver', from: 'merchants', to: 'businesses' });
    });

    test('reformatted, recommented and reordered: "no change in meaning", exit 0', () => {
        const reformatted = OLD.replace(/\n\s*\n/g, '\n').replace(/ -> /g, '->').replace('    cost driver unitCost', '    // costs\n    cost   driver unitCost');
        const root = tempTree({ 'a.fly': OLD, 'b.fly': reformatted });
        expect(runFlywheel(['diff', '--format', 'markdown', 'a.fly', 'b.fly'], { cwd: root })).toMatchObject({ status: 0, stdout: '### `a.fly → b.fly`: no change in meaning\n' });
        expect(JSON.parse(runFlywheel(['diff', 'a.fly', 'b.fly', '--format', 'json'], { cwd: root }).stdout).status).toBe('unchanged');
    });

    test('OLD from standard input, titled by NEW', () => {
        const root = tempTree({ 'new.fly': NEW });
        const run = runFlywheel(['diff', '--format', 'markdown', '-', 'new.fly'], { cwd: root, input: OLD });
        expect(run.stdout).toBe(EXPECTED_MARKDOWN.replace('old.fly → new.fly', 'new.fly'));
        expect(runFlywheel(['diff', '--format', 'markdown', 'new.fly', '-'], { cwd: root, input: NEW }).stdout).toBe('### `new.fly`: no change in meaning\n');
    });

    test('a missing side (empty input, an empty file or /dev/null): the file was added or deleted', () => {
        const root = tempTree({ 'new.fly': NEW, 'empty.fly': '' });
        const added = runFlywheel(['diff', '--format', 'markdown', '-', 'new.fly'], { cwd: root, input: '' });
        expect(added.status).toBe(0);
        expect(added.stdout).toMatch(/^### `new\.fly`: new file\n\n\*\*Flywheel `Stripe`\*\* .*: new; the wheel closes: 3 reinforcing loops, 1 balancing loop\.\n\n- Goal added: `volume`\n- Driver added: /);
        const deleted = runFlywheel(['diff', '--format', 'markdown', 'new.fly', '/dev/null'], { cwd: root });
        expect(deleted.stdout).toBe("### `new.fly`: deleted\n\n**Flywheel `Stripe`** “Stripe's payment-volume flywheel”: removed; its wheel closed: 3 reinforcing loops, 1 balancing loop.\n");
        expect(JSON.parse(runFlywheel(['diff', 'empty.fly', 'new.fly', '--format', 'json'], { cwd: root }).stdout)).toMatchObject({ old: null, new: 'new.fly', status: 'added' });
    });

    test('a side that does not parse is flagged, its syntax errors listed', () => {
        const root = tempTree({ 'old.fly': OLD, 'new.fly': OLD.replace('goal volume', 'goal') });
        const run = runFlywheel(['diff', '--format', 'markdown', 'old.fly', 'new.fly'], { cwd: root });
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('> **Warning:** the new version does not parse; the comparison uses what could be read.\n');
        expect(run.stdout).toMatch(/\n- New error `syntax-error`: /);
    });

    test('labels are escaped for Markdown; names and arrows are not', () => {
        const root = tempTree({ 'a.fly': 'flywheel A {\n    goal g\n    driver d "*bold* <b>x</b> [l](u) `c`"\n    g -> d -> g\n}\n' });
        const run = runFlywheel(['diff', '--format', 'markdown', '/dev/null', 'a.fly'], { cwd: root });
        expect(run.stdout).toContain('- Driver added: `d` “\\*bold\\* \\<b>x\\</b> \\[l\\](u) \\`c\\`”\n');
        expect(run.stdout).toContain('- Loop gained: R1 (reinforcing) `g -> d -> g`\n');
    });

    test('--git takes the arguments of a git external diff driver, renames included, and ends with a blank line', () => {
        const root = tempTree({ 'tmp-old.fly': OLD, 'tmp-new.fly': NEW });
        const hex = '0'.repeat(40);
        const modified = runFlywheel(['diff', '--format', 'markdown', '--git', 'wheels/stripe.fly', 'tmp-old.fly', hex, '100644', 'tmp-new.fly', hex, '100644'], { cwd: root });
        expect(modified.stdout).toBe(EXPECTED_MARKDOWN.replace('old.fly → new.fly', 'wheels/stripe.fly') + '\n');
        const renamed = runFlywheel(['diff', '--format', 'markdown', '--git', 'a.fly', 'tmp-old.fly', hex, '100644', 'tmp-old.fly', hex, '100644', 'b.fly', 'similarity index 100%\n'], { cwd: root });
        expect(renamed.stdout).toBe('### `a.fly → b.fly`: no change in meaning\n\n');
        const added = runFlywheel(['diff', '--format', 'markdown', '--git', 'new.fly', '/dev/null', '.', '.', 'tmp-new.fly', hex, '100644'], { cwd: root });
        expect(added.stdout).toMatch(/^### `new\.fly`: new file\n/);
        // JSON names the files by their paths in the repository, not by git's temporary copies.
        const json = runFlywheel(['diff', '--git', '--format', 'json', 'a.fly', 'tmp-old.fly', hex, '100644', 'tmp-new.fly', hex, '100644', 'b.fly', 'similarity index 90%\n'], { cwd: root });
        expect(JSON.parse(json.stdout)).toMatchObject({ old: 'a.fly', new: 'b.fly', status: 'changed' });
    });

    test('loop counts are exact when the search was complete, and lower bounds only when it stopped early', () => {
        // The only loop through g turns balancing; a side path b5 -> w -> b1 back into it closes nothing.
        const sidePath = (arrow: string) => `flywheel W {
    goal g
    driver b1
    driver b2
    driver b3
    driver b4
    driver b5
    driver b6
    driver w
    g -> b1 -> b2 -> b3 -> b4 -> b5 -> b6 ${arrow} g
    b5 -> w -> b1
}
`;
        const nodes = ['g', 'a', 'b', 'c', 'd', 'e', 'f'];
        const dense = `flywheel W {
    goal g
${nodes.slice(1).map(n => `    driver ${n}\n`).join('')}${nodes.flatMap(a => nodes.filter(b => b !== a).map(b => `    ${a} -> ${b}\n`)).join('')}}
`;
        const root = tempTree({ 'reinforcing.fly': sidePath('->'), 'balancing.fly': sidePath('-|'), 'dense.fly': dense });
        const exact = runFlywheel(['diff', 'reinforcing.fly', 'balancing.fly'], { cwd: root });
        // The only loop through the goal now brakes: not-reinforcing, an error the sentence names too.
        expect(exact.stdout).toContain('the wheel still closes: 0 reinforcing loops (was 1), 1 balancing loop (was 0), but with 1 new error (not-reinforcing).');
        const bounded = runFlywheel(['diff', 'reinforcing.fly', 'dense.fly'], { cwd: root });
        expect(bounded.stdout).toContain('the wheel still closes: at least 1,000 reinforcing and 0 balancing loops (the search stopped early; every loop of up to 5 links was counted).');
    });

    test('a wheel that still closes but left a driver off it says so in its summary line, as the errors listed below it do', () => {
        const before = 'flywheel W {\n    goal g\n    cost driver c\n    quality driver q\n    g -> c -> q -> g\n}\n';
        const after = before.replace('q -> g', 'q -> g\n    driver x\n    q -> x');
        const root = tempTree({ 'before.fly': before, 'after.fly': after });
        const run = runFlywheel(['diff', 'before.fly', 'after.fly'], { cwd: root });
        expect(run.stdout).toContain('the wheel still closes: 1 reinforcing loop, 0 balancing loops, but with 1 new error (broken-loop).');
        expect(run.stdout).toContain('broken-loop');
    });

    test('bad usage and unreadable input: one line, exit 2', () => {
        const root = tempTree({ 'a.fly': OLD });
        const cases: Array<[string[], string]> = [
            [['diff', '--format', 'markdown', 'a.fly'], 'flywheel: diff takes two files, OLD and NEW (- for standard input; see flywheel --help)\n'],
            [['diff', '--format', 'markdown', '-', '-'], 'flywheel: only one of OLD and NEW can be standard input (-)\n'],
            [['diff', '--format', 'markdown', 'a.fly', 'missing.fly'], "flywheel: cannot read 'missing.fly': no such file or folder\n"],
            [['diff', 'a.fly', 'a.fly', '--format', 'html'], "flywheel: unknown format 'html' for --format (expected text, markdown, json, svg or png)\n"],
            [['diff', '--format', 'markdown', '--git', 'a.fly', 'a.fly'], 'flywheel: --git takes the 7 or 9 arguments git passes to an external diff driver, not 2\n']
        ];
        for (const [args, stderr] of cases) {
            expect(runFlywheel(args, { cwd: root }), args.join(' ')).toMatchObject({ status: 2, stdout: '', stderr });
        }
    });
});
