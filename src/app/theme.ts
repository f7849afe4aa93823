import { useCallback, useEffect, useState } from 'react'
import { loadSetting, saveSetting } from '../lib/storage/workspace-db.ts'

export type ThemeChoice = 'system' | 'dark' | 'light'

const THEME_KEY = 'theme'
const CHOICES: readonly ThemeChoice[] = ['system', 'dark', 'light']

/** Sets the theme on the document: `system` follows prefers-color-scheme. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === 'system') delete root.dataset.theme
  else root.dataset.theme = choice
}

function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (CHOICES as readonly string[]).includes(value)
}

/** The user's theme choice, restored from the workspace and saved when it changes. */
export function useThemeChoice(): readonly [ThemeChoice, () => void] {
  const [choice, setChoice] = useState<ThemeChoice>('system')
  useEffect(() => {
    let live = true
    loadSetting(THEME_KEY)
      .then((saved) => {
        if (live && isThemeChoice(saved)) setChoice(saved)
      })
      .catch(() => {
        // No saved workspace (private window, blocked storage): keep following the system.
      })
    return () => {
      live = false
    }
  }, [])
  useEffect(() => applyTheme(choice), [choice])
  const cycle = useCallback(() => {
    setChoice((current) => {
      const next = CHOICES[(CHOICES.indexOf(current) + 1) % CHOICES.length]!
      saveSetting(THEME_KEY, next).catch(() => {})
      return next
    })
  }, [])
  return [choice, cycle] as const
}
