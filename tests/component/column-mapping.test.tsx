import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ColumnTarget } from '../../src/domain/ingest/csv-headers.ts'
import { ColumnMapping } from '../../src/features/ingest/components/column-mapping.tsx'

/**
 * The column mapping with many unrecognised columns: only the rows in view are drawn, a field
 * given to one column is disabled for the others, a column can be found by name, and a million
 * columns render at once (they once took 18 minutes).
 */
function columns(count: number): { headers: string[]; mapping: ColumnTarget[] } {
  const headers = ['title']
  const mapping: ColumnTarget[] = ['title']
  for (let i = 0; i < count; i++) {
    headers.push(`col${i}`)
    mapping.push('extra')
  }
  return { headers, mapping }
}

describe('column mapping', () => {
  it('draws only the rows in view of a million unrecognised columns, at once', () => {
    const { headers, mapping } = columns(1_000_000)
    const started = performance.now()
    render(<ColumnMapping headers={headers} mapping={mapping} onApply={() => {}} />)
    // A bound against a hang (jsdom, a busy machine), not a benchmark.
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(screen.getByRole('group', { name: /Columns the importer did not recognise \(1,000,000\)/ })).toBeInTheDocument()
    const selects = screen.getAllByTestId('column-target')
    expect(selects.length).toBeGreaterThan(0)
    expect(selects.length).toBeLessThan(40)
    expect(screen.getByRole('table', { name: 'Unrecognised columns' })).toHaveAttribute('aria-rowcount', '1000000')
  })

  it('gives a field to one column only, names what is still needed and applies only the changes', () => {
    const { headers, mapping } = columns(3_000)
    const onApply = vi.fn()
    render(<ColumnMapping headers={headers} mapping={mapping} onApply={onApply} />)
    expect(screen.getByRole('note')).toHaveTextContent('Still needed: id, date, threatLevel')
    const [first, second] = screen.getAllByTestId('column-target') as HTMLSelectElement[]
    fireEvent.change(first!, { target: { value: 'id' } })
    expect(screen.getByRole('note')).toHaveTextContent('Still needed: date, threatLevel')
    expect(within(second!).getByRole('option', { name: 'id' })).toBeDisabled()
    expect(within(first!).getByRole('option', { name: 'id' })).toBeEnabled()
    fireEvent.click(screen.getByTestId('apply-mapping'))
    expect(onApply).toHaveBeenCalledWith(new Map([[1, 'id']]))
  })

  it('finds a column by name among thousands', () => {
    const { headers, mapping } = columns(10_000)
    render(<ColumnMapping headers={headers} mapping={mapping} onApply={() => {}} />)
    fireEvent.change(screen.getByTestId('column-find'), { target: { value: 'col9876' } })
    const rows = screen.getAllByTestId('column-mapping-row')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toHaveTextContent('col9876')
    fireEvent.change(screen.getByTestId('column-find'), { target: { value: 'nothing like it' } })
    expect(screen.queryAllByTestId('column-mapping-row')).toHaveLength(0)
    expect(screen.getByText('No column name holds “nothing like it”.')).toBeInTheDocument()
  })
})
