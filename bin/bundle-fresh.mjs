// Whether the prebuilt command line (build/cli/watchfloor.mjs) may run: it exists and every
// source file it was built from has the modification time it had then (build/cli/inputs.json,
// written by scripts/build-cli.mjs). Plain JavaScript: it runs before any TypeScript can.
import { readFileSync, statSync } from 'node:fs'

/** True when `root` (a file: URL ending in /) holds a bundle built from its current sources. */
export function bundleIsFresh(root) {
  try {
    const { inputs } = JSON.parse(readFileSync(new URL('build/cli/inputs.json', root), 'utf8'))
    statSync(new URL('build/cli/watchfloor.mjs', root))
    for (const [file, mtimeMs] of Object.entries(inputs)) if (statSync(new URL(file, root)).mtimeMs !== mtimeMs) return false
    return Object.keys(inputs).length > 0
  } catch {
    return false
  }
}
