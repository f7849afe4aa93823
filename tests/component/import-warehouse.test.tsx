import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ImportControls } from '../../src/features/ingest/hooks/use-import.ts'
import { ImportDialog } from '../../src/features/ingest/components/import-dialog.tsx'
import { WarehouseButton } from '../../src/features/warehouse/components/warehouse-button.tsx'
import { loadEvents, SEED_EVENT } from './load-store.ts'

/** The import dialog leads to "Connect to a warehouse" for data that outgrows the tab. */
describe('the import dialog and the warehouse', () => {
  it('closes itself and opens "Connect to a warehouse", the data on screen kept', async () => {
    loadEvents([SEED_EVENT])
    const controls: ImportControls = { stage: { kind: 'idle' }, pastedText: false, read: vi.fn(), remap: vi.fn(), options: {}, revise: vi.fn(), cancel: vi.fn(), reset: vi.fn() }
    const onClose = vi.fn()
    render(
      <>
        <WarehouseButton />
        <ImportDialog controls={controls} maxMegabytes={512} onMaxMegabytes={() => {}} onClose={onClose} />
      </>,
    )
    expect(screen.queryByTestId('warehouse-url')).toBeNull()
    fireEvent.click(screen.getByTestId('import-warehouse'))
    expect(onClose).toHaveBeenCalledTimes(1)
    expect(await screen.findByTestId('warehouse-url')).toHaveValue('')
    expect(screen.getByTestId('warehouse-password')).toHaveValue('')
    expect(controls.read).not.toHaveBeenCalled()
  })
})
