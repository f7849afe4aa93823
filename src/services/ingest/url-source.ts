import type { ImportedData } from '../../lib/ingest/ingest-client.ts'
import type { SavedInput } from '../../lib/storage/workspace-db.ts'

/** The id a URL source is saved under: one record per address, however often it is loaded or refreshed. */
export function savedIdForUrl(absoluteUrl: string): string {
  return `url:${absoluteUrl}`
}

/** How to read a URL source's answer again from the workspace. */
export function urlInput(absoluteUrl: string, data: ImportedData): SavedInput {
  return { name: absoluteUrl, text: data.text, format: data.report.format, overrides: [] }
}
