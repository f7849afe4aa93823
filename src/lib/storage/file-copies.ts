/**
 * Copies of picked files that an import's worker makes when asked (CopyRequest): the workspace
 * asks for such a copy when it saves, and copies the file itself only when none comes.
 */

interface Coming {
  readonly copy: Promise<Blob | null>
  readonly ask: () => void
}

const coming = new WeakMap<Blob, Coming>()

/** Tells that a copy of `file`'s bytes can be made: `ask` has it made (asking again does nothing); `copy` gives it, or null when none will come. */
export function copyComing(file: Blob, copy: Promise<Blob | null>, ask: () => void): void {
  coming.set(file, { copy, ask })
}

/** Asks for the copy of `file` made elsewhere and gives it once it has come; null when none was or will be made. */
export async function comingCopy(file: Blob): Promise<Blob | null> {
  const entry = coming.get(file)
  if (!entry) return null
  entry.ask()
  const copy = await entry.copy
  return copy !== null && copy.size === file.size ? copy : null
}
