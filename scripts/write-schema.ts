// Writes public/schema/dataset.v1.json from the zod schema: npm run schema
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { datasetJsonSchema } from '../src/domain/schema.ts'

const out = fileURLToPath(new URL('../public/schema/dataset.v1.json', import.meta.url))
writeFileSync(out, `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`)
console.log(`wrote ${out}`)
