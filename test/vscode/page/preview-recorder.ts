/**
 * The VS Code suite's window onto what a preview webview drew. The code-server launcher runs this
 * (bundled for the browser as out/test/preview-recorder.js) in every frame of the workbench:
 * in the frame that holds a preview page (its `#content`), each change to the page is logged with
 * the time it happened and the time of the next painted frame, and what the page then showed.
 * Nothing in the extension reports this: the test reads the page itself.
 */
import type { PreviewState as Entry } from '../suite/helpers.js';

let watched: Document | undefined;
const install = () => {
    const content = document.getElementById('content');
    const banner = document.getElementById('banner');
    if (document === watched || !content || !banner || !document.getElementById('export-svg')) return;
    watched = document;
    const log: Entry[] = [];
    (globalThis as { flywheelPreviewLog?: Entry[] }).flywheelPreviewLog = log;
    (globalThis as { flywheelPreviewLoadedAt?: number }).flywheelPreviewLoadedAt = Date.now();
    const snapshot = (): Entry => {
        const nodes = Array.from(content.querySelectorAll<SVGGElement>('g[data-node]'));
        const highlighted = content.querySelector<SVGGElement>('.highlighted');
        return {
            at: Date.now(),
            flywheels: Array.from(content.querySelectorAll<SVGSVGElement>('svg[data-flywheel]')).map(svg => svg.dataset.flywheel!),
            nodes: nodes.map(node => node.dataset.node!),
            texts: Object.fromEntries(nodes.map(node => [node.dataset.node!, node.textContent ?? ''])),
            changes: Object.fromEntries(nodes.filter(node => node.dataset.change !== undefined).map(node => [node.dataset.node!, node.dataset.change!])),
            notDrawn: Array.from(content.querySelectorAll('.not-drawn')).map(p => p.textContent ?? ''),
            banner: banner.hidden ? null : banner.textContent,
            highlighted: highlighted
                ? { node: highlighted.dataset.node, link: highlighted.dataset.link === undefined ? undefined : Number(highlighted.dataset.link) }
                : null
        };
    };
    const record = () => {
        const entry = snapshot();
        log.push(entry);
        requestAnimationFrame(() => { entry.painted = Date.now(); });
    };
    if (content.childElementCount > 0) record(); // drawn before the watch began (not seen so far)
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
};
// A webview's page is written into its frame after the frame loads: look for it until it is there.
setInterval(install, 5);
