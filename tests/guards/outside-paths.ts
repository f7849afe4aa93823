import { readdirSync, readFileSync } from 'node:fs'
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Finds paths in source text that lead out of the repository: a clone has nothing beside it,
 * so a test, script or bench that reads a shared folder next to it (or any relative path that climbs above
 * the repository) passes only on the machine it was written on.
 */

/** Folders whose code is scanned, relative to the repository root. */
export const SCANNED = ['src', 'tests', 'bench', 'scripts', 'bin'] as const
const CODE = new Set(['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs'])
/** Data, not code: fixtures may hold any text. */
const SKIPPED = new Set(['node_modules', 'dist', 'fixtures'])
/** The guard's own files, which name what they look for. */
const EXEMPT = new Set(['tests/guards/outside-paths.ts', 'tests/guards/fs-guard.ts', 'tests/unit/repo-paths.test.ts'])

export interface OutsidePath {
  readonly file: string
  readonly line: number
  readonly text: string
  readonly reason: string
}

/** True when `path` is the root itself or lies below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** The code files below `root`'s scanned folders, as paths relative to `root`. */
export function codeFiles(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(path)
      } else if (CODE.has(extname(entry.name)) && !EXEMPT.has(path.split('\\').join('/'))) out.push(path)
    }
  }
  for (const dir of SCANNED) walk(dir)
  return out
}

// A quoted relative path, up to the closing quote or the first template substitution.
const RELATIVE = /(['"`])(\.\.?\/[^'"`$\n]*)/g
// A shared folder next to the repository, named in any form (up one or more folders, or by its fixtures/seed/tools).
const SHARED = /(^|[^\w-])(\.\.\/)+shared\b|(^|[^\w-])shared\/(fixtures|seed|tools)\b/

/**
 * The places in one file's text that point outside `root`: a relative path that climbs above
 * the root from the file's own folder, or any mention of the shared folder beside it.
 */
export function outsidePaths(root: string, file: string, text: string): OutsidePath[] {
  const found: OutsidePath[] = []
  const dir = dirname(resolve(root, file))
  text.split('\n').forEach((line, i) => {
    if (SHARED.test(line)) {
      found.push({ file, line: i + 1, text: line.trim(), reason: 'names the shared folder beside the repository' })
      return
    }
    for (const match of line.matchAll(RELATIVE)) {
      const target = resolve(dir, match[2] ?? '')
      if (!isInside(root, target)) {
        found.push({ file, line: i + 1, text: line.trim(), reason: `climbs out of the repository to ${target}` })
        return
      }
    }
  })
  return found
}

/** Every outside path in the repository's code. */
export function scanRepository(root: string): OutsidePath[] {
  return codeFiles(root).flatMap((file) => outsidePaths(root, file, readFileSync(join(root, file), 'utf8')))
}

/** The repository's root: two folders above this file (string paths only: the DOM tests replace `URL`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
