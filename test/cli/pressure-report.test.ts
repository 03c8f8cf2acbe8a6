/**
 * `flywheel report FILE [--format markdown|json]` (LANGUAGE.md, "Initiatives"), run as the built
 * command: the loops through the goal, the single points of failure, the initiatives ranked by
 * leverage, the ones off the wheel, and the wheel drivers no initiative pushes.
 */
import { describe, expect, test } from 'vitest';
import { runFlywheel, tempTree } from './run-flywheel.js';

/**
 * R1: subscribers -> listening -> personalization -> subscribers;
 * R2: subscribers -> price -> listening -> personalization -> subscribers.
 * listening and personalization are on both (single points of failure); price only on R2.
 */
const SPOTIFY = `flywheel Spotify "Spotify's flywheel" {
    goal subscribers "Paid subscribers"
    quality driver personalization "Personalization"
    driver listening "Listening hours"
    cost driver price "Price per listener"
    subscribers -> listening -> personalization -> subscribers
    subscribers -> price -> listening

    initiative discounts "Student discounts"
    initiative podcasts "Launch podcasts"
    initiative stadium "Stadium naming rights"
    initiative hike "Raise prices"
    discounts -> price
    podcasts -> listening "more listening data"
    hike -| listening
}
`;

function report(text: string, args: string[] = []) {
    const root = tempTree({ 'wheel.fly': text });
    return runFlywheel(['report', 'wheel.fly', ...args], { cwd: root });
}

describe('flywheel report --format json', () => {
    test('the loops, each wheel driver under pressure, the initiatives by leverage, the off-wheel ones and the unpushed drivers', () => {
        const run = report(SPOTIFY, ['--format', 'json']);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const { path, flywheels: [spotify], diagnostics } = JSON.parse(run.stdout);
        expect(path).toBe('wheel.fly');
        expect(diagnostics).toEqual({ errors: 0, warnings: 2 });
        expect(spotify).toMatchObject({ name: 'Spotify', label: "Spotify's flywheel", goal: 'subscribers', loopsComplete: true });
        expect(spotify.loops).toEqual([
            { id: 'R1', polarity: 'reinforcing', delayed: false, path: ['subscribers', 'listening', 'personalization', 'subscribers'], arrows: ['->', '->', '->'] },
            { id: 'R2', polarity: 'reinforcing', delayed: false, path: ['subscribers', 'price', 'listening', 'personalization', 'subscribers'], arrows: ['->', '->', '->', '->'] }
        ]);
        expect(spotify.drivers).toEqual([
            { name: 'personalization', label: 'Personalization', kinds: ['quality'], loops: ['R1', 'R2'], singlePointOfFailure: true, survivingLoops: [], pushedBy: [] },
            { name: 'listening', label: 'Listening hours', kinds: [], loops: ['R1', 'R2'], singlePointOfFailure: true, survivingLoops: [], pushedBy: ['podcasts'] },
            { name: 'price', label: 'Price per listener', kinds: ['cost'], loops: ['R2'], singlePointOfFailure: false, survivingLoops: ['R1'], pushedBy: ['discounts'] }
        ]);
        expect(spotify.singlePointsOfFailure).toEqual(['personalization', 'listening']);
        expect(spotify.initiatives).toEqual([
            { rank: 1, name: 'podcasts', label: 'Launch podcasts', pushes: [{ target: 'listening', arrow: '->', label: 'more listening data' }], feeds: ['R1', 'R2'], leverage: 2, offWheel: false, brakes: [] },
            { rank: 2, name: 'discounts', label: 'Student discounts', pushes: [{ target: 'price', arrow: '->' }], feeds: ['R2'], leverage: 1, offWheel: false, brakes: [] },
            { rank: 3, name: 'hike', label: 'Raise prices', pushes: [{ target: 'listening', arrow: '-|' }], feeds: [], leverage: 0, offWheel: false, brakes: [{ target: 'listening', loops: ['R1', 'R2'] }] },
            { rank: 4, name: 'stadium', label: 'Stadium naming rights', pushes: [], feeds: [], leverage: 0, offWheel: true, brakes: [] }
        ]);
        expect(spotify.offWheel).toEqual(['stadium']);
        expect(spotify.unpushed).toEqual(['personalization']);
    });
});

describe('flywheel report (Markdown)', () => {
    test('a document for a planning review: each section names what it is about', () => {
        const run = report(SPOTIFY);
        expect(run.status).toBe(0);
        const markdown = run.stdout;
        expect(markdown.startsWith('# Pressure test: `wheel.fly`\n')).toBe(true);
        expect(markdown).toContain("## Spotify's flywheel (`Spotify`)");
        expect(markdown).toContain('| R2 | reinforcing | `subscribers -> price -> listening -> personalization -> subscribers` |');
        expect(markdown).toMatch(/### Single points of failure\n\n- \*\*Personalization\*\* \(`personalization`\): if it fails, R1, R2 stop .*\n- \*\*Listening hours\*\* \(`listening`\)/);
        expect(markdown).toContain('| Price per listener (`price`) cost | R2 | R1 keeps turning | `discounts` |');
        // Ranked by leverage: podcasts feeds two loops, discounts one, the price hike none.
        const ranks = [...markdown.matchAll(/^\| (\d) \| [^|]+\(`(\w+)`\)/gm)].map(m => [m[1], m[2]]);
        expect(ranks).toEqual([['1', 'podcasts'], ['2', 'discounts'], ['3', 'hike']]);
        expect(markdown).toContain('### Say no: initiatives off the wheel\n\n- Stadium naming rights (`stadium`): pushes nothing.');
        expect(markdown).toContain('- Raise prices (`hike`) dampens `listening`, braking R1, R2.');
        expect(markdown).toContain('### Wheel drivers no initiative pushes\n\n- `personalization`\n');
    });

    test('labels cannot break the Markdown: a | or a backtick in a label is escaped', () => {
        const run = report(SPOTIFY.replace('"Launch podcasts"', '"Pods | `shows`"'));
        expect(run.stdout).toContain('| 1 | Pods \\| \\`shows\\` (`podcasts`) |');
    });

    test('a wheel without initiatives says how to add them; one whose loops all survive any driver has no single point of failure', () => {
        const run = report('flywheel W {\n    goal g\n    cost quality driver a\n    driver b\n    g -> a -> g\n    g -> b -> g\n}\n');
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('None: whichever driver fails, a reinforcing loop keeps the wheel turning.');
        expect(run.stdout).toContain('None declared: add `initiative name "Label"`');
    });
});

describe('exit codes, as flywheel check', () => {
    test('1 when the file has errors: the report is still written', () => {
        const run = report(SPOTIFY.replace('hike -| listening', 'hike -| listening\n    price -> hike'));
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('finds 1 error and 2 warnings');
    });

    test('1 and no report when the text does not parse or names are unknown: the errors go to standard error', () => {
        const broken = report(SPOTIFY.replace('podcasts -> listening', 'podcasts -> '));
        expect(broken.status).toBe(1);
        expect(broken.stdout).toBe('');
        expect(broken.stderr).toMatch(/^wheel\.fly:\d+:\d+: error: .*\[syntax-error\]/);
        expect(broken.stderr).toContain("flywheel: no pressure test for 'wheel.fly' until its text parses and every name is declared");
        const unknown = report(SPOTIFY.replace('podcasts -> listening', 'podcasts -> lisening'));
        expect(unknown.status).toBe(1);
        expect(unknown.stderr).toContain('[unresolved-reference]');
    });

    test('2 for bad usage or an unreadable file, in one line', () => {
        for (const args of [['report'], ['report', 'a.fly', 'b.fly'], ['report', 'missing.fly'], ['report', 'wheel.fly', '--format', 'html']]) {
            const run = runFlywheel(args, { cwd: tempTree({ 'wheel.fly': SPOTIFY }) });
            expect(run.status, args.join(' ')).toBe(2);
            expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
            expect(run.stderr).toMatch(/^flywheel: /);
        }
    });
});
