/**
 * One positive and one negative case per diagnostic code of the contract (LANGUAGE.md), with the
 * exact position the contract gives: `«…»` marks where the diagnostic must be.
 */
import { describe, expect, test } from 'vitest';
import { codesOf, expectDiagnostics, expectNoDiagnostic, marked, validate } from './validation-helpers.js';

/** A clean wheel: goal, a cost and a quality driver, one reinforcing loop. */
const clean = `flywheel W {
    goal g
    cost driver c
    quality driver q
    g -> c -> q -> g
}`;

describe('a clean flywheel', () => {
    test('has no diagnostics at all', async () => {
        expect((await validate(clean)).diagnostics).toEqual([]);
    });
});

describe('syntax-error', () => {
    test('on the bad token', async () => {
        await expectDiagnostics('syntax-error', `flywheel W {
    goal g
    driver «}»`, { severity: 'error' });
    });
    test('a keyword is no name', async () => {
        const { text, ranges } = marked(`flywheel W { goal g driver «cost» }`);
        const { diagnostics } = await validate(text);
        expect(diagnostics[0]).toMatchObject({ code: 'syntax-error', range: ranges[0] });
    });
    test('not on clean text', () => expectNoDiagnostic('syntax-error', clean));
});

describe('unresolved-reference', () => {
    test('on the reference, naming the flywheel', async () => {
        const [d] = await expectDiagnostics('unresolved-reference', clean.replace('q -> g', 'q -> g -> «nowhere»'), { severity: 'error' });
        expect(d.message).toContain("'nowhere' is not declared in flywheel 'W'");
    });
    test('names are scoped to their flywheel', async () => {
        await expectDiagnostics('unresolved-reference', `${clean}
flywheel Other {
    goal h
    driver d
    h -> d -> «c»
}`);
    });
    test('the same missing name in two flywheels: each message names its own flywheel (found by nothing-lost.test.ts)', async () => {
        const { diagnostics } = await validate(`${clean.replace('q -> g', 'q -> g -> nowhere')}
flywheel Other {
    goal h
    h -> nowhere -> h
}`);
        expect(diagnostics.filter(d => d.code === 'unresolved-reference').map(d => d.message)).toEqual([
            "'nowhere' is not declared in flywheel 'W': declare it as a driver or fix the name.",
            "'nowhere' is not declared in flywheel 'Other': declare it as a driver or fix the name."
        ]);
    });
    test('references resolve before their declaration', () => expectNoDiagnostic('unresolved-reference', `flywheel W {
    g -> c -> g
    goal g
    cost driver c
}`));
});

describe('duplicate-name', () => {
    test('on the later declaration', async () => {
        const [d] = await expectDiagnostics('duplicate-name', clean.replace('quality driver q', 'quality driver q\n    driver «c»'), { severity: 'error' });
        expect(d.relatedInformation?.[0].location.range.start.line).toBe(2);
    });
    test('the same name in two flywheels is fine', () => expectNoDiagnostic('duplicate-name', `${clean}\n${clean.replace('W', 'V')}`));
});

describe('missing-goal', () => {
    test('on the flywheel\'s name', async () => {
        await expectDiagnostics('missing-goal', `flywheel «W» {
    cost driver c
    quality driver q
    c -> q -> c
}`, { severity: 'error' });
    });
    test('switches off every wheel rule', async () => {
        const { diagnostics } = await validate(`flywheel W {
    driver a
    driver b
    a -> b
}`);
        expect(codesOf(diagnostics)).toEqual(['missing-goal']);
    });
    test('not when there is a goal', () => expectNoDiagnostic('missing-goal', clean));
});

describe('duplicate-goal', () => {
    test('on every goal after the first', async () => {
        await expectDiagnostics('duplicate-goal', `flywheel W {
    goal g
    goal «h»
    cost driver c
    quality driver q
    goal «k»
    g -> c -> q -> g
    q -> h -> g
    q -> k -> g
}`, { severity: 'error' });
    });
    test('the first goal is the goal; later goals are nodes of the graph', async () => {
        const { diagnostics } = await validate(`flywheel W {
    goal g
    goal h
    cost driver c
    quality driver q
    g -> c -> h -> q -> g
}`);
        expect(codesOf(diagnostics)).toEqual(['duplicate-goal']);
    });
    test('not with one goal', () => expectNoDiagnostic('duplicate-goal', clean));
});

describe('goal-off-loop', () => {
    test('on the goal', async () => {
        await expectDiagnostics('goal-off-loop', `flywheel W {
    goal «g»
    cost driver c
    quality driver q
    g -> c -> q
}`, { severity: 'error' });
    });
    test('a self-link does not make a loop', async () => {
        await expectDiagnostics('goal-off-loop', `flywheel W { goal «g» g -> g }`);
    });
    test('not when a loop passes through the goal', () => expectNoDiagnostic('goal-off-loop', clean));
});

describe('broken-loop', () => {
    test('on each driver that is on no loop, saying why', async () => {
        const found = await expectDiagnostics('broken-loop', `flywheel W {
    goal g
    cost driver c
    quality driver q
    driver «lonely»
    driver «sink»
    driver «source»
    g -> c -> q -> g
    q -> sink
    source -> c
}`, { severity: 'error' });
        expect(found.map(d => (d.data as { reason: string }).reason)).toEqual(['no-links', 'never-leads-back', 'never-reached']);
        expect(found[0].message).toBe("'lonely' is on no loop: it has no links. Link it into the wheel of the goal 'g'.");
        expect(found[1].message).toBe("'sink' never leads back to the goal 'g': nothing links out of the chain g -> c -> q -> sink towards the goal.");
        expect(found[2].message).toBe("'source' is never reached from the goal 'g': nothing leads into the chain source -> c -> q -> g from the goal.");
    });
    test('a driver whose only link is to itself is not told it has no links', async () => {
        const [d] = await expectDiagnostics('broken-loop', `flywheel W {
    goal g
    cost quality driver c
    driver «mirror»
    g -> c -> g
    mirror -> mirror
}`, { severity: 'error' });
        expect((d.data as { reason: string }).reason).toBe('only-self-links');
        expect(d.message).toBe("'mirror' is on no loop: its only link leads from it to itself. Link it into the wheel of the goal 'g'.");
    });
    test('related information walks the path', async () => {
        const [d] = await expectDiagnostics('broken-loop', `${clean.replace('q -> g', 'q -> g\n    c -> «x»').replace('quality driver q', 'quality driver q\n    driver x')}`.replace('driver x\n', 'driver «x»\n').replace('c -> «x»', 'c -> x'));
        expect(d.relatedInformation?.map(r => r.message)).toEqual(['g -> c', 'c -> x']);
    });
    test('not on wheel drivers, and never beside split-wheel', async () => {
        await expectNoDiagnostic('broken-loop', clean);
        await expectNoDiagnostic('broken-loop', clean.replace('q -> g', 'q -> g\n    a -> b -> a\n    driver a\n    driver b'));
    });
});

describe('split-wheel', () => {
    test('on each driver of a second wheel', async () => {
        const [d] = await expectDiagnostics('split-wheel', `flywheel W {
    goal g
    cost driver c
    quality driver q
    driver «a»
    driver «b»
    g -> c -> q -> g
    q -> a -> b -> a
}`, { severity: 'warning' });
        expect(d.message).toBe("'a' turns a second wheel that never turns the goal 'g': a -> b -> a.");
    });
    test('not on the goal\'s wheel', () => expectNoDiagnostic('split-wheel', clean));
});

describe('not-reinforcing', () => {
    test('on the goal when every loop through it is balancing', async () => {
        const [d] = await expectDiagnostics('not-reinforcing', `flywheel W {
    goal «g»
    cost driver c
    quality driver q
    g -> c -| g
    g -> q -> c
}`, { severity: 'error' });
        expect(d.message).toContain('(B1, B2)');
    });
    test('two dampening links reinforce', () => expectNoDiagnostic('not-reinforcing', clean.replace('g -> c -> q -> g', 'g -| c -| q -> g')));
    test('no conclusion when enumeration stopped early', async () => {
        // 13 drivers in a ring through the goal plus chords: the only loops are longer than 12 links
        // or balancing; enumeration is incomplete, so no not-reinforcing.
        const names = Array.from({ length: 13 }, (_, i) => `d${i}`);
        const text = `flywheel W {
    goal g
    ${names.map(n => `driver ${n}`).join('\n    ')}
    g -> ${names.join(' -> ')} -> g
    g -> d12 -| g
}`;
        const { diagnostics } = await validate(text, 20);
        expect(codesOf(diagnostics)).not.toContain('not-reinforcing');
        expect(codesOf(diagnostics)).toContain('balancing-loop');
    });
    test('a side path back into the only loop does not hide it', async () => {
        // b5 -> w -> b1 comes back to b1, already on the loop's path: it closes no other loop.
        await expectDiagnostics('not-reinforcing', `flywheel W {
    goal «g»
    cost driver b1
    quality driver b2
    driver b3
    driver b4
    driver b5
    driver b6
    driver w
    g -> b1 -> b2 -> b3 -> b4 -> b5 -> b6 -| g
    b5 -> w -> b1
}`, { severity: 'error' });
    });
});

describe('loops-incomplete', () => {
    const ring = (length: number) => Array.from({ length }, (_, i) => `d${i}`);
    const wheel = (drivers: string[], extra = '') => `flywheel W {
    goal «g»
    ${drivers.map(n => `driver ${n}`).join('\n    ')}
    g -> ${drivers.join(' -> ')} -> g${extra}
}`;

    test('on the goal when a loop is longer than the length bound, saying what was found', async () => {
        // g -> d12 -> g and g -> d12 -| g are found; the ring through all thirteen drivers is 14 links.
        const [d] = await expectDiagnostics('loops-incomplete', wheel(ring(13), '\n    g -> d12 -| g'), { maxDrivers: 20 });
        expect(d.severity).toBe(3);
        expect(d.message).toBe("The loop search through the goal 'g' stopped early: some loops are longer than 12 links. "
            + 'It found 2 loops: every loop of up to 12 links. Longer loops are not listed, so no rule that needs every loop (not-reinforcing) is checked.');
    });

    test('on the goal when there are more loops than the bound, with the length up to which all were found', async () => {
        // Every pair of six drivers and the goal linked both ways: far more than 1,000 loops.
        const nodes = ['g', ...ring(6)];
        const links = nodes.flatMap(a => nodes.filter(b => b !== a).map(b => `${a} -> ${b}`));
        const [d] = await expectDiagnostics('loops-incomplete', `flywheel W {
    goal «g»
    ${ring(6).map(n => `driver ${n}`).join('\n    ')}
    ${links.join('\n    ')}
}`);
        // 6 loops of two links, 30 of three, 120 of four, 360 of five, then 720 of six.
        expect(d.message).toContain('there are more than 1,000 loops. It found 1,000 loops: every loop of up to 5 links, and some of 6.');
    });

    test('not when the search was complete, even on a wheel bigger than the length bound', async () => {
        await expectNoDiagnostic('loops-incomplete', wheel(ring(11)).replace(/[«»]/g, ''), 20);
        await expectNoDiagnostic('loops-incomplete', `flywheel W {
    goal g
    ${ring(13).map(n => `driver ${n}`).join('\n    ')}
    g -> d0 -> g
    ${ring(13).slice(1).map(n => `g -> ${n} -> g`).join('\n    ')}
}`, 20);
    });
});

describe('balancing-loop', () => {
    test('on the first dampening link met walking from the goal, naming the loop', async () => {
        const [d] = await expectDiagnostics('balancing-loop', `flywheel W {
    goal g
    cost driver c
    quality driver q
    driver p
    g -> c -> q -> g
    g -> p «-| q»
}`, { severity: 'warning' });
        expect(d.message).toBe('Balancing loop B1 brakes the wheel: g -> p -| q -> g.');
        expect(d.relatedInformation?.map(r => r.message)).toEqual(['g -> p', 'p -| q', 'q -> g']);
    });
    test('loops that meet the same brake share one diagnostic', async () => {
        const [d] = await expectDiagnostics('balancing-loop', `flywheel W {
    goal g
    cost driver c
    quality driver q
    driver p
    g -> c -> q -> g
    g «-| p» -> q
    p -> c
}`);
        expect(d.message).toBe('Balancing loop B1 brakes the wheel: g -| p -> q -> g (and 1 more balancing loop through this link: B2).');
    });
    test('when the search stopped early, the loops through a brake are counted as a lower bound', async () => {
        const nodes = ['g', 'a', 'b', 'c', 'd', 'e', 'f'];
        const links = nodes.flatMap(a => nodes.filter(b => b !== a).map(b => `${a} -> ${b}`));
        const { diagnostics } = await validate(`flywheel W {
    goal g
    ${nodes.slice(1).map(n => `driver ${n}`).join('\n    ')}
    driver brake
    ${links.join('\n    ')}
    a -> brake -| g
}`);
        const brake = diagnostics.find(d => d.code === 'balancing-loop')!;
        expect(brake.message).toMatch(/^Balancing loop B1 brakes the wheel: g -> a -> brake -\| g \(and at least \d+ more balancing loops through this link/);
    });
    test('not for reinforcing loops', () => expectNoDiagnostic('balancing-loop', clean));
});

describe('missing-cost-driver and missing-quality-driver', () => {
    test('on the flywheel\'s name', async () => {
        await expectDiagnostics('missing-cost-driver', clean.replace('flywheel W', 'flywheel «W»').replace('cost driver', 'driver'), { severity: 'warning' });
        await expectDiagnostics('missing-quality-driver', clean.replace('flywheel W', 'flywheel «W»').replace('quality driver', 'driver'), { severity: 'warning' });
    });
    test('a kind off the wheel does not count', async () => {
        await expectDiagnostics('missing-cost-driver', `flywheel «W» {
    goal g
    driver c
    quality driver q
    cost driver off
    g -> c -> q -> g
    q -> off
}`);
    });
    test('not when the wheel has both', async () => {
        await expectNoDiagnostic('missing-cost-driver', clean);
        await expectNoDiagnostic('missing-quality-driver', clean);
    });
});

describe('too-many-drivers', () => {
    const wheelOf = (n: number) => {
        const names = Array.from({ length: n }, (_, i) => `d${i}`);
        return `flywheel «W» {
    goal g
    cost quality driver ${names.join('\n    driver ')}
    g -> ${names.join(' -> ')} -> g
}`;
    };
    test('on the flywheel\'s name, above the limit of 10', async () => {
        const [d] = await expectDiagnostics('too-many-drivers', wheelOf(11), { severity: 'warning' });
        expect(d.message).toContain('11 drivers, more than 10');
    });
    test('names the drivers on no reinforcing loop through the goal, and only those', async () => {
        const text = wheelOf(11).replace('    g -> d0', '    driver loose\n    g -> d0');
        const [d] = await expectDiagnostics('too-many-drivers', text);
        expect(d.message).toMatch(/The wheel needs these least \(the fewest reinforcing loops through the goal\): 'loose' \(on none\)\.$/);
        expect((d.data as { names: string[] }).names).toEqual(['loose']);
    });
    test('ranked by the loops a driver is on, not by its links: the quality driver on the main loop is not named', async () => {
        // 'spam' has four links into the wheel but none back: on no loop. By links alone, 'q' (two) came first.
        const sides = Array.from({ length: 8 }, (_, i) => `s${i}`);
        const text = `flywheel «Busy» {
    goal g
    quality driver q
    cost driver hub
    driver ${sides.join('\n    driver ')}
    driver spam
    g -> q -> hub -> g
${sides.map(s => `    g -> ${s} -> hub`).join('\n')}
    spam -> hub
    spam -> q
    spam -> s0
    spam -> s1
}`;
        const [d] = await expectDiagnostics('too-many-drivers', text);
        expect((d.data as { names: string[] }).names).toEqual(['spam']);
        expect(d.message).toContain("'spam' (on none)");
    });
    test('when every driver turns the wheel, those on the fewest loops, with how many', async () => {
        const [d] = await expectDiagnostics('too-many-drivers', wheelOf(11));
        // One loop through all of them: each is on 1; the later declared first.
        expect(d.message).toContain("'d10' (on 1), 'd9' (on 1), 'd8' (on 1).");
    });
    test('the limit is a setting', async () => {
        await expectDiagnostics('too-many-drivers', wheelOf(4), { maxDrivers: 3 });
        await expectNoDiagnostic('too-many-drivers', wheelOf(11).replace('«W»', 'W'), 11);
    });
    test('not at the limit', () => expectNoDiagnostic('too-many-drivers', wheelOf(10).replace('«W»', 'W')));
});

describe('self-link', () => {
    test('on the link', async () => {
        await expectDiagnostics('self-link', clean.replace('q -> g', 'q -> g\n    c «-> c»'), { severity: 'warning' });
    });
    test('not on links between two nodes', () => expectNoDiagnostic('self-link', clean));
});

describe('duplicate-link', () => {
    test('on the later link with the same arrow', async () => {
        await expectDiagnostics('duplicate-link', clean.replace('q -> g', 'q -> g\n    g «-> c»'), { severity: 'warning' });
    });
    test('a different arrow is no duplicate', () => expectNoDiagnostic('duplicate-link', clean.replace('q -> g', 'q -> g\n    g ~> c')));
});

describe('conflicting-link', () => {
    test('on the later link of opposite polarity', async () => {
        const [d] = await expectDiagnostics('conflicting-link', clean.replace('q -> g', 'q -> g\n    c «~| q»'), { severity: 'error' });
        expect(d.message).toBe("'c' both reinforces and dampens 'q': c -> q conflicts with c ~| q.");
    });
    test('the same polarity with and without delay is no conflict', () => expectNoDiagnostic('conflicting-link', clean.replace('q -> g', 'q -> g\n    c ~> q')));
});

describe('several flywheels in one file', () => {
    test('each is checked on its own', async () => {
        const { diagnostics } = await validate(`${clean}
flywheel V {
    goal h
}`);
        expect(codesOf(diagnostics)).toEqual(['goal-off-loop', 'missing-cost-driver', 'missing-quality-driver']);
    });
});
