import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useCallback, useRef, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { useModalFocus } from '../../src/ui/use-modal-focus.ts'

function Dialog({ onClose }: { readonly onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null)
  useModalFocus(ref, onClose)
  return (
    <div ref={ref} className="modal-dialog" role="dialog" aria-modal="true" aria-label="Test dialog" tabIndex={-1}>
      <button type="button">First</button>
      <input aria-label="Middle" />
      <button type="button" disabled>
        Disabled
      </button>
      <button type="button" onClick={onClose}>
        Last
      </button>
    </div>
  )
}

function Page() {
  const [open, setOpen] = useState(false)
  const close = useCallback(() => setOpen(false), [])
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <button type="button">Behind</button>
      {open && <Dialog onClose={close} />}
    </>
  )
}

describe('modal dialog focus', () => {
  it('cycles Tab and Shift+Tab within the dialog and gives focus back to the opener on close', async () => {
    const user = userEvent.setup()
    render(<Page />)
    await user.click(screen.getByRole('button', { name: 'Open' }))
    expect(screen.getByRole('dialog')).toHaveFocus()
    const order: string[] = []
    for (let i = 0; i < 4; i++) {
      await user.tab()
      order.push((document.activeElement as HTMLElement).getAttribute('aria-label') ?? document.activeElement!.textContent!)
    }
    expect(order).toEqual(['First', 'Middle', 'Last', 'First'])
    const back: string[] = []
    for (let i = 0; i < 4; i++) {
      await user.tab({ shift: true })
      back.push((document.activeElement as HTMLElement).getAttribute('aria-label') ?? document.activeElement!.textContent!)
    }
    expect(back).toEqual(['Last', 'Middle', 'First', 'Last'])
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'Open' })).toHaveFocus()
  })

  it('brings focus that lands behind the dialog back into it', async () => {
    const user = userEvent.setup()
    render(<Page />)
    await user.click(screen.getByRole('button', { name: 'Open' }))
    screen.getByRole('button', { name: 'Behind' }).focus()
    expect(screen.getByRole('dialog')).toHaveFocus()
  })
})
