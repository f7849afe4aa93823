/**
 * zod, configured once for every schema of the app: jitless, so that zod never probes for
 * `new Function` (its fast path), which the Content-Security-Policy forbids and reports as a
 * violation on every load. Import it from here, not from 'zod', as a namespace
 * (`import * as z from './zod.ts'`): bundlers then keep only the parts of zod in use (a fifth of
 * it for our schemas), where `import { z } from 'zod'` keeps all of it.
 */
import { config } from 'zod'

config({ jitless: true })

export * from 'zod'
