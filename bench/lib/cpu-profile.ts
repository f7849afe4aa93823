/** The parts of a V8 CPU profile (CDP `Profiler.stop`) the profiling scripts read. */
export interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
}

export interface Profile {
  readonly nodes: readonly ProfileNode[]
  readonly samples: readonly number[]
  /** µs between samples; entry i + 1 is sample i's duration. */
  readonly timeDeltas: readonly number[]
}
