import { buildEventTable } from '../../src/domain/build-table.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { describeEngine } from './engine-suite.ts'

describeEngine('local', (dataset) => new LocalEngine(buildEventTable(dataset)))
