import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: fileURLToPath(new URL('../../eslint.config.js', import.meta.url)) })

/** The rule ids ESLint reports as errors for `code` placed at `filePath` (the file need not exist). */
async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message)
}

describe.concurrent('import boundaries', { timeout: 30_000 }, () => {
  it('forbids domain code from importing state', async () => {
    const errors = await errorsFor('src/domain/foo.ts', "import { x } from '../state/x.ts'\nexport const y = x\n")
    expect(errors).toContain('import-x/no-restricted-paths')
  })

  it('forbids domain code from importing React, Leaflet, Recharts, Zustand or Node', async () => {
    const code = [
      "import { useState } from 'react'",
      "import L from 'leaflet'",
      "import { LineChart } from 'recharts'",
      "import { create } from 'zustand'",
      "import { readFileSync } from 'node:fs'",
      'export const all = [useState, L, LineChart, create, readFileSync]',
    ].join('\n')
    const errors = await errorsFor('src/domain/ingest/foo.ts', code)
    expect(errors.filter((id) => id === 'no-restricted-imports')).toHaveLength(5)
  })

  it('keeps panels on the engine\'s answer: features, app and ui never import the local engine', async () => {
    // Paths as a file three folders into src writes them (built, so that they are not read as this test's own paths).
    const up = Array(3).fill('..').join('/')
    const code = `import { computeMask } from '${up}/domain/engine/local/mask.ts'\nexport const m = computeMask\n`
    expect(await errorsFor('src/features/map/hooks/use-shading.ts', code)).toContain('import-x/no-restricted-paths')
    expect(await errorsFor('src/app/App.tsx', "import { LocalEngine } from '../domain/engine/local/local-engine.ts'\nexport const e = LocalEngine\n")).toContain(
      'import-x/no-restricted-paths',
    )
    const answer = `import type { Views } from '${up}/domain/engine/views-engine.ts'\nexport type V = Views\n`
    expect(await errorsFor('src/features/map/hooks/use-shading.ts', answer)).toEqual([])
    expect(await errorsFor('src/state/run-views.ts', "import { LocalEngine } from '../domain/engine/local/local-engine.ts'\nexport const e = LocalEngine\n")).toEqual([])
  })

  it('keeps features off the data\'s table and the engine\'s masks, and services off features', async () => {
    const up = Array(3).fill('..').join('/')
    const reads = [
      `import { useWatchfloor } from '${up}/state/store.ts'`,
      'export const size = () => useWatchfloor.getState().table.size',
      'export const useSize = () => useWatchfloor((s) => s.table.size)',
      'export const bits = (engine: { mask: Uint8Array }) => engine.mask[0]',
      'export const rows = () => {',
      '  const { table } = useWatchfloor.getState()',
      '  return table.size',
      '}',
    ].join('\n')
    const found = await errorsFor('src/features/map/hooks/use-size.ts', reads)
    expect(found.filter((id) => id === 'no-restricted-syntax')).toHaveLength(4)
    const titles = `import { titleAt } from '${up}/domain/table.ts'\nexport const t = titleAt\n`
    expect(await errorsFor('src/features/map/hooks/use-title.ts', titles)).toContain('no-restricted-imports')
    // The same reads are a service's job, and a service imports no feature.
    expect(await errorsFor('src/services/ingest/size.ts', "import { useWatchfloor } from '../../state/store.ts'\nexport const size = () => useWatchfloor.getState().table.size\n")).toEqual([])
    expect(await errorsFor('src/services/ingest/x.ts', "import { MapPanel } from '../../features/map/components/map-panel.tsx'\nexport const p = MapPanel\n")).toContain(
      'import-x/no-restricted-paths',
    )
    // The views are what a feature reads.
    expect(await errorsFor('src/features/map/hooks/use-count.ts', `import { useWatchfloor } from '${up}/state/store.ts'\nexport const useCount = () => useWatchfloor((s) => s.views.matched)\n`)).toEqual([])
  })

  it('forbids one feature from importing another', async () => {
    const errors = await errorsFor(
      'src/features/timeline/timeline-panel.tsx',
      "import { MapPanel } from '../map/map-panel.tsx'\nexport const panels = [MapPanel]\n",
    )
    expect(errors).toContain('watchfloor/no-cross-feature-imports')
  })

  it('lets a feature import state, ui, lib, domain and its own files', async () => {
    const code = [
      "import { useStore } from '../../state/store.ts'",
      "import { Panel } from '../../ui/panel.tsx'",
      "import { exportPng } from '../../lib/png-export.ts'",
      "import { LEVEL_LABELS } from '../../domain/model.ts'",
      "import { bucket } from './bucket.ts'",
      'export const used = [useStore, Panel, exportPng, LEVEL_LABELS, bucket]',
    ].join('\n')
    expect(await errorsFor('src/features/timeline/timeline-panel.tsx', code)).toEqual([])
  })

  it('keeps ui presentational and features out of everything but app', async () => {
    expect(await errorsFor('src/ui/panel.tsx', "import { s } from '../state/store.ts'\nexport const v = s\n")).toContain(
      'import-x/no-restricted-paths',
    )
    expect(await errorsFor('src/ui/gauge.tsx', "import { v } from '../domain/views.ts'\nexport const w = v\n")).toContain(
      'import-x/no-restricted-paths',
    )
    expect(await errorsFor('src/ui/badge.tsx', "import { LEVEL_LABELS } from '../domain/model.ts'\nexport const l = LEVEL_LABELS\n")).toEqual([])
    expect(await errorsFor('src/state/store.ts', "import { m } from '../features/map/m.ts'\nexport const v = m\n")).toContain(
      'import-x/no-restricted-paths',
    )
    expect(await errorsFor('src/app/app.tsx', "import { m } from '../features/map/m.ts'\nexport const v = m\n")).toEqual([])
  })

  it('forbids default exports and barrel files in src', async () => {
    expect(await errorsFor('src/ui/button.tsx', 'export default function Button() { return null }\n')).toContain(
      'import-x/no-default-export',
    )
    expect(await errorsFor('src/ui/index.ts', "export { Button } from './button.tsx'\n")).toContain(
      'watchfloor/no-barrel-files',
    )
  })
})
