/**
 * `flywheel.config.json`: what a team shares between its editors and its CI. The nearest one
 * above a `.fly` file applies to it (no merging, as with Prettier). This module only reads the
 * text: the CLI reads the file from disk, the editor's client through VS Code's file system, and
 * both hand the text here, so a bad config is reported the same way on both sides, with its
 * position, and never throws. `schemas/flywheel.config.schema.json` describes the same shape for
 * VS Code's JSON completion (a test keeps the two in step).
 */
import { getNodeValue, type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Range } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from './config-protocol.js';
import { DiagnosticCode } from './diagnostic-codes.js';

export { CONFIG_FILE_NAME } from './config-protocol.js';

export type RuleSeverity = 'error' | 'warning' | 'info' | 'off';
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'info', 'off'];

/** Every code a team may set a severity for: all of the checker's except `syntax-error` (a file that does not parse is never clean). */
export const CONFIGURABLE_CODES: readonly string[] = Object.values(DiagnosticCode).filter(code => code !== DiagnosticCode.SyntaxError);

export interface FlywheelConfig {
    maxDrivers?: number;
    /** Severity by diagnostic code. */
    rules: ReadonlyMap<string, RuleSeverity>;
    /** Patterns in `.gitignore` syntax, relative to the config file's folder. */
    ignore: readonly string[];
}

export interface ConfigProblem {
    message: string;
    range: Range;
}

export interface ParsedConfig {
    /** What could be read; a bad entry is left out (and reported), the rest still applies. */
    config: FlywheelConfig;
    problems: ConfigProblem[];
}

const KEYS = ['$schema', 'maxDrivers', 'rules', 'ignore'];

export function parseConfig(text: string): ParsedConfig {
    const positions = new Positions(text);
    const problems: ConfigProblem[] = [];
    const problem = (message: string, offset: number, length: number) => problems.push({ message, range: positions.range(offset, length) });
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    // The first syntax error only: the ones after it are mostly its echoes.
    const [first] = errors;
    if (first) problem(`${CONFIG_FILE_NAME} is not valid JSON: ${describeParseError(printParseErrorCode(first.error))}`, first.offset, first.length);
    const config: FlywheelConfig = { rules: new Map(), ignore: [] };
    if (errors.length > 0 || !root) return { config, problems };
    if (root.type !== 'object') {
        problem(`${CONFIG_FILE_NAME} must hold one JSON object, such as { "maxDrivers": 10 }`, root.offset, root.length);
        return { config, problems };
    }
    const rules = new Map<string, RuleSeverity>();
    const ignore: string[] = [];
    let maxDrivers: number | undefined;
    for (const [key, value, keyNode] of properties(root)) {
        switch (key) {
            case '$schema':
                if (value.type !== 'string') problem('"$schema" must be a string', value.offset, value.length);
                break;
            case 'maxDrivers':
                if (value.type === 'number' && Number.isInteger(value.value) && value.value >= 0) maxDrivers = value.value;
                else problem(`"maxDrivers" must be a whole number (0 or more), not ${preview(text, value)}`, value.offset, value.length);
                break;
            case 'rules':
                if (value.type !== 'object') {
                    problem('"rules" must be an object of diagnostic codes and severities, such as { "balancing-loop": "off" }', value.offset, value.length);
                    break;
                }
                for (const [code, severity, codeNode] of properties(value)) {
                    if (!CONFIGURABLE_CODES.includes(code)) {
                        const hint = code === DiagnosticCode.SyntaxError ? 'syntax errors cannot be turned off' : `expected one of ${CONFIGURABLE_CODES.join(', ')}`;
                        problem(`unknown rule "${code}" in "rules" (${hint})`, codeNode.offset, codeNode.length);
                    } else if (severity.type === 'string' && (RULE_SEVERITIES as readonly string[]).includes(severity.value)) {
                        rules.set(code, severity.value as RuleSeverity);
                    } else {
                        problem(`the severity of "${code}" must be "error", "warning", "info" or "off", not ${preview(text, severity)}`, severity.offset, severity.length);
                    }
                }
                break;
            case 'ignore':
                if (value.type !== 'array') {
                    problem('"ignore" must be an array of patterns, such as ["build/", "drafts/*.fly"]', value.offset, value.length);
                    break;
                }
                for (const pattern of value.children ?? []) {
                    if (pattern.type === 'string') ignore.push(pattern.value);
                    else problem(`each pattern in "ignore" must be a string, not ${preview(text, pattern)}`, pattern.offset, pattern.length);
                }
                break;
            default:
                problem(`unknown key "${key}" in ${CONFIG_FILE_NAME} (expected ${KEYS.join(', ')})`, keyNode.offset, keyNode.length);
        }
    }
    return { config: { maxDrivers, rules, ignore }, problems };
}

/** An object node's properties as [key, value node, key node]; a key given twice keeps its last value, as JSON.parse does. */
function properties(object: JsonNode): Array<[string, JsonNode, JsonNode]> {
    return (object.children ?? []).flatMap(property => {
        const [keyNode, value] = property.children ?? [];
        return keyNode && value ? [[String(getNodeValue(keyNode)), value, keyNode] as [string, JsonNode, JsonNode]] : [];
    });
}

function preview(text: string, node: JsonNode): string {
    const raw = text.slice(node.offset, node.offset + node.length);
    return raw.length > 40 ? `${raw.slice(0, 37)}…` : raw;
}

/** jsonc-parser's error names (`CommaExpected`) as words. */
function describeParseError(name: string): string {
    return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Offsets to 0-based lines and UTF-16 characters, as LSP ranges count them. */
class Positions {
    private readonly lineStarts: number[] = [0];

    constructor(text: string) {
        for (let i = 0; i < text.length; i++) {
            const char = text[i];
            if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) this.lineStarts.push(i + 1);
        }
    }

    range(offset: number, length: number): Range {
        return { start: this.position(offset), end: this.position(offset + Math.max(length, 1)) };
    }

    private position(offset: number): Range['start'] {
        let low = 0;
        let high = this.lineStarts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (this.lineStarts[middle] <= offset) low = middle;
            else high = middle - 1;
        }
        return { line: low, character: offset - this.lineStarts[low] };
    }
}
