import { deleteSetting, loadSetting, saveSetting } from '../../../lib/storage/workspace-db.ts'

/**
 * A warehouse's user and password, saved on this device only when the analyst asks for it (the
 * dialog's "Save the password on this device"), in the workspace's settings in this browser's
 * storage, one entry per server address. Never written into a link, a saved view or an export;
 * forgotten when the analyst unticks the box and connects, or presses "Forget".
 */
export interface SavedCredentials {
  readonly user: string
  readonly password: string
}

/** The settings key of a server's saved credentials: its address without trailing slashes. */
export function credentialsKey(url: string): string {
  return `warehouse-credentials:${url.trim().replace(/\/+$/, '')}`
}

/** The credentials saved for `url`, or null (none, unreadable storage, or a record of another shape). */
export async function savedCredentials(url: string): Promise<SavedCredentials | null> {
  try {
    const value = await loadSetting(credentialsKey(url))
    if (typeof value !== 'object' || value === null) return null
    const { user, password } = value as Record<string, unknown>
    return typeof user === 'string' && typeof password === 'string' ? { user, password } : null
  } catch {
    return null
  }
}

export function saveCredentials(url: string, credentials: SavedCredentials): Promise<void> {
  return saveSetting(credentialsKey(url), { user: credentials.user, password: credentials.password })
}

export function forgetCredentials(url: string): Promise<void> {
  return deleteSetting(credentialsKey(url))
}
