import { serialiseDataset } from '../../src/domain/export/dataset-json.ts'
import { EXIT_OK, UsageError, write, type Command } from '../cli-core.ts'
import { writeOutput } from '../cli-io.ts'
import type { ImportResult } from '../../src/domain/model.ts'
import { anyParquet, parseDateOrder, parseFormat, readFiles, readFilesAsync } from '../cli-read.ts'
import { formatLabel } from '../cli-report.ts'

export const convert: Command = {
  name: 'convert',
  synopsis: 'convert FILE -o OUT.json [FILE…] [--format FORMAT] [--date-order dmy|mdy] [--dedupe]',
  help: `  convert    Read FILE (or files read as one, as validate does) and write the accepted
             events as a dataset v1 JSON file.`,
  optionsHelp: `  -o, --out FILE       convert: where to write the dataset`,
  options: {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    dedupe: { type: 'boolean' },
    'date-order': { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ args, values }) {
    if (args.length === 0) throw new UsageError('convert needs a FILE')
    const format = parseFormat(values.format)
    if (values.json) throw new UsageError('--json applies to validate only')
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError('convert needs -o OUT.json')
    const out = values.out
    const save = (result: ImportResult): number => {
      writeOutput(out, serialiseDataset(result.dataset))
      const accepted = result.dataset.events.length
      write(process.stdout, `wrote ${out}: ${accepted} events from ${formatLabel(result.format)} (${result.rejected} of ${result.total} rejected)`)
      return EXIT_OK
    }
    const dedupe = values.dedupe === true
    const dateOrder = parseDateOrder(values['date-order'])
    return anyParquet(args) ? readFilesAsync(args, format, dedupe, dateOrder).then(save) : save(readFiles(args, format, dedupe, dateOrder))
  },
}
