import { useEffect, useRef, useState, type ReactNode } from 'react'
import { panelElementId, type PanelName } from '../domain/panels.ts'
import { PanelQueryTime } from './panel-query.tsx'
import './panel-pending.css'

interface PanelProps {
  /** The panel's name (domain/panels.ts): its element id and test id derive from it. */
  readonly name: PanelName
  readonly title: string
  /** A line under the title: what the panel shows and how fresh it is. */
  readonly subtitle?: ReactNode
  readonly actions?: ReactNode
  readonly children: ReactNode
  readonly className?: string
  /**
   * True while the panel still shows the answer to an earlier request (its part of a filter
   * change is being made): the panel is marked busy and its content drawn faded.
   */
  readonly busy?: boolean
  /** A line over the content, not faded with it (what the panel is waiting for, or what failed). */
  readonly note?: ReactNode
}

/**
 * A dashboard panel: a titled region with optional actions and a maximise control, and beside
 * the title how fresh the data is (from the app's FreshnessContext). Maximised,
 * the panel fills the window over the others; the same button or Esc restores it. Esc goes to
 * an open detail drawer or dialog first: while one is open, Esc closes that and the panel stays.
 */
export function Panel({ name, title, subtitle, actions, children, className, busy = false, note }: PanelProps) {
  const headingId = `panel-${name}-title`
  const [maximised, setMaximised] = useState(false)
  const sectionRef = useRef<HTMLElement>(null)
  useEffect(() => {
    if (!maximised) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return
      // The DOM still shows what was open when the key went down, whichever handler ran first.
      const busy = document.querySelector('[aria-modal="true"]') ?? sectionRef.current?.querySelector('.detail')
      if (!busy) setMaximised(false)
    }
    window.addEventListener('keydown', onKey)
    document.documentElement.classList.add('has-maximised-panel')
    return () => {
      window.removeEventListener('keydown', onKey)
      document.documentElement.classList.remove('has-maximised-panel')
    }
  }, [maximised])
  return (
    <section
      ref={sectionRef}
      className={`panel${maximised ? ' panel--maximised' : ''}${className ? ` ${className}` : ''}`}
      id={panelElementId(name)}
      data-panel={name}
      data-testid={`panel-${name}`}
      data-maximised={maximised || undefined}
      aria-labelledby={headingId}
      aria-busy={busy || undefined}
    >
      <header className="panel__header">
        <div className="panel__titles">
          <div className="panel__title-row">
            <h2 id={headingId} className="panel__title">
              {title}
            </h2>
            <PanelQueryTime name={name} />
          </div>
          {subtitle && <p className="panel__subtitle">{subtitle}</p>}
        </div>
        <div className="panel__actions">
          {actions}
          <button
            type="button"
            className="icon-button panel__maximise"
            data-testid={`maximise-${name}`}
            aria-pressed={maximised}
            aria-label={maximised ? `Restore ${title}` : `Maximise ${title}`}
            title={maximised ? 'Restore (Esc)' : 'Maximise this panel'}
            onClick={() => setMaximised((m) => !m)}
          >
            <span aria-hidden="true">{maximised ? '⤡' : '⤢'}</span>
          </button>
        </div>
      </header>
      {note}
      <div className={`panel__body${busy ? ' panel__body--stale' : ''}`}>{children}</div>
    </section>
  )
}
