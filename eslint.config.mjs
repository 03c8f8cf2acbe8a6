// ESLint for the TypeScript sources (flat config): correctness from eslint and typescript-eslint's
// recommended sets, and the layout the code is written in (4 spaces, single quotes, semicolons,
// lines of at most 160 characters), so `npm run lint -- --fix` puts most slips right.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Node's own globals: below the entry points the code runs in a browser too (README, "Layout"). */
const NODE_ONLY_GLOBALS = ['Buffer', 'process', 'setImmediate', 'clearImmediate', '__dirname', '__filename', 'require', 'module', 'global']
    .map(name => ({ name, message: 'Node-only: core, renderer and language also run in a browser; pass it in from an entry point.' }));

export default tseslint.config(
    { ignores: ['out/**', 'node_modules/**', 'language/generated/**', 'test-results/**', '.vscode-test/**'] },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        files: ['**/*.ts', '**/*.mjs'],
        plugins: { '@stylistic': stylistic },
        languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
        linterOptions: { reportUnusedDisableDirectives: 'error' },
        rules: {
            '@stylistic/indent': ['error', 4, { SwitchCase: 1, ignoredNodes: ['TemplateLiteral *'] }],
            '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
            '@stylistic/semi': ['error', 'always'],
            '@stylistic/max-len': ['error', { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true }],
            '@stylistic/comma-dangle': ['error', 'never'],
            '@stylistic/eol-last': 'error',
            '@stylistic/no-trailing-spaces': 'error',
            '@stylistic/no-multiple-empty-lines': ['error', { max: 1, maxEOF: 0 }],
            '@stylistic/brace-style': ['error', '1tbs', { allowSingleLine: true }],
            '@stylistic/keyword-spacing': 'error',
            '@stylistic/space-before-blocks': 'error',
            '@stylistic/space-infix-ops': 'error',
            '@stylistic/comma-spacing': 'error',
            '@stylistic/member-delimiter-style': 'error',
            '@stylistic/type-annotation-spacing': 'error',
            '@stylistic/arrow-spacing': 'error',
            eqeqeq: ['error', 'always'],
            'no-var': 'error',
            'prefer-const': 'error'
        }
    },
    {
        files: ['core/**/*.ts', 'renderer/**/*.ts', 'language/**/*.ts', 'client/webview/**/*.ts'],
        rules: { 'no-restricted-globals': ['error', ...NODE_ONLY_GLOBALS] }
    },
    {
        // CommonJS shims (the web worker test bundle's Node assert).
        files: ['**/*.cjs'],
        languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
        rules: { '@typescript-eslint/no-require-imports': 'off' }
    },
    {
        files: ['**/*.mjs', 'bench/**', 'scripts/**'],
        languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } }
    }
);
