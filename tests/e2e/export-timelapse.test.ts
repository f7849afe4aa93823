import { afterEach, describe, expect, it } from 'vitest'
import { openPage, type OpenedPage } from './browser.ts'
import { download, openDialog } from './export-helpers.ts'

/** The map's timelapse, decoded: at least 20 frames whose content changes, as GIF and WebM. */

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})

/** WebM blocks in a MediaRecorder file, SimpleBlocks (EBML id 0xA3) or Blocks (0xA1) in BlockGroups (0xA0): one per encoded video frame. */
function webmBlocks(bytes: Buffer): Buffer[] {
  const blocks: Buffer[] = []
  const vint = (at: number): { length: number; value: number } => {
    const first = bytes[at]!
    let length = 1
    while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++
    let value = first & (0xff >> length)
    for (let i = 1; i < length; i++) value = value * 256 + bytes[at + i]!
    return { length, value }
  }
  // Walk the top levels and descend into Segment (0x18538067), Cluster (0x1F43B675), whose sizes may be unknown, and BlockGroup.
  const walk = (from: number, to: number): void => {
    let at = from
    while (at < to) {
      let idLength = 1
      while (idLength <= 4 && !(bytes[at]! & (0x80 >> (idLength - 1)))) idLength++
      const id = bytes.readUIntBE(at, idLength)
      const size = vint(at + idLength)
      const start = at + idLength + size.length
      const unknown = size.value === 2 ** (7 * size.length) - 1
      const end = unknown ? to : Math.min(to, start + size.value)
      if (id === 0x18538067 || id === 0x1f43b675 || id === 0xa0) walk(start, end)
      else if (id === 0xa3 || id === 0xa1) blocks.push(bytes.subarray(start + 4, end))
      if (unknown) return
      at = end
    }
  }
  walk(0, bytes.length)
  return blocks
}

describe('timelapse', () => {
  it('exports a GIF of a frame a week over the time filter: ≥ 20 frames that change', async () => {
    opened = await openPage('/?from=2025-01-01&to=2025-11-05')
    await opened.page.locator('[data-testid="gauge"]').first().waitFor()
    await openDialog(opened, 'map')
    await opened.page.fill('[data-testid="export-timelapse-seconds"]', '4')
    await opened.page.click('[data-testid="export-format-gif"]')
    const { bytes, name } = await download(opened.page, 'export-timelapse', 120_000)
    expect(name).toMatch(/^events-by-level-a-frame-a-week-.*\.gif$/)
    expect(bytes.toString('latin1', 0, 6)).toBe('GIF89a')
    const decoded = await opened.page.evaluate(async (b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const decoder = new ImageDecoder({ data, type: 'image/gif' })
      await decoder.tracks.ready
      const count = decoder.tracks.selectedTrack!.frameCount
      const canvas = new OffscreenCanvas(960, 540)
      const ctx = canvas.getContext('2d')!
      const hashes = new Set<number>()
      for (let i = 0; i < count; i++) {
        const { image } = await decoder.decode({ frameIndex: i })
        ctx.drawImage(image, 0, 0)
        image.close()
        const px = ctx.getImageData(0, 0, 960, 540).data
        let h = 0
        for (let j = 0; j < px.length; j += 7) h = (h * 31 + px[j]!) | 0
        hashes.add(h)
      }
      return { count, distinct: hashes.size }
    }, bytes.toString('base64'))
    // 1 Jan – 4 Nov 2025 holds 45 weeks (from Monday 30 Dec 2024).
    expect(decoded.count).toBe(45)
    expect(decoded.distinct).toBeGreaterThanOrEqual(20)
    await expect.poll(() => opened!.page.locator('[data-testid="export-status"]').textContent()).toContain('45 frames')
  })

  it('records a WebM of the same frames (≥ 20 encoded frames that differ), and can be cancelled', async () => {
    opened = await openPage('/?from=2025-01-01&to=2025-11-05')
    await opened.page.locator('[data-testid="gauge"]').first().waitFor()
    await openDialog(opened, 'map')
    await opened.page.fill('[data-testid="export-timelapse-seconds"]', '3')
    await opened.page.click('[data-testid="export-format-webm"]')
    const { bytes, name } = await download(opened.page, 'export-timelapse', 60_000).catch(async () => {
      throw new Error(`no WebM: ${await opened!.page.locator('[data-testid="export-status"]').textContent()}`)
    })
    expect(name.endsWith('.webm')).toBe(true)
    expect(bytes.readUInt32BE(0)).toBe(0x1a45dfa3)
    const blocks = webmBlocks(bytes)
    expect(blocks.length).toBeGreaterThanOrEqual(20)
    expect(new Set(blocks.map((b) => b.toString('base64'))).size).toBeGreaterThanOrEqual(20)
    // Cancel part-way: no file, and the dialog says so.
    await opened.page.fill('[data-testid="export-timelapse-seconds"]', '20')
    await opened.page.click('[data-testid="export-timelapse"]')
    await opened.page.locator('[data-testid="export-timelapse-progress"]').waitFor()
    await opened.page.click('[data-testid="export-timelapse-cancel"]')
    await expect.poll(() => opened!.page.locator('[data-testid="export-status"]').textContent()).toBe('Timelapse cancelled')
  })
})
