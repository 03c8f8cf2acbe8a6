import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        globalSetup: ['test/global-setup.ts'],
        // The VS Code suite runs inside a real extension host (npm run test:vscode), not here.
        exclude: ['test/vscode/**', 'node_modules/**'],
        testTimeout: 30_000
    }
});
