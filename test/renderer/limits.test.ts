/** The preview's drawing limits: what is drawn, what is left out, and the sentence that says so. */
import { describe, expect, test } from 'vitest';
import { PREVIEW_LIMITS, withinLimits } from '../../renderer/limits.js';
import { generateComplete } from '../../bench/generate.js';
import { modelsOf, ring } from './render-helpers.js';

describe('the preview limits', () => {
    test(`a flywheel of ${PREVIEW_LIMITS.nodesPerFlywheel} nodes is drawn; one more node and it is left out, named, with its size`, async () => {
        const [fits] = await modelsOf(ring(PREVIEW_LIMITS.nodesPerFlywheel - 1));
        const [over] = await modelsOf(ring(PREVIEW_LIMITS.nodesPerFlywheel));
        expect(withinLimits([fits])).toEqual({ drawn: [fits], notDrawn: [] });
        const { drawn, notDrawn } = withinLimits([over, fits].map((m, i) => ({ ...m, name: `W${i}` })));
        expect(drawn.map(m => m.name)).toEqual(['W1']);
        expect(notDrawn).toEqual(["'W0' has 401 nodes and 401 links: too large to draw here (the preview draws flywheels of up to 400 nodes and 1,600 links; flywheel render draws it to a file)."]);
    });

    test('too many links is too large too', async () => {
        const [complete] = await modelsOf(generateComplete(41));
        expect(complete.links.length).toBeGreaterThan(PREVIEW_LIMITS.linksPerFlywheel);
        expect(withinLimits([complete]).notDrawn[0]).toMatch(/^'Complete41' has 41 nodes and 1,640 links: too large/);
    });

    test('past the limit for the whole file, the flywheels that do not fit are listed in one sentence', async () => {
        const [small] = await modelsOf(ring(4));
        const models = ['A', 'B', 'C', 'D', 'E'].map(name => ({ ...small, name }));
        const limits = { nodesPerFlywheel: 10, linksPerFlywheel: 10, nodesInAll: 11 };
        expect(withinLimits(models, limits)).toEqual({
            drawn: models.slice(0, 2),
            notDrawn: ["'C' and 2 more flywheels are not drawn: the preview draws up to 11 nodes per file (flywheel render draws every flywheel)."]
        });
        expect(withinLimits(models.slice(0, 3), limits).notDrawn).toEqual(["'C' is not drawn: the preview draws up to 11 nodes per file (flywheel render draws every flywheel)."]);
    });
});
