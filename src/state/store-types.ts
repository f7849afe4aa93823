import type { DataSlice } from './data-slice.ts'
import type { FilterSlice } from './filter-slice.ts'
import type { ViewSlice } from './view-slice.ts'

/** The one store: data, filters and view state, each with its own actions. */
export type WatchfloorState = DataSlice & FilterSlice & ViewSlice
