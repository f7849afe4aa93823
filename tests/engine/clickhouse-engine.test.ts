import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { describeEngine } from './engine-suite.ts'
import { loadWarehouseTable, useTestWarehouse } from '../warehouse/test-warehouse.ts'

/**
 * The conformance suite against the ClickHouse engine, over the chdb endpoint (or the server at
 * CLICKHOUSE_URL): every generated dataset is loaded into a table of its own, and the engine is
 * held to the same answers as the local engine.
 */
const warehouse = useTestWarehouse()

describeEngine('clickhouse', async (dataset) => ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset)))
