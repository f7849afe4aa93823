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

/** Busy milliseconds and self time per function (ms), heaviest first. */
export function summarise(profile: Profile, count = 15): { busyMs: number; top: [string, number][]; files: [string, number][] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<string, number>()
  const byFile = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    if (frame.functionName === '(idle)') return
    busy += ms
    const file = frame.url.split('/').pop() ?? ''
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + ms)
    // Chunks by name without their hash; the browser's own work (layout, paint, GC) as "(native)".
    const chunk = file === '' ? '(native)' : file.replace(/-[\w-]{8}\.js$/, '.js')
    byFile.set(chunk, (byFile.get(chunk) ?? 0) + ms)
  })
  const heaviest = (m: Map<string, number>, k: number): [string, number][] => [...m].sort((a, b) => b[1] - a[1]).slice(0, k)
  return { busyMs: busy, top: heaviest(self, count), files: heaviest(byFile, 6) }
}
