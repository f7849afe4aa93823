/**
 * What every `watchfloor` command shares: exit codes, the one-line failures, output, and the
 * shape of a command (bin/commands/*.ts), so that adding one is a module and a line in cli.ts.
 */
import type { ParseArgsConfig } from 'node:util'

export const EXIT_OK = 0
export const EXIT_FAILED = 2

/** A failure the user can act on: reported as one line, exit 2. */
export class CliError extends Error {}

/** Wrong arguments: reported as one line with the usage, exit 2. */
export class UsageError extends CliError {}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

export function write(stream: NodeJS.WriteStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`)
}

/** Option values as node:util parseArgs gives them. */
export type OptionValues = Readonly<Record<string, string | boolean | readonly (string | boolean)[] | undefined>>

export interface CommandArgs {
  /** The positional arguments after the command's name. */
  readonly args: readonly string[]
  readonly values: OptionValues
}

/** One `watchfloor` command. */
export interface Command {
  readonly name: string
  /** Its usage, after `watchfloor ` ("validate FILE… [--json]"). */
  readonly synopsis: string
  /** Its lines in the help's Commands section, indented to line up. */
  readonly help: string
  /** Its lines in the help's Options section. */
  readonly optionsHelp: string
  /** The options it reads (names must not clash with another command's of another type). */
  readonly options: NonNullable<ParseArgsConfig['options']>
  /** Runs it; returns the exit code (a promise of it for input that reads asynchronously, such as Parquet), or throws CliError / UsageError. */
  run(args: CommandArgs): number | Promise<number>
}
