import { create } from 'zustand'
import { createAlertsSlice } from './alerts-slice.ts'
import { createDataSlice } from './data-slice.ts'
import { createExportSlice } from './export-slice.ts'
import { createFilterSlice } from './filter-slice.ts'
import { createMapSlice } from './map-slice.ts'
import { fillMarkTitles } from './mark-titles.ts'
import type { WatchfloorState } from './store-types.ts'
import { createViewSlice } from './view-slice.ts'
import { createWarehouseSlice } from './warehouse-slice.ts'
import { createWarningSlice } from './warning-slice.ts'
import { createWatchlistSlice } from './watchlist-slice.ts'
import { createWorkspaceSlice } from './workspace-slice.ts'

/** The app's one store. Components select single fields; selectors never build new objects. */
export const useWatchfloor = create<WatchfloorState>()((...a) => ({
  ...createDataSlice(...a),
  ...createFilterSlice(...a),
  ...createViewSlice(...a),
  ...createMapSlice(...a),
  ...createWatchlistSlice(...a),
  ...createAlertsSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createExportSlice(...a),
  ...createWarningSlice(...a),
  ...createWarehouseSlice(...a),
}))

// Marks of data whose titles are kept by an import's worker get their titles when they come.
fillMarkTitles(useWatchfloor)
