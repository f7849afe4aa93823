/**
 * Copies of picked files on their way from the import worker, which makes them after the import
 * ('saved'): the workspace stores such a copy, and copies the file itself only when none comes.
 */

const coming = new WeakMap<Blob, Promise<Blob | null>>()

/** Tells that a copy of `file`'s bytes is being made: the promise gives it, or null when none will come. */
export function copyComing(file: Blob, copy: Promise<Blob | null>): void {
  coming.set(file, copy)
}

/** The copy of `file` made elsewhere, once it has come; null when none was or will be made. */
export async function comingCopy(file: Blob): Promise<Blob | null> {
  const copy = await (coming.get(file) ?? null)
  return copy !== null && copy.size === file.size ? copy : null
}
