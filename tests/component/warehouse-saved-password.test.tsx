import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'

/** The workspace's settings store, in memory (jsdom has no IndexedDB). */
const settings = vi.hoisted(() => new Map<string, unknown>())
vi.mock('../../src/lib/storage/workspace-db.ts', () => ({
  loadSetting: (key: string) => Promise.resolve(settings.get(key)),
  saveSetting: (key: string, value: unknown) => Promise.resolve(void settings.set(key, value)),
  deleteSetting: (key: string) => Promise.resolve(void settings.delete(key)),
}))
/** Connecting answers what each test says: null when the table opens, else the reason. */
const connect = vi.hoisted(() => ({ answer: null as string | null, calls: [] as unknown[] }))
vi.mock('../../src/features/warehouse/utils/connect.ts', () => ({
  connectWarehouse: (input: unknown) => {
    connect.calls.push(input)
    return Promise.resolve(connect.answer)
  },
}))

const { WarehouseDialog } = await import('../../src/features/warehouse/components/warehouse-dialog.tsx')

const URL_ = 'https://ch.example.org:8443'
const KEY = `warehouse-credentials:${URL_}`

function fill(password: string): void {
  fireEvent.change(screen.getByTestId('warehouse-user'), { target: { value: 'analyst' } })
  fireEvent.change(screen.getByTestId('warehouse-password'), { target: { value: password } })
}

beforeEach(() => {
  settings.clear()
  connect.answer = null
  connect.calls = []
})

describe('saving a warehouse password on this device', () => {
  it('is off by default: a connection keeps the password in the tab only', async () => {
    const onClose = vi.fn()
    render(<WarehouseDialog initial={{ url: URL_, table: 'watchfloor.events' }} onClose={onClose} />)
    expect(screen.getByTestId<HTMLInputElement>('warehouse-remember').checked).toBe(false)
    fill('s3cret')
    fireEvent.click(screen.getByTestId('warehouse-connect'))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(connect.calls).toEqual([{ url: URL_, table: 'watchfloor.events', user: 'analyst', password: 's3cret' }])
    expect(settings.size).toBe(0)
  })

  it('saves it once the table opens when asked, and fills it in next time with a way to forget it', async () => {
    const first = render(<WarehouseDialog initial={{ url: URL_, table: 'watchfloor.events' }} onClose={vi.fn()} />)
    fill('s3cret')
    fireEvent.click(screen.getByTestId('warehouse-remember'))
    fireEvent.click(screen.getByTestId('warehouse-connect'))
    await waitFor(() => expect(settings.get(KEY)).toEqual({ user: 'analyst', password: 's3cret' }))
    first.unmount()

    // The address with a trailing slash is the same server.
    render(<WarehouseDialog initial={{ url: `${URL_}/`, table: 'watchfloor.events' }} onClose={vi.fn()} />)
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('warehouse-password').value).toBe('s3cret'))
    expect(screen.getByTestId<HTMLInputElement>('warehouse-user').value).toBe('analyst')
    expect(screen.getByTestId<HTMLInputElement>('warehouse-remember').checked).toBe(true)
    fireEvent.click(screen.getByTestId('warehouse-forget'))
    await waitFor(() => expect(screen.queryByTestId('warehouse-saved')).toBeNull())
    expect(settings.has(KEY)).toBe(false)
    expect(screen.getByTestId<HTMLInputElement>('warehouse-password').value).toBe('')
    expect(screen.getByTestId<HTMLInputElement>('warehouse-remember').checked).toBe(false)
  })

  it('saves nothing when the connection fails, and keeps what was saved before', async () => {
    settings.set(KEY, { user: 'analyst', password: 'old' })
    connect.answer = 'The warehouse refused the user or password (401).'
    render(<WarehouseDialog initial={{ url: URL_, table: 'watchfloor.events' }} onClose={vi.fn()} />)
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('warehouse-password').value).toBe('old'))
    fill('wrong')
    fireEvent.click(screen.getByTestId('warehouse-connect'))
    expect((await screen.findByTestId('warehouse-error')).textContent).toBe('The warehouse refused the user or password (401). The data on screen is unchanged.')
    expect(settings.get(KEY)).toEqual({ user: 'analyst', password: 'old' })
  })

  it('forgets the saved password when the box is unticked and the table opens', async () => {
    settings.set(KEY, { user: 'analyst', password: 'old' })
    const onClose = vi.fn()
    render(<WarehouseDialog initial={{ url: URL_, table: 'watchfloor.events' }} onClose={onClose} />)
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('warehouse-remember').checked).toBe(true))
    fireEvent.click(screen.getByTestId('warehouse-remember'))
    fireEvent.click(screen.getByTestId('warehouse-connect'))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(settings.has(KEY)).toBe(false)
  })
})
