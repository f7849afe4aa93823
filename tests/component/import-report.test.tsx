import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { IngestReport } from '../../src/domain/ingest/ingest-protocol.ts'
import { ImportReport } from '../../src/features/ingest/components/import-report.tsx'

const REPORT: IngestReport = {
  format: 'csv',
  origin: 'march.csv',
  total: 10_000,
  accepted: 9_812,
  rejected: 188,
  merged: 0,
  rejectedRows: [3, 9],
  issues: [
    { row: 3, field: 'date', message: 'not a real date: "2023-02-30"' },
    { row: 9, field: 'date', message: 'not a real date: "soon"' },
    { row: 12, field: 'title', message: 'missing title' },
  ],
  warnings: [{ row: 4, field: 'countries', message: 'unknown country "Atlantis" ignored' }],
  unlisted: 0,
  rejectedCsv: 'row,rejected because\r\n3,x',
  bytes: 1000,
  parseMs: 12,
}

/** A blob's bytes (jsdom's Blob has no arrayBuffer()). */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer))
    reader.onerror = () => reject(reader.error)
    reader.readAsArrayBuffer(blob)
  })
}

describe('ImportReport', () => {
  it('says what will be imported and skipped, with the counts as attributes', () => {
    render(<ImportReport report={REPORT} mode="preview" />)
    const report = screen.getByTestId('import-report')
    expect(report).toHaveAttribute('data-accepted', '9812')
    expect(report).toHaveAttribute('data-rejected', '188')
    expect(report).toHaveTextContent('Import 9,812 events, skip 188')
    expect(report).toHaveTextContent('10,000 rows read from march.csv (csv)')
  })

  it('counts merged rows, lists what the reader did and the possible duplicates to review', () => {
    const report = {
      ...REPORT,
      total: 90,
      merged: 10,
      notes: ['duplicates merged (same day, actor codes, root event code and action location): 10 records into 8 events'],
      duplicates: [{ ids: ['a', 'b'], titles: ['Drone strike on Kharkiv', 'Drone strike on Kharkiv overnight'], similarity: 0.8 }],
    }
    render(<ImportReport report={report} mode="done" />)
    const shown = screen.getByTestId('import-report')
    expect(shown).toHaveAttribute('data-merged', '10')
    expect(shown).toHaveTextContent("100 rows read from march.csv (csv), 10 merged into other rows' events")
    expect(screen.getByTestId('import-notes')).toHaveTextContent('10 records into 8 events')
    expect(screen.getByText(/1 group of possible duplicates to review/)).toBeInTheDocument()
    expect(screen.getByTestId('duplicate-group')).toHaveTextContent('a Drone strike on Kharkiv · b Drone strike on Kharkiv overnight')
  })

  it('groups issues by reason, largest group first, each with its row', () => {
    render(<ImportReport report={REPORT} mode="done" />)
    const groups = screen.getAllByTestId('issue-group')
    expect(groups).toHaveLength(2)
    expect(groups[0]).toHaveTextContent('date not a real date: … (2 rows)')
    expect(within(groups[0]!).getByText('row 9: not a real date: "soon"')).toBeInTheDocument()
    expect(groups[1]).toHaveTextContent('title missing title (1 row)')
    expect(screen.getByText(/1 note on rows that were kept/)).toBeInTheDocument()
    expect(screen.getByTestId('import-report')).toHaveTextContent('Imported 9,812 events, skipped 188')
  })

  it('downloads the rejected rows as a CSV file that starts with a byte-order mark', async () => {
    const created: Blob[] = []
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob)
      return 'blob:rejected'
    })
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() })
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('march-rejected-rows.csv')
      expect(this.href).toBe('blob:rejected')
    })
    const report = { ...REPORT, rejectedCsv: 'row,title,rejected because\r\n3,Kyiv – Odesa,not a real date' }
    render(<ImportReport report={report} mode="done" />)
    fireEvent.click(screen.getByTestId('download-rejected'))
    expect(clicked).toHaveBeenCalledTimes(1)
    expect(created[0]?.type).toBe('text/csv;charset=utf-8')
    const bytes = await bytesOf(created[0]!)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    // Decoded as a spreadsheet would, BOM and all: the BOM once, then the rows as they were.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    expect(text).toBe('\uFEFFrow,title,rejected because\r\n3,Kyiv – Odesa,not a real date')
  })

  it('offers no download when nothing was rejected', () => {
    render(<ImportReport report={{ ...REPORT, rejected: 0, issues: [], rejectedCsv: '' }} mode="done" />)
    expect(screen.queryByTestId('download-rejected')).toBeNull()
    expect(screen.queryAllByTestId('issue-group')).toHaveLength(0)
  })
})
