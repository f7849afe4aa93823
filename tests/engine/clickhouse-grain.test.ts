import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { describeEngine } from './engine-suite.ts'
import { loadWarehouseTable, useTestWarehouse } from '../warehouse/test-warehouse.ts'

/**
 * The conformance suite against the ClickHouse engine with its cube grained by 7-day periods,
 * the grain a dense table of a few years takes (cube.ts, chooseGrain): every view, the time
 * filter's edges inside a period included, must still be the local engine's.
 */
const warehouse = useTestWarehouse()

describeEngine('clickhouse, 7-day grain', async (dataset) => ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset), undefined, { grainDays: 7 }))
