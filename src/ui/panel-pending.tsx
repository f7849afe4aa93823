import './panel-pending.css'

/**
 * What a panel shows while its content for new data waits for its turn to render: an empty
 * block that fills the panel body (so nothing moves when the content arrives) and tells
 * assistive technology the panel is busy. It shows for a frame or two, so it draws nothing.
 */
export function PanelPending({ label }: { readonly label: string }) {
  return <div className="panel-pending" role="status" aria-busy="true" aria-label={label} data-testid="panel-pending" />
}
