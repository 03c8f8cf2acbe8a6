/** `toRenderModels`: from text to the drawing's models in one call, with no workspace to set up. */
import { readFileSync } from 'node:fs';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { createFlywheelCoreServices } from '../../language/flywheel-module.js';
import { toRenderModels } from '../../language/render-model.js';
import { modelsOf } from '../renderer/render-helpers.js';

const amazon = readFileSync('examples/amazon.fly', 'utf8');

describe('toRenderModels', () => {
    test('the same models as a document checked in the language server\'s services', async () => {
        const { models, syntaxErrors } = await toRenderModels(amazon);
        expect(syntaxErrors).toEqual([]);
        expect(models).toEqual(await modelsOf(amazon, 10));
        expect(models.map(m => m.name)).toEqual(['Amazon']);
    });

    test('a text that does not parse: its syntax errors with their places', async () => {
        const { syntaxErrors } = await toRenderModels('flywheel W {\n    goal g\n    driver }\n');
        expect(syntaxErrors).toHaveLength(1);
        expect(syntaxErrors[0].range).toMatchObject({ startLine: 2, startCharacter: 11 });
        expect(syntaxErrors[0].message).not.toBe('');
    });

    test('calls at once do not see each other, and leave nothing in the services behind', async () => {
        const services = createFlywheelCoreServices(EmptyFileSystem).Flywheel;
        const texts = ['A', 'B', 'C'].map(name => amazon.replace('flywheel Amazon', `flywheel ${name}`));
        const results = await Promise.all(texts.map(text => toRenderModels(text, services)));
        expect(results.map(r => r.models.map(m => m.name))).toEqual([['A'], ['B'], ['C']]);
        expect(services.shared.workspace.LangiumDocuments.all.count()).toBe(0);
        expect(services.shared.workspace.IndexManager.allElements().count()).toBe(0);
    });

    test('the diagnostics of each flywheel are attached to the node they are about', async () => {
        const { models } = await toRenderModels('flywheel W {\n    goal g\n    cost quality driver c\n    driver lonely\n    g -> c -> g\n}\n');
        const lonely = models[0].nodes.find(n => n.name === 'lonely')!;
        expect(models[0].diagnostics).toEqual([expect.objectContaining({ code: 'broken-loop', node: lonely.index })]);
    });
});
