import { act, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeFailure, installGlobalErrorReporting } from '../../src/app/global-errors.ts'
import { WorkspaceNotices } from '../../src/features/ingest/components/workspace-notices.tsx'
import { useWatchfloor } from '../../src/state/store.ts'

/** An unhandledrejection event as the browser sends it (jsdom has no PromiseRejectionEvent). */
function rejection(reason: unknown): Event {
  return Object.assign(new Event('unhandledrejection'), { reason, promise: Promise.resolve() })
}

let uninstall: () => void = () => {}
beforeEach(() => {
  useWatchfloor.setState({ notices: [] })
  uninstall = installGlobalErrorReporting(window)
})
afterEach(() => uninstall())

describe('global error reporting', () => {
  it('shows an unhandled rejection and an uncaught error as dismissable notices, text only', () => {
    render(<WorkspaceNotices />)
    act(() => {
      window.dispatchEvent(rejection(new Error('the tile cache <b>broke</b>')))
      window.dispatchEvent(new ErrorEvent('error', { error: new TypeError('x is undefined'), message: 'Uncaught TypeError: x is undefined' }))
    })
    const notices = screen.getAllByTestId('workspace-notice')
    expect(notices.map((n) => n.querySelector('span')!.textContent)).toEqual([
      'Something went wrong in the background: the tile cache <b>broke</b>. The data on screen is kept; reload the page if a panel stops updating.',
      'Something went wrong in the background: x is undefined. The data on screen is kept; reload the page if a panel stops updating.',
    ])
    expect(document.querySelector('b')).toBeNull()
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[0]!)
    expect(screen.getAllByTestId('workspace-notice')).toHaveLength(1)
  })

  it('does not repeat a notice, caps how many pile up, and ignores ResizeObserver noise', () => {
    act(() => {
      for (let i = 0; i < 3; i++) window.dispatchEvent(rejection('same failure'))
      window.dispatchEvent(new ErrorEvent('error', { message: 'ResizeObserver loop completed with undelivered notifications.' }))
      for (let i = 0; i < 10; i++) window.dispatchEvent(rejection(new Error(`failure ${i}`)))
    })
    expect(useWatchfloor.getState().notices).toEqual([
      expect.stringContaining(': same failure.'),
      expect.stringContaining(': failure 0.'),
      expect.stringContaining(': failure 1.'),
    ])
  })

  it('stops reporting once uninstalled', () => {
    uninstall()
    act(() => window.dispatchEvent(rejection(new Error('late'))))
    expect(useWatchfloor.getState().notices).toEqual([])
  })

  it('describes any thrown value in one short line', () => {
    expect(describeFailure(new Error('a\n  b'))).toBe('a b')
    expect(describeFailure({ code: 7 })).toBe('{"code":7}')
    expect(describeFailure(undefined)).toBe('undefined')
    expect(describeFailure('x'.repeat(400))).toHaveLength(300)
  })
})
