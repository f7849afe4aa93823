import type { AlertsSlice } from './alerts-slice.ts'
import type { DataSlice } from './data-slice.ts'
import type { ExportSlice } from './export-slice.ts'
import type { FilterSlice } from './filter-slice.ts'
import type { MapSlice } from './map-slice.ts'
import type { ViewSlice } from './view-slice.ts'
import type { WarehouseSlice } from './warehouse-slice.ts'
import type { WarningSlice } from './warning-slice.ts'
import type { WatchlistSlice } from './watchlist-slice.ts'
import type { WorkspaceSlice } from './workspace-slice.ts'

/** The one store: data, filters and view state, each with its own actions. */
export type WatchfloorState = DataSlice & FilterSlice & ViewSlice & MapSlice & WatchlistSlice & AlertsSlice & WorkspaceSlice & ExportSlice & WarningSlice & WarehouseSlice
