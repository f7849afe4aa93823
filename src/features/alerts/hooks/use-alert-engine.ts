import { useEffect } from 'react'
import { useWatchfloor } from '../../../state/store.ts'
import { startAlertEngine } from '../utils/alert-engine.ts'

/** Runs the alert engine (watchlist evaluation, notifications, persistence) while the app is mounted; `?kiosk=1` forces kiosk mode. */
export function useAlertEngine(): void {
  useEffect(() => {
    const kiosk = new URLSearchParams(window.location.search).get('kiosk')
    return startAlertEngine(useWatchfloor, undefined, { kiosk: kiosk === '1' || kiosk === 'true' })
  }, [])
}
