/**
 * How much the live preview draws. The preview redraws on every edit, and the webview's DOM is
 * what costs: putting a drawing in the page took 0.2 s at 400 nodes, 0.4 s at 1,000 and 1.9 s at
 * 5,000 in headless Chromium here (laying it out is ten times cheaper). Past these limits the
 * preview says what it left out instead; `flywheel render` draws anything it is asked to, as a file.
 */
import type { RenderModel } from './model.js';
import { counted as count } from '../core/counting.js';

export interface DrawingLimits {
    nodesPerFlywheel: number;
    linksPerFlywheel: number;
    /** Over all the flywheels of one file. */
    nodesInAll: number;
}

export const PREVIEW_LIMITS: DrawingLimits = { nodesPerFlywheel: 400, linksPerFlywheel: 1600, nodesInAll: 2000 };

/** Which flywheels are drawn, in file order, and a sentence for each group left out. */
export function withinLimits(models: RenderModel[], limits: DrawingLimits = PREVIEW_LIMITS): { drawn: RenderModel[]; notDrawn: string[] } {
    const drawn: RenderModel[] = [];
    const notDrawn: string[] = [];
    const overTotal: RenderModel[] = [];
    let nodes = 0;
    for (const model of models) {
        if (model.nodes.length > limits.nodesPerFlywheel || model.links.length > limits.linksPerFlywheel) {
            notDrawn.push(`'${model.name}' has ${count(model.nodes.length, 'node')} and ${count(model.links.length, 'link')}: too large to draw here (the preview draws flywheels of up to ${count(limits.nodesPerFlywheel, 'node')} and ${count(limits.linksPerFlywheel, 'link')}; flywheel render draws it to a file).`);
        } else if (nodes + model.nodes.length > limits.nodesInAll) {
            overTotal.push(model);
        } else {
            nodes += model.nodes.length;
            drawn.push(model);
        }
    }
    if (overTotal.length > 0) {
        const [first, ...rest] = overTotal;
        const which = rest.length === 0 ? `'${first.name}' is` : `'${first.name}' and ${count(rest.length, 'more flywheel')} are`;
        notDrawn.push(`${which} not drawn: the preview draws up to ${count(limits.nodesInAll, 'node')} per file (flywheel render draws every flywheel).`);
    }
    return { drawn, notDrawn };
}
