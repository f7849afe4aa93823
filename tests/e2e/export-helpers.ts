/**
 * Exports decoded outside the app, for the e2e tests: a download's bytes, a PNG's size from its
 * IHDR chunk, pixels via the browser's canvas, a zip's (the .pptx's) directory and entries.
 */
import { readFileSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { SaxesParser } from 'saxes'
import { expect } from 'vitest'
import type { OpenedPage } from './browser.ts'

/** Clicks `testId` and returns the downloaded file's bytes and name. */
export async function download(page: Page, testId: string, timeoutMs = 20_000): Promise<{ bytes: Buffer; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: timeoutMs }), page.click(`[data-testid="${testId}"]`)])
  const path = await file.path()
  return { bytes: readFileSync(path), name: file.suggestedFilename() }
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after checking the signature. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

export interface PixelStats {
  /** Mean luminance, 0–255. */
  readonly mean: number
  readonly stddev: number
  readonly colours: number
}

/** Luminance spread and distinct colours (quantised) in a region of a PNG, decoded by the browser. */
export function pixelStats(page: Page, png: Buffer, region: { x: number; y: number; w: number; h: number }): Promise<PixelStats> {
  return page.evaluate(
    async ({ b64, region: r }) => {
      const img = new Image()
      img.src = `data:image/png;base64,${b64}`
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = img.naturalWidth
      canvas.height = img.naturalHeight
      const ctx = canvas.getContext('2d')!
      ctx.drawImage(img, 0, 0)
      const data = ctx.getImageData(r.x, r.y, r.w, r.h).data
      let sum = 0
      let sum2 = 0
      const colours = new Set<number>()
      const n = data.length / 4
      for (let i = 0; i < data.length; i += 4) {
        const l = 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!
        sum += l
        sum2 += l * l
        colours.add(((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4))
      }
      const mean = sum / n
      return { mean, stddev: Math.sqrt(Math.max(0, sum2 / n - mean * mean)), colours: colours.size }
    },
    { b64: png.toString('base64'), region },
  )
}

export interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly compressedSize: number
  readonly localOffset: number
}

/** A zip's central directory (EOCD → entries), read by hand. */
export function zipEntries(bytes: Buffer): ZipEntry[] {
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  expect(eocd).toBeGreaterThan(0)
  const count = bytes.readUInt16LE(eocd + 10)
  let at = bytes.readUInt32LE(eocd + 16)
  const entries: ZipEntry[] = []
  for (let e = 0; e < count; e++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50)
    const nameLength = bytes.readUInt16LE(at + 28)
    const extra = bytes.readUInt16LE(at + 30)
    const comment = bytes.readUInt16LE(at + 32)
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localOffset: bytes.readUInt32LE(at + 42),
    })
    at += 46 + nameLength + extra + comment
  }
  return entries
}

export const zipNames = (bytes: Buffer): string[] => zipEntries(bytes).map((e) => e.name)

/** One entry's text: stored (0) or deflated (8), after its local header. */
export function zipText(bytes: Buffer, name: string): string {
  const entry = zipEntries(bytes).find((e) => e.name === name)
  if (!entry) throw new Error(`${name} is not in the zip`)
  const at = entry.localOffset
  expect(bytes.readUInt32LE(at)).toBe(0x04034b50)
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28)
  const data = bytes.subarray(start, start + entry.compressedSize)
  return (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8')
}

/** A tiny RFC 4180 reader: enough to split the export back into cells. */
export function csvCells(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  return rows
}

export async function openDialog(o: OpenedPage, panel: string): Promise<void> {
  await o.page.click(`[data-testid="export-${panel}"]`)
  await o.page.locator('[data-testid="export-dialog"]').waitFor()
}


/** The text of each <text> element of an SVG, in order, from a strict XML parse (throws when it is not well-formed). */
export function svgTexts(svg: string): string[] {
  const parser = new SaxesParser({ xmlns: true })
  const texts: string[] = []
  let current: string | null = null
  parser.on('error', (error) => {
    throw error
  })
  parser.on('opentag', (tag) => {
    if (tag.local === 'text') current = ''
  })
  parser.on('text', (t) => {
    if (current !== null) current += t
  })
  parser.on('closetag', (tag) => {
    if (tag.local === 'text' && current !== null) {
      texts.push(current)
      current = null
    }
  })
  parser.write(svg).close()
  return texts
}
