/**
 * zod, configured once for every schema of the app: jitless, so that zod never probes for
 * `new Function` (its fast path), which the Content-Security-Policy forbids and reports as a
 * violation on every load. Import `z` from here, not from 'zod'.
 */
import { z } from 'zod'

z.config({ jitless: true })

export { z }
