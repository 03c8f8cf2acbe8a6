import { defineConfig } from 'vitest/config';

// `npm run test:install`: the release build and the git-URL install, each in a fresh clone of HEAD.
export default defineConfig({
    test: {
        include: ['test/install/from-source.test.ts'],
        // The fresh clones, the adopters' repositories and npm's scratch go into one folder, removed at the end.
        globalSetup: ['test/global-setup.ts'],
        testTimeout: 600_000,
        hookTimeout: 120_000
    }
});
