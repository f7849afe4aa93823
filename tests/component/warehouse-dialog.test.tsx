import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { WarehouseDialog } from '../../src/features/warehouse/components/warehouse-dialog.tsx'
import { warehouseLinkOf, withWarehouseLink } from '../../src/features/warehouse/utils/warehouse-link.ts'
import { useWatchfloor } from '../../src/state/store.ts'

describe('warehouse dialog', () => {
  it('fills in a link\'s address and table and asks for the credentials', () => {
    render(<WarehouseDialog initial={{ url: 'https://ch.example.org:8443', table: 'watchfloor.events' }} onClose={vi.fn()} />)
    expect(screen.getByTestId<HTMLInputElement>('warehouse-url').value).toBe('https://ch.example.org:8443')
    expect(screen.getByTestId<HTMLInputElement>('warehouse-table').value).toBe('watchfloor.events')
    expect(screen.getByTestId<HTMLInputElement>('warehouse-password').value).toBe('')
    expect(screen.getByTestId<HTMLInputElement>('warehouse-password').type).toBe('password')
  })

  it('refuses credentials in the address, and keeps the data on screen', () => {
    const before = useWatchfloor.getState().source
    render(<WarehouseDialog initial={{ url: 'https://analyst:pw@ch.example.org', table: 'watchfloor.events' }} onClose={vi.fn()} />)
    fireEvent.click(screen.getByTestId('warehouse-connect'))
    expect(screen.getByRole('alert').textContent).toBe('Put the user and password in their own fields, not in the address. The data on screen is unchanged.')
    expect(useWatchfloor.getState().source).toBe(before)
  })

  it('refuses an address that is not http(s)', () => {
    render(<WarehouseDialog initial={{ url: 'ftp://ch.example.org', table: 'w.e' }} onClose={vi.fn()} />)
    fireEvent.click(screen.getByTestId('warehouse-connect'))
    expect(screen.getByRole('alert').textContent).toContain('must start with http:// or https://')
  })
})

describe('warehouse links', () => {
  it('reads ?source=clickhouse&url=…&table=… and writes only the source, address and table', () => {
    expect(warehouseLinkOf('?source=clickhouse&url=http%3A%2F%2F127.0.0.1%3A8123&table=w.e')).toEqual({ url: 'http://127.0.0.1:8123', table: 'w.e' })
    expect(warehouseLinkOf('?data=x.csv')).toBeNull()
    const search = withWarehouseLink('?levels=5&data=x.csv', { url: 'http://127.0.0.1:8123', table: 'w.e' })
    expect(Object.fromEntries(new URLSearchParams(search))).toEqual({ levels: '5', source: 'clickhouse', url: 'http://127.0.0.1:8123', table: 'w.e' })
  })
})
