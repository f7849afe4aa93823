import { useRef } from 'react'
import { formatPartialDate } from '../../../domain/dates.ts'
import type { ThreatEvent } from '../../../domain/model.ts'
import { isRemovedUpstream, REMOVED_UPSTREAM_TAG } from '../../../domain/removed-upstream.ts'
import { lookupCountry } from '../../../domain/regions.ts'
import { regionName, selectCustomRegions } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { LevelBadge } from '../../../ui/level-badge.tsx'
import { SafeLink } from '../../../ui/safe-link.tsx'
import { useDismiss } from '../../../ui/use-dismiss.ts'

interface EventDetailProps {
  readonly event: ThreatEvent
  readonly onClose: () => void
}

function Section({ title, children }: { readonly title: string; readonly children: React.ReactNode }) {
  return (
    <section className="detail__section">
      <h4>{title}</h4>
      {children}
    </section>
  )
}

/** Everything known about one event. Text from data is rendered as text, never as HTML. */
export function EventDetail({ event, onClose }: EventDetailProps) {
  const custom = useWatchfloor(selectCustomRegions)
  const closeRef = useRef<HTMLButtonElement>(null)
  useDismiss(onClose, closeRef)
  const removed = isRemovedUpstream(event)
  // Said once, in the meta line above, with what it means.
  const tags = removed ? event.tags.filter((t) => t !== REMOVED_UPSTREAM_TAG) : event.tags
  const dateText = event.endDate
    ? `${formatPartialDate(event.date)} – ${formatPartialDate(event.endDate)}`
    : formatPartialDate(event.date)
  return (
    <div className="detail" role="dialog" aria-modal="false" aria-labelledby="event-detail-title" data-testid="event-detail">
      <header className="detail__header">
        <LevelBadge level={event.threatLevel} withLabel />
        <h3 id="event-detail-title">{event.title}</h3>
        <button ref={closeRef} type="button" className="icon-button" aria-label="Close event detail" onClick={onClose}>
          ×
        </button>
      </header>
      <p className="detail__meta">
        <span>{dateText}</span>
        {event.date.precision === 'year' || event.date.precision === 'month' ? (
          <span className="tag tag--muted" title="The source gives this date only to the month or year">
            {event.date.precision} precision
          </span>
        ) : null}
        {event.sourceLevel !== undefined && (
          <span className="tag tag--muted" title="The level as the source stated it">
            source level: {String(event.sourceLevel)}
          </span>
        )}
        {event.category && <span className="tag">{event.category}</span>}
        {removed && (
          <span className="tag tag--removed" data-testid="detail-removed-upstream" title="A newer export of this ACLED dataset no longer has this event, though it covers its country and date: ACLED may have deleted it">
            removed upstream
          </span>
        )}
      </p>
      {event.summary && <p>{event.summary}</p>}
      {event.assessment && (
        <Section title="Assessment">
          <p>{event.assessment}</p>
        </Section>
      )}
      {event.actors.length > 0 && (
        <Section title="Actors">
          <ul className="detail__list">
            {event.actors.map((a, i) => (
              <li key={`${a.name}-${i}`}>
                <strong>{a.name}</strong>
                {a.role && <span> — {a.role}</span>}
                <span className="muted">
                  {' '}
                  ({a.type}
                  {a.country ? `, ${lookupCountry(a.country)?.name ?? a.country}` : ''})
                </span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Where">
        <p>
          {[
            ...event.countries.map((c) => lookupCountry(c)?.name ?? c),
            ...event.regions.map((r) => regionName(r, custom)),
          ].join(' · ') || 'Not stated'}
          {event.location?.name && <span className="muted"> — {event.location.name}</span>}
        </p>
      </Section>
      {event.involvedCountries && event.involvedCountries.length > 0 && (
        <Section title="Also involved">
          <p>
            {event.involvedCountries.map((c) => lookupCountry(c)?.name ?? c).join(' · ')}
            <span className="muted"> — not counted as where it happened</span>
          </p>
        </Section>
      )}
      {event.sectors.length > 0 && (
        <Section title="Sectors">
          <p>{event.sectors.join(', ')}</p>
        </Section>
      )}
      {event.quotes.length > 0 && (
        <Section title="Quotes">
          {event.quotes.map((q, i) => (
            <blockquote key={i}>
              <p>“{q.text}”</p>
              <footer>— {q.speaker}</footer>
            </blockquote>
          ))}
        </Section>
      )}
      {event.impacts.length > 0 && (
        <Section title="Implications">
          <ul className="detail__list">
            {event.impacts.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </Section>
      )}
      {event.sources.length > 0 && (
        <Section title="Sources">
          <ul className="detail__list">
            {event.sources.map((s, i) => (
              <li key={i}>
                <SafeLink href={s.url}>{s.name}</SafeLink>
                {s.date && <span className="muted"> ({s.date})</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {tags.length > 0 && (
        <p className="detail__tags">
          {tags.map((t) => (
            <span key={t} className="tag tag--muted">
              {t}
            </span>
          ))}
        </p>
      )}
    </div>
  )
}
