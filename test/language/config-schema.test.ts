/**
 * schemas/flywheel.config.schema.json (what VS Code completes and checks in the editor) and the
 * reader both sides use (language/flywheel-config.ts) describe the same file: the same codes and
 * severities, and the same verdict on good and bad configs.
 */
import Ajv from 'ajv';
import { describe, expect, test } from 'vitest';
import schema from '../../schemas/flywheel.config.schema.json' with { type: 'json' };
import packageJson from '../../package.json' with { type: 'json' };
import { DEFAULT_MAX_DRIVERS } from '../../core/limits.js';
import { CONFIGURABLE_CODES, parseConfig, RULE_SEVERITIES } from '../../language/flywheel-config.js';

const validate = new Ajv.default({ strict: false }).compile(schema);

describe('the config schema and the reader', () => {
    test('and the VS Code setting give the checker\'s default limit', () => {
        expect(schema.properties.maxDrivers.default).toBe(DEFAULT_MAX_DRIVERS);
        const setting = (packageJson.contributes.configuration as { properties: Record<string, { default?: unknown }> }).properties['flywheel.validation.maxDrivers'];
        expect(setting.default).toBe(DEFAULT_MAX_DRIVERS);
    });

    test('name the same codes and severities', () => {
        expect(Object.keys(schema.properties.rules.properties).sort()).toEqual([...CONFIGURABLE_CODES].sort());
        expect(schema.definitions.severity.enum).toEqual(RULE_SEVERITIES);
    });

    test.each([
        '{}',
        '{ "$schema": "./schemas/flywheel.config.schema.json", "maxDrivers": 12, "rules": { "balancing-loop": "off", "missing-cost-driver": "info" }, "ignore": ["build/"] }',
        '{ "maxDrivers": -1 }',
        '{ "maxDrivers": 2.5 }',
        '{ "rules": { "syntax-error": "off" } }',
        '{ "rules": { "balancing-loop": "loud" } }',
        '{ "ignore": "build/" }',
        '{ "ignore": [3] }',
        '{ "maxDriver": 3 }',
        '[]'
    ])('agree on %s', text => {
        expect(parseConfig(text).problems.length === 0).toBe(validate(JSON.parse(text)));
    });
});
