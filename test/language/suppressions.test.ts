/**
 * Suppressions (flywheel-suppressions.ts) and the severities of a `flywheel.config.json`, applied
 * by the real services to what the checker found.
 */
import { TextDocument, URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { type CodeAction, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { SUPPRESS_KIND } from '../../language/lsp/flywheel-suppression-fixes.js';
import { marked, services, validate } from './validation-helpers.js';

const settings = services.Flywheel.validation.FlywheelSettings;
const ROOT_CONFIG = URI.parse('file:///flywheel.config.json');
afterEach(() => settings.setConfig(ROOT_CONFIG, undefined));

/** The Value Flywheel Effect: a legitimate wheel with no cost driver and a brake. */
const valueFlywheel = (before: string, inside = '') => `${before}flywheel Value "The Value Flywheel Effect" {
    goal value "Business value"
    quality driver clarity "Clarity of purpose"
    driver challenge "Challenge"
    driver debt "Technical debt"
    value -> clarity -> challenge -> value
${inside}    value -> debt -| challenge
}
`;

const codes = async (text: string) => (await validate(text)).diagnostics.map(d => String(d.code)).sort();

describe('suppression directives', () => {
    test('without any, the wheel warns about its missing cost driver and its brake', async () => {
        expect(await codes(valueFlywheel(''))).toEqual(['balancing-loop', 'missing-cost-driver']);
    });

    test('`flywheel-disable CODE…` right before `flywheel Name` turns the codes off in the whole flywheel', async () => {
        expect(await codes(valueFlywheel('// flywheel-disable missing-cost-driver, balancing-loop -- not an economic wheel\n'))).toEqual([]);
        expect(await codes(valueFlywheel('/* flywheel-disable balancing-loop */\n/** doc */\n'))).toEqual(['missing-cost-driver']);
    });

    test('it covers only the flywheel it stands before', async () => {
        const text = valueFlywheel('// flywheel-disable missing-cost-driver\n') + valueFlywheel('').replace('Value "', 'Other "');
        expect(await codes(text)).toEqual(['balancing-loop', 'balancing-loop', 'missing-cost-driver']);
    });

    test('`flywheel-disable-next-line CODE` turns the code off on the next line only', async () => {
        const text = valueFlywheel('', '    // flywheel-disable-next-line balancing-loop\n');
        expect(await codes(text)).toEqual(['missing-cost-driver']);
    });

    test('with no code, a directive turns every code off where it applies', async () => {
        expect(await codes(valueFlywheel('// flywheel-disable\n'))).toEqual([]);
    });

    test('a directive that turns nothing off is warned about, on the code that did nothing, faded as unnecessary', async () => {
        const { text, ranges } = marked(valueFlywheel('// flywheel-disable missing-cost-driver, «self-link»\n'));
        const { diagnostics } = await validate(text);
        const unused = diagnostics.filter(d => d.code === 'unused-suppression');
        expect(unused).toHaveLength(1);
        expect(unused[0]).toMatchObject({ range: ranges[0], severity: DiagnosticSeverity.Warning, tags: [DiagnosticTag.Unnecessary], data: { code: 'unused-suppression' } });
        expect(unused[0].message).toContain("'self-link' is suppressed in vain");
    });

    test('a next-line directive above a line without that diagnostic, an unknown code, and a misplaced flywheel-disable are all unused', async () => {
        const text = valueFlywheel('', '    // flywheel-disable-next-line missing-goal\n    // flywheel-disable balancing-loop\n    // flywheel-disable-next-line no-such-code\n');
        const messages = (await validate(text)).diagnostics.filter(d => d.code === 'unused-suppression').map(d => d.message);
        expect(messages).toEqual([
            expect.stringContaining("'missing-goal' is suppressed in vain: there is no missing-goal on the next line"),
            expect.stringContaining('it must come right before `flywheel Name`'),
            expect.stringContaining("'no-such-code' is not a diagnostic code")
        ]);
    });

    test('a directive inside a label is text, not a directive', async () => {
        const text = valueFlywheel('').replace('"Challenge"', '"// flywheel-disable-next-line balancing-loop"');
        expect(await codes(text)).toEqual(['balancing-loop', 'missing-cost-driver']);
    });

    test('syntax errors are never suppressed, and unused directives are not judged in a file that does not parse', async () => {
        const text = '// flywheel-disable syntax-error\nflywheel W {\n    goal g\n    driver }\n';
        const found = await codes(text);
        expect(found).toContain('syntax-error');
        expect(found).not.toContain('unused-suppression');
    });
});

describe('severities from flywheel.config.json', () => {
    test('"off" drops a code and another severity replaces the checker\'s', async () => {
        settings.setConfig(ROOT_CONFIG, JSON.stringify({ rules: { 'missing-cost-driver': 'off', 'balancing-loop': 'error' } }));
        const { diagnostics } = await validate(valueFlywheel(''));
        expect(diagnostics.map(d => [d.code, d.severity])).toEqual([['balancing-loop', DiagnosticSeverity.Error]]);
    });

    test('maxDrivers of the config beats the user-level default', async () => {
        settings.setConfig(ROOT_CONFIG, '{ "maxDrivers": 2 }');
        expect(await codes(valueFlywheel(''))).toContain('too-many-drivers');
    });

    test('the nearest config applies, not one further up', async () => {
        settings.setConfig(ROOT_CONFIG, '{ "rules": { "missing-cost-driver": "off" } }');
        const nested = URI.parse('file:///team/flywheel.config.json');
        settings.setConfig(nested, '{}');
        try {
            expect(settings.configFor(URI.parse('file:///team/sub/a.fly'))?.uri.toString()).toBe(nested.toString());
            expect(settings.configFor(URI.parse('file:///other/a.fly'))?.uri.toString()).toBe(ROOT_CONFIG.toString());
            expect(settings.configFor(URI.parse('file:///teamwork/a.fly'))?.uri.toString()).toBe(ROOT_CONFIG.toString());
        } finally {
            settings.setConfig(nested, undefined);
        }
    });
});

describe('the quick fixes that add a suppression', () => {
    const suppressions = async (text: string, code: string) => {
        const { document, diagnostics } = await validate(text);
        const diagnostic = diagnostics.find(d => d.code === code)!;
        const actions = (await services.Flywheel.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        })) as CodeAction[];
        return actions.filter(a => a.kind === SUPPRESS_KIND).map(a => ({
            title: a.title, text: TextDocument.applyEdits(document.textDocument, a.edit!.changes![document.uri.toString()])
        }));
    };

    test('for the line and for the flywheel: each turns the diagnostic off and changes nothing else', async () => {
        const text = valueFlywheel('');
        const [line, flywheel] = await suppressions(text, 'balancing-loop');
        expect(line.title).toBe('Suppress balancing-loop on this line');
        expect(line.text).toBe(text.replace('    value -> debt -| challenge', '    // flywheel-disable-next-line balancing-loop\n    value -> debt -| challenge'));
        expect(flywheel.title).toBe("Suppress balancing-loop in flywheel 'Value'");
        expect(flywheel.text).toBe(`// flywheel-disable balancing-loop\n${text}`);
        for (const fixed of [line.text, flywheel.text]) expect(await codes(fixed)).toEqual(['missing-cost-driver']);
    });

    test('a directive already there gets the code added to its list', async () => {
        const text = valueFlywheel('// flywheel-disable balancing-loop -- a brake we accept\n');
        const [, flywheel] = await suppressions(text, 'missing-cost-driver');
        expect(flywheel.text).toBe(text.replace('balancing-loop --', 'balancing-loop, missing-cost-driver --'));
        expect(await codes(flywheel.text)).toEqual([]);
    });

    test('none for a syntax error', async () => {
        expect(await suppressions('flywheel W {\n    goal g\n    driver }\n', 'syntax-error')).toEqual([]);
    });
});
