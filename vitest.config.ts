import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        globalSetup: ['test/global-setup.ts'],
        // The VS Code suite runs inside a real extension host (npm run test:vscode) and the
        // browser tests need Chromium (npm run test:browser): neither runs here. Installing from
        // the source (a fresh clone's npm ci, a git URL) takes minutes: npm run test:install.
        exclude: ['test/vscode/**', 'test/browser/**', 'test/install/from-source.test.ts', 'node_modules/**'],
        testTimeout: 30_000
    }
});
