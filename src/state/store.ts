import { create } from 'zustand'
import { createDataSlice } from './data-slice.ts'
import { createFilterSlice } from './filter-slice.ts'
import type { WatchfloorState } from './store-types.ts'
import { createViewSlice } from './view-slice.ts'

/** The app's one store. Components select single fields; selectors never build new objects. */
export const useWatchfloor = create<WatchfloorState>()((...a) => ({
  ...createDataSlice(...a),
  ...createFilterSlice(...a),
  ...createViewSlice(...a),
}))
