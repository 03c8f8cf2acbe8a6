/** Parses and validates `.fly` text with the real services; `«…»` marks where a diagnostic is expected. */
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { expect } from 'vitest';
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { Model } from '../../language/generated/ast.js';
import { createFlywheelServices } from '../../language/flywheel-lsp-module.js';

export const services = createFlywheelServices(EmptyFileSystem);
const parse = parseHelper<Model>(services.Flywheel);

export async function validate(text: string, maxDrivers = 10): Promise<{ document: LangiumDocument<Model>; diagnostics: Diagnostic[] }> {
    await clearDocuments(services.shared);
    services.Flywheel.validation.FlywheelSettings.maxDrivers = maxDrivers;
    const document = await parse(text, { validation: true });
    return { document, diagnostics: document.diagnostics ?? [] };
}

/** Removes the `«` `»` markers and returns the ranges they enclosed, in order. */
export function marked(text: string): { text: string; ranges: Range[] } {
    const ranges: Range[] = [];
    let plain = '';
    let line = 0;
    let character = 0;
    let start: Range['start'] | undefined;
    for (const char of text) {
        if (char === '«') {
            start = { line, character };
        } else if (char === '»') {
            ranges.push({ start: start!, end: { line, character } });
        } else {
            plain += char;
            if (char === '\n') {
                line++;
                character = 0;
            } else {
                character += char.length;
            }
        }
    }
    return { text: plain, ranges };
}

/** Exactly the marked places carry `code`, and with `severity`. */
export async function expectDiagnostics(code: string, markedText: string, options: { severity?: 'error' | 'warning'; maxDrivers?: number } = {}): Promise<Diagnostic[]> {
    const { text, ranges } = marked(markedText);
    const { diagnostics } = await validate(text, options.maxDrivers);
    const found = diagnostics.filter(d => d.code === code);
    expect(found.map(d => d.range)).toEqual(ranges);
    for (const diagnostic of found) {
        expect((diagnostic.data as { code: string }).code).toBe(code);
        if (options.severity) expect(diagnostic.severity).toBe(options.severity === 'error' ? 1 : 2);
    }
    return found;
}

export async function expectNoDiagnostic(code: string, text: string, maxDrivers?: number): Promise<void> {
    const { diagnostics } = await validate(text, maxDrivers);
    expect(diagnostics.filter(d => d.code === code)).toEqual([]);
}

export function codesOf(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => String(d.code)).sort();
}
