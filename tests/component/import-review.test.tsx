import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { RemovedUpstreamList } from '../../src/domain/ingest/acled-update.ts'
import type { DuplicateSuggestion } from '../../src/domain/ingest/near-duplicates.ts'
import { PossibleDuplicates } from '../../src/features/ingest/components/possible-duplicates.tsx'
import { RemovedUpstream } from '../../src/features/ingest/components/removed-upstream.tsx'
import type { ReadOptions } from '../../src/features/ingest/hooks/use-import.ts'
import { useImportReview } from '../../src/features/ingest/hooks/use-import-review.ts'

const SUGGESTIONS: DuplicateSuggestion[] = [
  { ids: ['a', 'b'], titles: ['Drone strike on Kharkiv', 'Drone strike on Kharkiv overnight'], similarity: 0.8 },
  { ids: ['p', 'r'], titles: ['Protest in Lviv', 'Protest in Lviv today'], similarity: 0.75 },
]

const REMOVED: RemovedUpstreamList = {
  count: 3,
  listed: [
    { id: 'acled-SDN9103', date: '2025-06-04', country: 'SD', title: 'Armed clash in Omdurman' },
    { id: 'acled-SDN9108', date: '2025-06-05', country: 'SD', title: 'Shelling in El Fasher' },
  ],
  ids: ['acled-SDN9103', 'acled-SDN9108', 'acled-SDN9110'],
}

function Review({ options, revise, removed }: { options: ReadOptions; revise: (c: ReadOptions) => void; removed?: RemovedUpstreamList }) {
  const review = useImportReview({ options, revise })
  return (
    <>
      <RemovedUpstream removed={removed} review={review} />
      <PossibleDuplicates suggestions={SUGGESTIONS} review={review} />
    </>
  )
}

describe('possible duplicates in the import preview', () => {
  it('shows each group with its events and the one kept, and merges a group when asked', () => {
    const revise = vi.fn()
    render(<Review options={{ dedupe: true }} revise={revise} />)
    expect(screen.getByRole('heading', { name: 'Possible duplicates: 2 groups to review' })).toBeInTheDocument()
    const groups = screen.getAllByTestId('duplicate-group')
    expect(groups[0]).toHaveTextContent('a Drone strike on Kharkiv (kept)')
    expect(groups[0]).toHaveTextContent('b Drone strike on Kharkiv overnight')
    fireEvent.click(within(groups[0]!).getByRole('button', { name: 'Merge into one event' }))
    // The inputs are read again with the group merged; the other choices stay.
    expect(revise).toHaveBeenCalledWith({ mergeGroups: [['a', 'b']] })
  })

  it('lists the groups merged so far, each with a way back', () => {
    const revise = vi.fn()
    render(<Review options={{ mergeGroups: [['x', 'y'], ['a', 'b']] }} revise={revise} />)
    const merged = screen.getAllByTestId('duplicate-merged')
    expect(merged.map((m) => m.textContent)).toEqual(['Merged: x + yUndo merge', 'Merged: a + bUndo merge'])
    fireEvent.click(within(merged[1]!).getByRole('button', { name: 'Undo merge' }))
    expect(revise).toHaveBeenCalledWith({ mergeGroups: [['x', 'y']] })
    // A merge adds to the groups already merged.
    fireEvent.click(within(screen.getAllByTestId('duplicate-group')[1]!).getByRole('button', { name: 'Merge into one event' }))
    expect(revise).toHaveBeenLastCalledWith({ mergeGroups: [['x', 'y'], ['a', 'b'], ['p', 'r']] })
  })

  it('hides a dismissed group without reading again, and shows it again on request', () => {
    const revise = vi.fn()
    render(<Review options={{}} revise={revise} />)
    fireEvent.click(within(screen.getAllByTestId('duplicate-group')[0]!).getByRole('button', { name: 'Dismiss' }))
    expect(screen.getAllByTestId('duplicate-group')).toHaveLength(1)
    expect(screen.getByRole('heading', { name: 'Possible duplicates: 1 group to review' })).toBeInTheDocument()
    expect(screen.getByText(/1 dismissed/)).toBeInTheDocument()
    expect(revise).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: 'Show again' }))
    expect(screen.getAllByTestId('duplicate-group')).toHaveLength(2)
  })
})

describe('events removed upstream in the import preview', () => {
  it('lists them with their date, country and title, and counts those not listed', () => {
    render(<Review options={{}} revise={vi.fn()} removed={REMOVED} />)
    expect(screen.getByRole('heading', { name: '3 events removed upstream' })).toBeInTheDocument()
    const rows = screen.getAllByTestId('removed-upstream-event')
    expect(rows.map((r) => r.textContent)).toEqual(['acled-SDN9103 2025-06-04 · SD · Armed clash in Omdurman', 'acled-SDN9108 2025-06-05 · SD · Shelling in El Fasher'])
    expect(screen.getByText('and 1 more')).toBeInTheDocument()
    expect(screen.getByTestId('removed-upstream')).toHaveTextContent('kept, tagged “removed upstream”, until you drop them')
  })

  it('asks before dropping them; keeping them changes nothing', () => {
    const revise = vi.fn()
    render(<Review options={{}} revise={revise} removed={REMOVED} />)
    fireEvent.click(screen.getByRole('button', { name: 'Drop 3 events…' }))
    expect(screen.getByRole('alertdialog', { name: 'Drop events removed upstream?' })).toHaveTextContent('Drop 3 events? They will not be imported')
    fireEvent.click(screen.getByRole('button', { name: 'Keep them' }))
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
    expect(revise).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: 'Drop 3 events…' }))
    fireEvent.click(screen.getByRole('button', { name: 'Drop 3 events' }))
    expect(revise).toHaveBeenCalledWith({ dropRemovedUpstream: true })
  })

  it('once dropped, says how many and offers to undo', () => {
    const revise = vi.fn()
    const { rerender } = render(<Review options={{}} revise={revise} removed={REMOVED} />)
    fireEvent.click(screen.getByRole('button', { name: 'Drop 3 events…' }))
    fireEvent.click(screen.getByRole('button', { name: 'Drop 3 events' }))
    // Read again without them: the report lists none, the choice says they were dropped.
    rerender(<Review options={{ dropRemovedUpstream: true }} revise={revise} />)
    expect(screen.getByRole('status')).toHaveTextContent('3 events removed upstream dropped: they will not be imported.')
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(revise).toHaveBeenLastCalledWith({ dropRemovedUpstream: false })
  })

  it('shows nothing when no event was removed upstream and none dropped', () => {
    render(<RemovedUpstreamAlone />)
    expect(screen.queryByTestId('removed-upstream')).not.toBeInTheDocument()
  })
})

function RemovedUpstreamAlone() {
  const review = useImportReview({ options: {}, revise: () => {} })
  return <RemovedUpstream removed={undefined} review={review} />
}
