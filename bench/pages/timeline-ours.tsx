/**
 * Our timeline panel alone, on the store loaded with the same 100k synthetic events over ten
 * years (3,653 days). An update toggles level 1 through the store (the filter change, its mask
 * and views included) and is rendered synchronously (flushSync) then painted.
 */
import { createRoot } from 'react-dom/client'
import { flushSync } from 'react-dom'
import '../../src/app/styles.css'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { TimelinePanel } from '../../src/features/timeline/components/timeline-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { afterFrame } from './after-frame.ts'

const t0 = performance.now()
const table = generateSyntheticTable({ size: 100_000, seed: 20251104 })
useWatchfloor.getState().loadTable(table, { name: 'bench', customRegions: [] })
const root = createRoot(document.getElementById('root')!)
flushSync(() => root.render(<TimelinePanel />))
window.__bench = {
  ready: afterFrame().then(() => performance.now() - t0),
  async update() {
    const start = performance.now()
    flushSync(() => useWatchfloor.getState().toggleLevel(1))
    await afterFrame()
    return performance.now() - start
  },
}
