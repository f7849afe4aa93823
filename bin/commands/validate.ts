import { detectFormat, type ImportFormat } from '../../src/domain/ingest/detect.ts'
import { suggestDuplicates } from '../../src/domain/ingest/near-duplicates.ts'
import { UsageError, write, EXIT_OK, type Command } from '../cli-core.ts'
import { fileSize, readHead } from '../cli-io.ts'
import type { ImportResult } from '../../src/domain/model.ts'
import type { DateOrder } from '../../src/domain/ingest/date-order.ts'
import { anyParquet, parseDateOrder, parseFormat, readFiles, readFilesAsync } from '../cli-read.ts'
import { validateJson, validateReport, type Validation } from '../cli-report.ts'
import { STREAM_MIN_BYTES } from '../cli-stream.ts'
import { validateCsvStreamBounded } from '../cli-stream-bounded.ts'

/** Enough of a file to tell its format. */
const HEAD_BYTES = 64 * 1024

function isCsvFile(file: string, format: string): boolean {
  if (format !== 'auto') return format === 'csv'
  return detectFormat(new TextDecoder().decode(readHead(file, HEAD_BYTES)), file) === 'csv'
}

export const validate: Command = {
  name: 'validate',
  synopsis: 'validate FILE [FILE…] [--format FORMAT] [--date-order dmy|mdy] [--json] [--dedupe] [--stream] [--progress]',
  help: `  validate   Read FILE and report how many events were accepted and rejected, and why.
             With --json, print one JSON object:
             { format, total, accepted, rejected, merged, rows, notes?,
               issues: [{ row, field, message, severity: "error" | "warning" }] }
             rows (records read) = accepted + rejected + merged (records folded
             into another record's event, such as ACLED monadic rows). Several
             files are read as one: GDELT events with their mentions tables, or
             ACLED exports of one dataset (newer ones update older ones).
             A native CSV of 64 MB or more is read as a stream in bounded memory.
             Parquet files (ACLED, GDELT or Watchfloor columns) are read too.
             A CSV's dates with slashes (03/04/2024) are read in the order its
             dates tell (a day over 12), else day first; notes say which, and
             --date-order sets it for the whole file.`,
  optionsHelp: `      --json           validate: print the report as one JSON object
      --dedupe         merge duplicate GDELT records (same day, actors, root code, place)
      --date-order ORDER  dmy (day first, dd/mm/yyyy) or mdy (month first, mm/dd/yyyy): how a
                       CSV's dates with slashes are read (default: detected, else day first)
      --stream         validate: read a native CSV as a stream whatever its size
      --progress       validate: show progress on stderr (always on a terminal)`,
  options: {
    format: { type: 'string', short: 'f' },
    json: { type: 'boolean' },
    dedupe: { type: 'boolean' },
    'date-order': { type: 'string' },
    stream: { type: 'boolean' },
    progress: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
  },
  run({ args, values }) {
    if (args.length === 0) throw new UsageError('validate needs a FILE')
    if (values.out !== undefined) throw new UsageError('validate does not write a file; use convert -o OUT.json')
    const format = parseFormat(values.format)
    const dateOrder = parseDateOrder(values['date-order'])
    const report = (v: Validation): number => {
      write(process.stdout, values.json ? validateJson(v) : validateReport(args.join(', '), v))
      return EXIT_OK
    }
    if (anyParquet(args)) return readFilesAsync(args, format, values.dedupe === true, dateOrder).then((result) => report(withSuggestions(result)))
    const [only] = args
    let validation: Validation
    if (args.length === 1 && only !== undefined && values.dedupe !== true) {
      const size = fileSize(only)
      // A chosen date order is applied by the whole-file reader; the stream settles no order of its own.
      const streamed = (values.stream === true || (size >= STREAM_MIN_BYTES && dateOrder === undefined)) && isCsvFile(only, format)
      const progress = values.progress === true || (process.stderr.isTTY === true && size >= STREAM_MIN_BYTES)
      if (streamed) return validateCsvStreamBounded(only, size, progress).then(report)
      validation = whole(args, format, false, dateOrder)
    } else validation = whole(args, format, values.dedupe === true, dateOrder)
    return report(validation)
  },
}

function whole(files: readonly string[], format: ImportFormat | 'auto', dedupe: boolean, dateOrder?: DateOrder): Validation {
  return withSuggestions(readFiles(files, format, dedupe, dateOrder))
}

function withSuggestions(result: ImportResult): Validation {
  return {
    ...result,
    accepted: result.dataset.events.length,
    suggestions: suggestDuplicates(result.dataset.events),
  }
}
