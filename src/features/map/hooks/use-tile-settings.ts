import { useCallback, useEffect, useState } from 'react'
import { loadSetting, saveSetting } from '../../../lib/storage/workspace-db.ts'
import { isTileUrl, type TileSettings } from '../utils/tiles.ts'

const KEY = 'map.tiles'

export const DEFAULT_TILES: TileSettings = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
}

interface SavedTiles {
  readonly enabled: boolean
  readonly settings: TileSettings
}

function readSaved(value: unknown): SavedTiles | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const s = v.settings as Record<string, unknown> | undefined
  if (typeof v.enabled !== 'boolean' || typeof s?.url !== 'string' || typeof s.attribution !== 'string') return null
  if (!isTileUrl(s.url)) return null
  return { enabled: v.enabled, settings: { url: s.url, attribution: s.attribution.slice(0, 200) } }
}

/**
 * The online basemap setting: off by default, remembered in the workspace (IndexedDB). A saved
 * value that does not read back as valid is ignored. Storage failures leave the default in force.
 */
export function useTileSettings(): [SavedTiles, (enabled: boolean, settings: TileSettings) => void] {
  const [state, setState] = useState<SavedTiles>({ enabled: false, settings: DEFAULT_TILES })
  useEffect(() => {
    let live = true
    loadSetting(KEY).then(
      (value) => {
        const saved = readSaved(value)
        if (live && saved) setState(saved)
      },
      () => {},
    )
    return () => {
      live = false
    }
  }, [])
  const update = useCallback((enabled: boolean, settings: TileSettings) => {
    const next = { enabled, settings }
    setState(next)
    saveSetting(KEY, next).catch(() => {})
  }, [])
  return [state, update]
}
