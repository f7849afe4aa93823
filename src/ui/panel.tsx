import type { ReactNode } from 'react'

interface PanelProps {
  /** The panel's short name: `timeline`, `map`, `gauges`, `events` (test ids derive from it). */
  readonly name: string
  readonly title: string
  /** A line under the title: what the panel shows and how fresh it is. */
  readonly subtitle?: ReactNode
  readonly actions?: ReactNode
  readonly children: ReactNode
  readonly className?: string
}

/** A dashboard panel: a titled region with optional actions. */
export function Panel({ name, title, subtitle, actions, children, className }: PanelProps) {
  const headingId = `panel-${name}-title`
  return (
    <section
      className={`panel${className ? ` ${className}` : ''}`}
      data-testid={`panel-${name}`}
      aria-labelledby={headingId}
    >
      <header className="panel__header">
        <div className="panel__titles">
          <h2 id={headingId} className="panel__title">
            {title}
          </h2>
          {subtitle && <p className="panel__subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="panel__actions">{actions}</div>}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  )
}
