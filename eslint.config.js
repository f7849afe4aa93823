// ESLint flat config. The import boundaries of docs/DESIGN "Layout" live here:
//   domain -> nothing outside itself (and no UI, state or Node packages)
//   workers, state, lib -> domain (and themselves)
//   ui -> itself (and the vocabulary in domain/model.ts)
//   features/X -> state, ui, lib, domain, itself; never features/Y
//   app -> anything; it is the only place features are composed
import path from 'node:path'
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const ROOT = import.meta.dirname
const SRC = path.join(ROOT, 'src')
const FEATURES = path.join(SRC, 'features')

/**
 * Resolves relative imports by path alone when the node resolver cannot find the file, so a
 * boundary is enforced even for a file that does not exist yet (or a Vite `?worker` / `?url`
 * import). Bare package names are left to the node resolver.
 */
const lexicalResolver = {
  interfaceVersion: 3,
  name: 'watchfloor-lexical',
  resolve(modulePath, sourceFile) {
    if (!modulePath.startsWith('.') && !path.isAbsolute(modulePath)) return { found: false }
    const clean = modulePath.replace(/[?#].*$/, '')
    return { found: true, path: path.resolve(path.dirname(sourceFile), clean) }
  },
}

/** The feature folder a file lies in (`timeline` for src/features/timeline/x.tsx), if any. */
function featureOf(file) {
  const rel = path.relative(FEATURES, file)
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null
  const [first, ...rest] = rel.split(path.sep)
  return rest.length > 0 ? first : null
}

const watchfloorPlugin = {
  meta: { name: 'watchfloor' },
  rules: {
    'no-cross-feature-imports': {
      meta: {
        type: 'problem',
        docs: { description: 'A feature folder must not import another feature folder; compose them in src/app.' },
        messages: {
          cross: 'Feature "{{from}}" must not import feature "{{to}}" ({{source}}); share through state, ui, lib or domain, and compose in src/app.',
        },
        schema: [],
      },
      create(context) {
        const from = featureOf(context.physicalFilename)
        if (from === null) return {}
        function check(node, source) {
          if (typeof source !== 'string' || !source.startsWith('.')) return
          const target = path.resolve(path.dirname(context.physicalFilename), source.replace(/[?#].*$/, ''))
          const to = featureOf(target) ?? (path.dirname(target) === FEATURES ? path.basename(target) : null)
          if (to !== null && to !== from) context.report({ node, messageId: 'cross', data: { from, to, source } })
        }
        return {
          ImportDeclaration: (node) => check(node.source, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
          ExportAllDeclaration: (node) => check(node.source, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
        }
      },
    },
    'no-spread-arguments': {
      meta: {
        type: 'problem',
        docs: { description: 'No spread into call arguments: an array of ~125k items overflows the stack.' },
        messages: {
          spread:
            'Spreading into a call ({{callee}}(...x)) throws "Maximum call stack size exceeded" once x holds ~125k items: loop (for…of push), use a reducing loop for max/min, or concat.',
        },
        schema: [],
      },
      create(context) {
        /** A function's own rest parameter (`(...args) => f(...args)`) holds only what its caller passed. */
        function isRestParameter(node, argument) {
          if (argument.type !== 'Identifier') return false
          for (let scope = context.sourceCode.getScope(node); scope; scope = scope.upper) {
            const variable = scope.set.get(argument.name)
            if (variable) return variable.defs.some((def) => def.type === 'Parameter' && def.name.parent?.type === 'RestElement')
          }
          return false
        }
        function check(node) {
          for (const arg of node.arguments) {
            if (arg.type !== 'SpreadElement' || isRestParameter(node, arg.argument)) continue
            const callee = context.sourceCode.getText(node.callee)
            context.report({ node: arg, messageId: 'spread', data: { callee } })
          }
        }
        return { CallExpression: check, NewExpression: check }
      },
    },
    'no-barrel-files': {
      meta: {
        type: 'problem',
        docs: { description: 'No index.ts barrel files: import the file that defines the thing.' },
        messages: { barrel: 'No barrel "{{name}}" files: import files directly (STYLE.md).' },
        schema: [],
      },
      create(context) {
        const name = path.basename(context.physicalFilename)
        return {
          Program(node) {
            if (/^index\.[cm]?[jt]sx?$/.test(name)) context.report({ node, messageId: 'barrel', data: { name } })
          },
        }
      },
    },
  },
}

/** `from` all of src but the listed folders (relative to src). */
function srcExcept(...allowed) {
  return { from: './src', except: allowed.map((dir) => `./${dir}`) }
}

const boundaryZones = [
  {
    target: './src/domain',
    ...srcExcept('domain'),
    message: 'src/domain imports nothing outside src/domain.',
  },
  ...['workers', 'state', 'lib'].map((layer) => ({
    target: `./src/${layer}`,
    ...srcExcept('domain', layer),
    message: `src/${layer} may import only src/domain and itself.`,
  })),
  {
    // UI primitives may speak the model's vocabulary (ThreatLevel, LEVEL_LABELS), name the panels
    // and write dates the one way (date-labels.ts): all dependency-free. Nothing else from src.
    target: './src/ui',
    ...srcExcept('ui', 'domain/model.ts', 'domain/panels.ts', 'domain/date-labels.ts'),
    message: 'src/ui is presentational: it imports only itself, src/domain/model.ts, panels.ts and date-labels.ts.',
  },
  {
    // Workflows that span the store, storage and workers (importing, saving, restoring, live
    // links): they hold the data's tables so that no feature has to.
    target: './src/services',
    ...srcExcept('domain', 'lib', 'state', 'services'),
    message: 'src/services may import only src/domain, src/lib, src/state and itself.',
  },
  {
    target: './src/features',
    ...srcExcept('features', 'services', 'state', 'ui', 'lib', 'domain'),
    message: 'Features import services, state, ui, lib and domain only; src/app composes them.',
  },
  {
    // Panels ask the views engine (src/domain/engine/views-engine.ts) through the store and read
    // its answer; only engines, the store that runs them and the loaders that build tables know
    // how an engine keeps its data.
    target: ['./src/features', './src/app', './src/ui'],
    from: './src/domain/engine/local',
    message: 'Panels read the views engine\'s answer (state: views) and never the local engine\'s columns, masks or scans.',
  },
  {
    target: './src',
    from: ['./tests', './bin', './bench', './scripts'],
    message: 'Application code does not import tests, the CLI, benchmarks or scripts.',
  },
  {
    target: './bin',
    ...srcExcept('domain'),
    message: 'The CLI runs on the domain code only.',
  },
]

/** Packages that have no place in pure domain code (it runs in Node, Vitest and workers alike). */
const DOMAIN_FORBIDDEN_PACKAGES = [
  'react',
  'react-dom',
  'react/*',
  'react-dom/*',
  'leaflet',
  'leaflet/*',
  'recharts',
  'recharts/*',
  'zustand',
  'zustand/*',
  'idb',
  '@tanstack/*',
  'html-to-image',
  'modern-screenshot',
  'pptxgenjs',
  'node:*',
]

export default defineConfig(
  {
    ignores: ['dist/', 'build/', 'node_modules/', 'coverage/', 'test-results/', '.tmp/', 'public/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'bin/**/*.{ts,mjs}'],
    plugins: { 'import-x': importX, watchfloor: watchfloorPlugin },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] }),
        lexicalResolver,
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: boundaryZones }],
      'import-x/no-self-import': 'error',
      'watchfloor/no-cross-feature-imports': 'error',
      'watchfloor/no-barrel-files': 'error',
      'watchfloor/no-spread-arguments': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.d.ts'],
    rules: { 'import-x/no-default-export': 'error' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/domain/**', 'src/workers/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/workers/**/*.ts'],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ['src/**/*.tsx', 'src/state/**/*.ts', 'src/features/**/*.ts', 'src/app/**/*.ts', 'src/lib/**/*.ts', 'src/ui/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Panels read the engine's answer and send requests; the data's table, its columns and the
    // engine's row masks stay behind the engine and the services that load data.
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/domain/table.ts', '**/domain/table-types.ts', '**/domain/table-order.ts', '**/domain/build-table.ts', '**/domain/ingest/combine-tables.ts'],
              message: 'Features never read the data\'s table: read the engine\'s answer (views) or ask the store (read…).',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        // The store's table, however it is reached: a selector's state, getState(), or a
        // destructured getState(). (A warehouse's table name is another matter.)
        ...[
          "MemberExpression[property.name='table'][object.name=/^(s|state|store|next|prev|previous|before|after|current)$/]",
          "MemberExpression[property.name='table'][object.type='CallExpression'][object.callee.property.name='getState']",
          "VariableDeclarator[init.callee.property.name='getState'] > ObjectPattern > Property[key.name='table']",
        ].map((selector) => ({ selector, message: 'Features never read the data\'s table: read the engine\'s answer (views) or ask the store (read…).' })),
        {
          selector: "MemberExpression[property.name='mask']",
          message: 'Features never read the engine\'s row masks: read the engine\'s answer (views).',
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: DOMAIN_FORBIDDEN_PACKAGES,
              message: 'src/domain is plain TypeScript: no UI, state, storage or Node-only packages.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass `now` in: domain code is deterministic.' },
        { object: 'Math', property: 'random', message: 'Pass a seeded random source in: domain code is deterministic.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass `now` in: domain code is deterministic.',
        },
      ],
    },
  },
)
