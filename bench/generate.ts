/** Generated `.fly` text for benchmarks (and tests that need big inputs). */

/**
 * A wheel of `drivers` drivers: one ring through the goal, plus `chords` extra forward links
 * (default one per five drivers), every fifth driver `cost` and every seventh `quality`.
 */
export function generateWheel(drivers: number, chords = Math.floor(drivers / 5)): string {
    const names = Array.from({ length: drivers }, (_, i) => `d${i}`);
    const lines = [`flywheel Generated${drivers} "A generated wheel of ${drivers} drivers" {`, '    goal growth "Growth"'];
    names.forEach((name, i) => {
        const kinds = [i % 5 === 0 ? 'cost ' : '', i % 7 === 0 ? 'quality ' : ''].join('');
        lines.push(`    ${kinds}driver ${name} "Driver number ${i}"`);
    });
    lines.push(`    growth -> ${names[0]}`);
    for (let i = 0; i + 1 < drivers; i++) lines.push(`    ${names[i]} -> ${names[i + 1]}`);
    lines.push(`    ${names[drivers - 1]} -> growth "closes the loop"`);
    // Chords jump ahead from every driver in turn, a little further on each round, so none repeats.
    for (let c = 0; c < chords; c++) {
        const from = c % drivers;
        const to = (from + 2 + Math.floor(c / drivers)) % drivers;
        if (from !== to) lines.push(`    ${names[from]} ~> ${names[to]}`);
    }
    lines.push('}', '');
    return lines.join('\n');
}

/** The complete directed graph on `nodes` nodes (the goal and nodes − 1 drivers): every ordered pair linked. */
export function generateComplete(nodes: number): string {
    const names = ['growth', ...Array.from({ length: nodes - 1 }, (_, i) => `d${i}`)];
    const lines = [`flywheel Complete${nodes} {`, '    goal growth', '    cost driver d0', ...names.slice(2).map(n => `    quality driver ${n}`)];
    for (const a of names) for (const b of names) if (a !== b) lines.push(`    ${a} -> ${b}`);
    lines.push('}', '');
    return lines.join('\n');
}

/**
 * A large file of realistic flywheels (`bytes` long or a little more): each with a doc comment,
 * labelled drivers with doc comments, a loop through the goal and chains with labels, so that
 * every part of the grammar and of the checker has work to do. 5 MB is about 1,300 flywheels.
 */
export function generateLargeFile(bytes: number): string {
    const parts: string[] = ['// A generated file of many flywheels, for robustness tests and benchmarks.\n'];
    let length = parts[0].length;
    for (let f = 0; length < bytes; f++) {
        const part = realisticFlywheel(f);
        parts.push(part);
        length += part.length;
    }
    return parts.join('');
}

function realisticFlywheel(index: number): string {
    const drivers = 6 + (index % 5);
    const names = Array.from({ length: drivers }, (_, i) => `driver_${i}`);
    const lines = [`/** Flywheel number ${index}: generated, with doc comments and labels on everything. */`, `flywheel Wheel${index} "Business line ${index}" {`, '    goal growth "Growth in contribution per customer"'];
    names.forEach((name, i) => {
        const kind = i === 0 ? 'cost ' : i === 1 ? 'quality ' : '';
        lines.push(`    /** What driver ${i} of wheel ${index} stands for, and why it matters to the loop. */`);
        lines.push(`    ${kind}driver ${name} "Driver ${i}: a label long enough to wrap in the drawing"`);
    });
    lines.push(`    growth -> ${names.join(' -> ')} -> growth "closes the loop" // the main loop`);
    for (let i = 0; i + 3 < drivers; i += 3) lines.push(`    ${names[i]} ~> ${names[i + 3]} "a delayed push"`);
    lines.push(`    ${names[drivers - 1]} -| ${names[2]} "a brake"`);
    lines.push('}', '');
    return lines.join('\n') + '\n';
}
