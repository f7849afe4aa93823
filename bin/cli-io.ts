/** Reading and writing files for the command line, with one-line reasons when it cannot. */
import { closeSync, lstatSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs'
import { cleanText } from '../src/domain/clean-text.ts'
import { CliError, oneLine } from './cli-core.ts'

export function describeFsError(error: unknown, file: string, doing: 'read' | 'write'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'ENOENT':
      return doing === 'read' ? `cannot read ${file}: no such file` : `cannot write ${file}: its folder does not exist`
    case 'EISDIR':
      return `cannot ${doing} ${file}: it is a directory`
    case 'EACCES':
    case 'EPERM':
      return `cannot ${doing} ${file}: permission denied`
    default:
      return `cannot ${doing} ${file}: ${error instanceof Error ? oneLine(error.message) : String(error)}`
  }
}

/** A decoder for bytes that start with `head`: UTF-16 when a byte-order mark says so, else UTF-8 (bad bytes become U+FFFD). */
export function decoderFor(head: Uint8Array): { decoder: TextDecoder; skip: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { decoder: new TextDecoder('utf-16le'), skip: 2 }
  if (head[0] === 0xfe && head[1] === 0xff) return { decoder: new TextDecoder('utf-16be'), skip: 2 }
  return { decoder: new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }), skip: 0 }
}

function decode(bytes: Uint8Array): string {
  const { decoder, skip } = decoderFor(bytes)
  return decoder.decode(bytes.subarray(skip))
}

/** The size of a readable file, in bytes; throws CliError when it is not one. */
export function fileSize(file: string): number {
  try {
    const stat = statSync(file)
    if (stat.isDirectory()) throw new CliError(`cannot read ${file}: it is a directory`)
    return stat.size
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(describeFsError(error, file, 'read'))
  }
}

export function readInput(file: string): string {
  fileSize(file)
  try {
    // Cleaned once as it enters, as the app's import worker does.
    return cleanText(decode(readFileSync(file)))
  } catch (error) {
    throw new CliError(describeFsError(error, file, 'read'))
  }
}

/** The first `bytes` of a file (fewer when it is shorter). */
export function readHead(file: string, bytes: number): Uint8Array {
  const fd = openSync(file, 'r')
  try {
    const buffer = new Uint8Array(bytes)
    const n = readSync(fd, buffer, 0, bytes, 0)
    return buffer.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

/** Reads a file in chunks of `chunkBytes`, synchronously, calling `onChunk` with each. */
export function readChunks(file: string, chunkBytes: number, onChunk: (chunk: Uint8Array) => void): void {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (error) {
    throw new CliError(describeFsError(error, file, 'read'))
  }
  try {
    const buffer = new Uint8Array(chunkBytes)
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, null)
      if (n === 0) break
      onChunk(buffer.subarray(0, n))
    }
  } finally {
    closeSync(fd)
  }
}

/** Writes `text` to `file` through a temporary file, so a failure leaves no half-written file. */
/**
 * Refuses an output path that exists and is not a regular file: writing a temporary file and
 * renaming it over the path would replace a symbolic link (not what it points to) or a device
 * node (as root, `-o /dev/full` would become a plain file).
 */
function checkOutputPath(file: string): void {
  let stats: Stats
  try {
    stats = lstatSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return
    throw new CliError(describeFsError(error, file, 'write'))
  }
  if (stats.isSymbolicLink()) throw new CliError(`cannot write ${file}: it is a symbolic link; give the path of a regular file`)
  if (stats.isDirectory()) throw new CliError(`cannot write ${file}: it is a directory`)
  if (!stats.isFile()) throw new CliError(`cannot write ${file}: it is not a regular file (a device, pipe or socket)`)
}

export function writeOutput(file: string, text: string): void {
  checkOutputPath(file)
  const temp = `${file}.${process.pid}.tmp`
  try {
    // 'wx': a file (or link) already at the temporary path is never written through.
    writeFileSync(temp, text, { flag: 'wx' })
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw new CliError(describeFsError(error, file, 'write'))
  }
}
