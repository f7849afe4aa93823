import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ExportRoot } from '../../src/features/export/components/export-root.tsx'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

afterEach(() => act(() => useWatchfloor.getState().closeExport()))

describe('export dialog', () => {
  it('opens from a panel’s export button, named for the panel, with a descriptive title offered and every preset', async () => {
    loadEvents([SEED_EVENT, { id: 'x', title: 'Other', date: '2025-10-01', threatLevel: 5, countries: ['PL'] }])
    render(
      <>
        <EventsPanel />
        <ExportRoot />
      </>,
    )
    expect(screen.queryByTestId('export-dialog')).toBeNull()
    fireEvent.click(screen.getByTestId('export-events'))
    const dialog = await screen.findByTestId('export-dialog')
    expect(dialog).toHaveAttribute('data-target', 'events')
    expect(within(dialog).getByRole('heading', { name: 'Export: Events' })).toBeInTheDocument()
    // The title is blank: the picture uses the descriptive default shown as the placeholder.
    expect(screen.getByTestId('export-title')).toHaveValue('')
    expect(screen.getByTestId('export-title')).toHaveAttribute('placeholder', expect.stringMatching(/^Highest-level events to \d+ \w{3} \d{4}$/))
    expect(within(dialog).getByText('Data: the 2 events in view')).toBeInTheDocument()
    for (const id of ['export-preset-slide-16x9', 'export-preset-slide-4x3', 'export-preset-a4', 'export-preset-square', 'export-format-png', 'export-format-svg', 'export-scale-1', 'export-scale-2', 'export-scale-3', 'export-download', 'export-copy', 'export-briefing', 'export-data-csv', 'export-data-json', 'export-data-geojson', 'export-data-stix', 'export-copy-link', 'export-save-view']) {
      expect(screen.getByTestId(id)).toBeInTheDocument()
    }
    fireEvent.click(screen.getByTestId('export-close'))
    expect(screen.queryByTestId('export-dialog')).toBeNull()
  })

  it('offers the TLP markings and custom text; SVG has no scale and no clipboard copy', async () => {
    loadEvents([SEED_EVENT])
    render(<ExportRoot />)
    act(() => useWatchfloor.getState().openExport('timeline'))
    await screen.findByTestId('export-dialog')
    const marking = screen.getByTestId('export-marking')
    expect(within(marking).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'None',
      'TLP:CLEAR',
      'TLP:GREEN',
      'TLP:AMBER',
      'TLP:AMBER+STRICT',
      'TLP:RED',
      'Custom text…',
    ])
    expect(screen.queryByTestId('export-marking-custom')).toBeNull()
    fireEvent.change(marking, { target: { value: 'custom' } })
    fireEvent.change(screen.getByTestId('export-marking-custom'), { target: { value: 'OFFICIAL-SENSITIVE' } })
    expect(screen.getByTestId('export-marking-custom')).toHaveValue('OFFICIAL-SENSITIVE')
    fireEvent.click(screen.getByTestId('export-format-svg'))
    expect(screen.getByTestId('export-scale-2')).toBeDisabled()
    expect(screen.getByTestId('export-copy')).toBeDisabled()
    expect(screen.getByTestId('export-download')).toHaveTextContent('Download SVG')
  })

  it('lets a preview picture go only once the next one is shown, and the last when the dialog closes', async () => {
    loadEvents([SEED_EVENT])
    let made = 0
    const revokedWhileShown: string[] = []
    const revoked: string[] = []
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:preview-${++made}`)
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url: string) => {
      revoked.push(url)
      if (document.querySelector('[data-testid="export-preview"]')?.getAttribute('src') === url) revokedWhileShown.push(url)
    })
    try {
      render(<ExportRoot />)
      act(() => useWatchfloor.getState().openExport('events'))
      const first = await screen.findByTestId('export-preview', {}, { timeout: 5000 })
      const firstUrl = first.getAttribute('src')!
      expect(revoked).toEqual([])
      fireEvent.click(screen.getByTestId('export-preset-square'))
      await waitFor(() => expect(screen.getByTestId('export-preview').getAttribute('src')).not.toBe(firstUrl), { timeout: 5000 })
      const secondUrl = screen.getByTestId('export-preview').getAttribute('src')!
      expect(revoked).toEqual([firstUrl])
      act(() => useWatchfloor.getState().closeExport())
      expect(revoked).toEqual([firstUrl, secondUrl])
      expect(revokedWhileShown).toEqual([])
    } finally {
      create.mockRestore()
      revoke.mockRestore()
    }
  })
})
