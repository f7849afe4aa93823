import type { ReactNode } from 'react'

/** True for absolute http(s) URLs: the only links that data may make clickable. */
export function isSafeHttpUrl(url: string | undefined): url is string {
  if (!url) return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
  } catch {
    return false
  }
}

interface SafeLinkProps {
  readonly href: string | undefined
  readonly children: ReactNode
}

/** A link when `href` is http(s); otherwise the text alone (a `javascript:` URL never becomes a link). */
export function SafeLink({ href, children }: SafeLinkProps) {
  if (!isSafeHttpUrl(href)) return <span>{children}</span>
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  )
}
