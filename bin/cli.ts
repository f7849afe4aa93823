/**
 * The `watchfloor` command line: validate and convert dataset files with the same domain code
 * the app runs. Exit 0 when the input was read (even with rejected rows), 2 when it could not be
 * read, its format is unknown or the arguments are wrong; failures print one line to stderr.
 *
 * Each command is a module in bin/commands/ (a `Command`: name, synopsis, help, options, run);
 * adding one is that module and a line in COMMANDS.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { CliError, EXIT_FAILED, EXIT_OK, oneLine, UsageError, write, type Command } from './cli-core.ts'
import { FORMAT_CHOICES, parseFormat, readFiles } from './cli-read.ts'
import { convert } from './commands/convert.ts'
import { gdeltView } from './commands/gdelt-view.ts'
import { push } from './commands/push.ts'
import { validate } from './commands/validate.ts'
import { WARNING_COMMANDS, warningMain } from './warning-cli.ts'

export { EXIT_FAILED, EXIT_OK } from './cli-core.ts'

/** The commands, in the order the help lists them. */
const COMMANDS: readonly Command[] = [validate, convert, push, gdeltView]

const USAGE = `usage: ${COMMANDS.map((c) => `watchfloor ${c.synopsis}`).join(' | ')} | watchfloor --help`

function help(): string {
  const options = [...new Set(COMMANDS.flatMap((c) => c.optionsHelp.split('\n')))]
  return `watchfloor: check, convert and load Watchfloor threat-event data

Usage:
${COMMANDS.map((c) => `  watchfloor ${c.synopsis}`).join('\n')}
  watchfloor surges FILE [--by country|region|actor] [--as-of YYYY-MM-DD] [--method stat|acled] [--json]
  watchfloor forecast FILE [--by country|region] [--as-of YYYY-MM-DD] [--weeks 4] [--json]
  watchfloor --help

Commands:
${COMMANDS.map((c) => c.help).join('\n')}
  surges     Early warning: which places' last week stands out (watchfloor surges --help).
  forecast   Expected weekly events for the weeks ahead, with an 80 % band.

Options:
  -f, --format FORMAT  ${FORMAT_CHOICES} (default auto: detected from the content)
${options.join('\n')}
  -h, --help           show this help

Exit status: 0 when FILE was read (even with rejected rows); 2 when it could not be read,
its format is unknown, or the arguments are wrong (one line on stderr says why).
`
}

/** Every command's options, for one strict parse (a command then refuses what it does not take). */
function allOptions(): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } }
  for (const command of COMMANDS) Object.assign(options, command.options)
  return options
}

function parseArgv(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: allOptions() })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

function run(argv: readonly string[]): number | Promise<number> {
  const { values, positionals } = parseArgv(argv)
  if (values.help || positionals[0] === 'help') {
    write(process.stdout, help())
    return EXIT_OK
  }
  const [name, ...args] = positionals
  if (name === undefined) throw new UsageError('no command given')
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) throw new UsageError(`unknown command "${name}"`)
  return command.run({ args, values })
}

function fail(error: unknown): number {
  const reason = error instanceof Error ? oneLine(error.message) : oneLine(String(error))
  const detail = error instanceof UsageError ? ` (${USAGE})` : error instanceof CliError ? '' : ' (internal error)'
  write(process.stderr, `watchfloor: ${reason}${detail}`)
  return EXIT_FAILED
}

/**
 * Runs the command line with `argv` (without node and the script) and returns the exit code:
 * at once for text input, as a promise when an input reads asynchronously (Parquet). Never
 * throws or rejects: every failure becomes one `watchfloor: …` line on stderr and exit 2.
 */
export function main(argv: readonly string[]): number | Promise<number> {
  if (argv[0] !== undefined && WARNING_COMMANDS.has(argv[0])) {
    return warningMain(argv, (file, format) => readFiles([file], parseFormat(format), false))
  }
  try {
    const code = run(argv)
    return typeof code === 'number' ? code : code.catch(fail)
  } catch (error) {
    return fail(error)
  }
}
