/** Render models from `.fly` text through the real services, for the renderer tests. */
import type { LangiumDocument } from 'langium';
import type { Model } from '../../language/generated/ast.js';
import { renderModelsOf } from '../../language/render-model.js';
import type { RenderModel } from '../../renderer/model.js';
import { services, validate } from '../language/validation-helpers.js';

export async function modelsOf(text: string, maxDrivers = 100): Promise<RenderModel[]> {
    const { document } = await validate(text, maxDrivers);
    return renderModelsOf(document as LangiumDocument<Model>, services.Flywheel.analysis.FlywheelAnalyzer);
}

/** A ring of `drivers` drivers through the goal, with labels of the given length. */
export function ring(drivers: number, label = (i: number) => `Driver number ${i} label`): string {
    const names = Array.from({ length: drivers }, (_, i) => `d${i}`);
    return `flywheel Ring "A ring" {
    goal g "Growth of the whole business"
    ${names.map((n, i) => `${i === 0 ? 'cost quality ' : ''}driver ${n} "${label(i)}"`).join('\n    ')}
    g -> ${names.join(' -> ')} -> g
}`;
}
