/**
 * Puts a new drawing in the page in place of the old one, in the same task (so no frame shows a
 * half-swapped drawing), keeping every element that did not change: typing a label replaces that
 * node's group, not the whole wheel. Elements are paired by what names them (id, data-node,
 * data-link, data-flywheel) or, for the unnamed ones, by their place among their kind.
 */

/** Makes `target`'s children be `incoming` (nodes of another document), reusing what is equal. */
export function swapChildren(target: Element, incoming: Node[]): void {
    const existing = new Map<string, Element>();
    keysOf(Array.from(target.childNodes)).forEach((key, i) => key && existing.set(key, target.childNodes[i] as Element));
    const next = keysOf(incoming).map((key, i) => {
        const node = incoming[i];
        const old = key ? existing.get(key) : undefined;
        if (!old) return target.ownerDocument.importNode(node, true);
        existing.delete(key!);
        if (!old.isEqualNode(node)) update(old, node as Element);
        return old;
    });
    next.forEach((node, i) => {
        if (target.childNodes[i] !== node) target.insertBefore(node, target.childNodes[i] ?? null);
    });
    while (target.childNodes.length > next.length) target.lastChild!.remove();
}

/** Gives `target` the attributes and children of `source`, an element of the same name. */
function update(target: Element, source: Element): void {
    for (const { name } of Array.from(target.attributes)) if (!source.hasAttribute(name)) target.removeAttribute(name);
    for (const { name, value } of Array.from(source.attributes)) if (target.getAttribute(name) !== value) target.setAttribute(name, value);
    swapChildren(target, Array.from(source.childNodes));
}

/** A key for each element that says which one it is; none for text and comments (they are replaced). */
function keysOf(nodes: Node[]): Array<string | undefined> {
    const seen = new Map<string, number>();
    return nodes.map(node => {
        if (node.nodeType !== Node.ELEMENT_NODE) return undefined;
        const element = node as Element;
        const name = element.getAttribute('id') ?? element.getAttribute('data-node') ?? element.getAttribute('data-link') ?? element.getAttribute('data-flywheel');
        if (name !== null) return `${element.tagName}:${name}`;
        const place = seen.get(element.tagName) ?? 0;
        seen.set(element.tagName, place + 1);
        return `${element.tagName}#${place}`;
    });
}
