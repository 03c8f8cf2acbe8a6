import { defineConfig } from 'vitest/config';

// `npm run test:browser`: tests that drive Debian's headless Chromium (scripts/setup-chromium.sh).
export default defineConfig({
    test: {
        include: ['test/browser/**/*.test.ts'],
        globalSetup: ['test/global-setup.ts'],
        testTimeout: 60_000,
        hookTimeout: 60_000
    }
});
