import { Component, type ErrorInfo, type ReactNode } from 'react'

interface PanelBoundaryProps {
  /** The panel's name, for the message ("The map failed"). */
  readonly title: string
  readonly children: ReactNode
}

interface PanelBoundaryState {
  readonly error: Error | null
}

/**
 * Keeps a failing panel from taking the dashboard down: the panel shows its error and a retry
 * button, and the other panels keep working.
 */
export class PanelBoundary extends Component<PanelBoundaryProps, PanelBoundaryState> {
  override state: PanelBoundaryState = { error: null }

  static getDerivedStateFromError(error: unknown): PanelBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`${this.props.title} panel failed`, error, info.componentStack)
  }

  override render(): ReactNode {
    const { error } = this.state
    if (error === null) return this.props.children
    return (
      <section className="panel panel--failed" role="alert" data-testid="panel-error">
        <div className="empty-state">
          <p className="empty-state__title">{this.props.title} could not be drawn</p>
          <p className="muted">{error.message}</p>
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            Retry
          </button>
        </div>
      </section>
    )
  }
}
