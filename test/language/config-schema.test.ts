/**
 * schemas/flywheel.config.schema.json (what VS Code completes and checks in the editor) and the
 * reader both sides use (language/flywheel-config.ts) describe the same file: the same codes and
 * severities, and the same verdict on good and bad configs.
 */
import Ajv from 'ajv';
import { describe, expect, test } from 'vitest';
import schema from '../../schemas/flywheel.config.schema.json' with { type: 'json' };
import { CONFIGURABLE_CODES, parseConfig, RULE_SEVERITIES } from '../../language/flywheel-config.js';

const validate = new Ajv.default({ strict: false }).compile(schema);

describe('the config schema and the reader', () => {
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
