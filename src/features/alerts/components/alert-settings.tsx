import { useState } from 'react'
import { useWatchfloor } from '../../../state/store.ts'

function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined'
}

/**
 * Browser notifications (permission asked for only when turned on) and kiosk mode (nothing pops
 * over the dashboard: no notifications, no permission prompt).
 */
export function AlertSettingsBar() {
  const { notifications, kiosk } = useWatchfloor((s) => s.alertSettings)
  const setAlertSettings = useWatchfloor((s) => s.setAlertSettings)
  const [refused, setRefused] = useState(false)

  const toggleNotifications = async (on: boolean): Promise<void> => {
    if (!on) return setAlertSettings({ notifications: false })
    if (!notificationsSupported()) return setRefused(true)
    const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission
    setRefused(permission !== 'granted')
    setAlertSettings({ notifications: permission === 'granted' })
  }

  return (
    <div className="alert-settings">
      <label className="alert-settings__toggle">
        <input
          type="checkbox"
          data-testid="alert-notifications"
          checked={notifications && !kiosk}
          disabled={kiosk || !notificationsSupported()}
          onChange={(e) => void toggleNotifications(e.target.checked)}
        />
        Browser notifications
      </label>
      <label className="alert-settings__toggle">
        <input
          type="checkbox"
          data-testid="alert-kiosk"
          checked={kiosk}
          onChange={(e) => setAlertSettings({ kiosk: e.target.checked })}
        />
        Kiosk mode (never pop anything over the dashboard)
      </label>
      {refused && <span className="muted">The browser did not allow notifications; alerts still appear here.</span>}
    </div>
  )
}
