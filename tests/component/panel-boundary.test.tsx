import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { PanelBoundary } from '../../src/ui/panel-boundary.tsx'

let broken = true

function Fragile() {
  if (broken) throw new Error('the tiles are gone')
  return <p>drawn</p>
}

function Neighbour() {
  const [n, setN] = useState(0)
  return (
    <button type="button" onClick={() => setN(n + 1)}>
      clicked {n}
    </button>
  )
}

describe('PanelBoundary', () => {
  it('shows the failing panel’s error and a retry, while a neighbour keeps working', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    render(
      <>
        <PanelBoundary title="The map">
          <Fragile />
        </PanelBoundary>
        <PanelBoundary title="Events">
          <Neighbour />
        </PanelBoundary>
      </>,
    )
    expect(screen.getByTestId('panel-error')).toHaveTextContent('The map could not be drawn')
    expect(screen.getByTestId('panel-error')).toHaveTextContent('the tiles are gone')
    fireEvent.click(screen.getByRole('button', { name: 'clicked 0' }))
    expect(screen.getByRole('button', { name: 'clicked 1' })).toBeInTheDocument()
    broken = false
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(screen.getByText('drawn')).toBeInTheDocument()
    expect(screen.queryByTestId('panel-error')).toBeNull()
    quiet.mockRestore()
    warn.mockRestore()
  })
})
