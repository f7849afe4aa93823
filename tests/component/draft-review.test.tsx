import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { readArticle } from '../../src/domain/ingest/article.ts'
import { isDraftEvent } from '../../src/domain/ingest/draft-edit.ts'
import type { IngestReport } from '../../src/domain/ingest/ingest-protocol.ts'
import { ImportDialog } from '../../src/features/ingest/components/import-dialog.tsx'
import type { ImportControls } from '../../src/features/ingest/hooks/use-import.ts'
import type { ImportPreview } from '../../src/services/ingest/preview.ts'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

// The project's root is the working directory of the test run; the seed sits beside it.
const SEED = readFileSync(resolve(process.cwd(), 'tests/fixtures/seed/threat-article.txt'), 'utf8')
const NOW = Date.UTC(2026, 10, 28, 9)

/** What the worker would hand the dialog for `text` read as an article. */
function previewOf(text: string): ImportPreview {
  const out = readArticle(text, { now: NOW, fileName: 'pasted text' })
  if (!out.ok) throw new Error(out.reason)
  const { dataset, ...rest } = out.result
  const report: IngestReport = {
    format: rest.format,
    origin: 'pasted text',
    total: rest.total,
    accepted: dataset.events.length,
    rejected: rest.rejected,
    merged: rest.merged,
    rejectedRows: rest.rejectedRows,
    issues: rest.issues,
    warnings: rest.warnings,
    unlisted: 0,
    rejectedCsv: '',
    bytes: text.length,
    parseMs: 1,
  }
  return {
    data: {
      table: buildEventTable(dataset),
      ids: dataset.events.map((e) => e.id),
      meta: { name: dataset.name, customRegions: [] },
      report,
      validators: {},
      text,
      receivedAtMs: NOW,
      // The worker looks for drafts as it reads (ingest-run.ts).
      holdsDrafts: dataset.events.some(isDraftEvent),
    },
    inputs: [{ name: 'pasted text', text, format: 'article', overrides: [] }],
    clashes: 0,
  }
}

/** Renders the dialog at its preview and waits for the review (loaded lazily) to show. */
async function renderDialog(preview: ImportPreview) {
  const controls: ImportControls = { stage: { kind: 'preview', preview }, pastedText: true, read: vi.fn(), remap: vi.fn(), options: {}, revise: vi.fn(), cancel: vi.fn(), reset: vi.fn() }
  const onClose = vi.fn()
  render(<ImportDialog controls={controls} maxMegabytes={512} onMaxMegabytes={() => {}} onClose={onClose} />)
  // Until the review has loaded, nothing can be imported.
  expect(screen.getByTestId('import-confirm')).toBeDisabled()
  await screen.findAllByTestId('draft')
  return { onClose }
}

function titles(): string[] {
  const { table } = useWatchfloor.getState()
  return Array.from({ length: table.size }, (_, row) => table.eventAt(row).title).sort()
}

describe('draft review in the import dialog', () => {
  beforeEach(() => loadEvents([SEED_EVENT, { id: 'other', title: 'Other event', date: '2024-03', threatLevel: 2, countries: ['FR'] }]))

  it('lists the seed article’s two drafts with their fields, level reasons and quotes', async () => {
    await renderDialog(previewOf(SEED))
    const drafts = screen.getAllByTestId('draft')
    expect(drafts).toHaveLength(2)
    const [meeting, invasion] = drafts as [HTMLElement, HTMLElement]
    expect(within(meeting).getByTestId('draft-title')).toHaveValue('China and Russia Strengthen Bilateral Relations Amid Rising Tensions')
    expect(within(meeting).getByTestId('draft-date')).toHaveValue('2025-11-04')
    expect(within(meeting).getByText(/day precision/)).toBeInTheDocument()
    expect(within(meeting).getByTestId('draft-level')).toHaveValue('3')
    expect(within(meeting).getByText(/Stated in the article \(3 elevated\): “As of now, the threat level is assessed as medium/)).toBeInTheDocument()
    expect(within(meeting).getByTestId('draft-actors')).toHaveValue('Xi Jinping (President); Mikhail Mishustin (Prime Minister); China; Russia')
    expect(within(meeting).getByTestId('draft-regions')).toHaveValue('Asia; Eastern Europe')
    expect(within(meeting).getByText(/China-Russia relations have forged ahead/)).toBeInTheDocument()
    expect(within(invasion).getByTestId('draft-date')).toHaveValue('2022')
    expect(within(invasion).getByText(/year precision/)).toBeInTheDocument()
    expect(within(invasion).getByText('Suggested 5 critical: the text mentions "invades"')).toBeInTheDocument()
    expect(screen.queryByTestId('draft-date-assumed')).toBeNull()
    expect(screen.getByTestId('import-confirm')).toHaveTextContent('Import 2 events')
    expect(screen.getByTestId('import-confirm')).toBeEnabled()
  })

  it('shows field errors inline and blocks the import until the draft is fixed or left out', async () => {
    await renderDialog(previewOf(SEED))
    const invasion = screen.getAllByTestId('draft')[1]!
    fireEvent.change(within(invasion).getByTestId('draft-date'), { target: { value: '2022-02-30' } })
    expect(within(invasion).getByTestId('draft-error')).toHaveTextContent('not a real date: "2022-02-30"')
    expect(within(invasion).getByTestId('draft-date')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByTestId('import-confirm')).toBeDisabled()
    fireEvent.change(within(invasion).getByTestId('draft-date'), { target: { value: '2022-02-24' } })
    expect(within(invasion).queryByTestId('draft-error')).toBeNull()
    expect(screen.getByTestId('import-confirm')).toBeEnabled()
    fireEvent.change(within(invasion).getByTestId('draft-title'), { target: { value: '' } })
    expect(screen.getByTestId('import-confirm')).toBeDisabled()
    fireEvent.click(within(invasion).getByTestId('draft-include'))
    expect(screen.getByTestId('import-confirm')).toBeEnabled()
    expect(screen.getByTestId('import-confirm')).toHaveTextContent('Import 1 event')
  })

  it('merges only the included drafts, as edited', async () => {
    await renderDialog(previewOf(SEED))
    const [meeting, invasion] = screen.getAllByTestId('draft') as [HTMLElement, HTMLElement]
    fireEvent.change(within(meeting).getByTestId('draft-title'), { target: { value: 'Xi hosts Mishustin in Beijing' } })
    fireEvent.change(within(meeting).getByTestId('draft-level'), { target: { value: '4' } })
    fireEvent.change(within(meeting).getByTestId('draft-countries'), { target: { value: 'China; Russia; Ukraine' } })
    fireEvent.click(within(invasion).getByTestId('draft-include'))
    expect(invasion).toHaveAttribute('data-included', 'false')
    fireEvent.click(screen.getByTestId('import-mode-merge'))
    await act(async () => {
      fireEvent.click(screen.getByTestId('import-confirm'))
    })
    await waitFor(() => expect(useWatchfloor.getState().table.size).toBe(3))
    expect(titles()).toEqual(['Other event', 'Xi Jinping hosts Russian Prime Minister Mikhail Mishustin in Beijing', 'Xi hosts Mishustin in Beijing'])
    const { table } = useWatchfloor.getState()
    const edited = Array.from({ length: table.size }, (_, row) => table.eventAt(row)).find((e) => e.title === 'Xi hosts Mishustin in Beijing')!
    expect(edited.threatLevel).toBe(4)
    expect(edited.countries).toEqual(['CN', 'RU', 'UA'])
    expect(edited.date.text).toBe('2025-11-04')
    expect(edited.extra).toMatchObject({ draft: false, reviewed: true, draftLevel: 3 })
    const report = useWatchfloor.getState().importReport
    expect(report).toMatchObject({ accepted: 1, rejected: 1, total: 2 })
  })

  it('flags an assumed date until the analyst confirms it', async () => {
    await renderDialog(previewOf('Talks continue\n\nDiplomats from France and Germany met to discuss trade and energy cooperation in Brussels.'))
    const flag = screen.getByTestId('draft-date-assumed')
    expect(flag).toHaveTextContent('Date assumed: today (2026-11-28) — confirm')
    expect(flag).toHaveAttribute('role', 'alert')
    fireEvent.click(within(flag).getByTestId('draft-date-confirm'))
    expect(screen.getByTestId('draft-date-assumed')).toHaveTextContent('Date confirmed')
    expect(screen.getByTestId('draft-date-assumed')).not.toHaveAttribute('role')
  })
})
