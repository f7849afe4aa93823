import { useEffect, useMemo, useRef, useState } from 'react'
import { lookupCountry, lookupRegion } from '../../../domain/regions.ts'
import { regionName, selectCubeKept, selectCubePending, selectCustomRegions, selectHasFilters } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { FailedPart } from '../../../ui/failed-part.tsx'
import { formatCount, formatDay } from '../../../ui/format.ts'
import { activePreset, presetRange, TIME_PRESETS } from '../utils/time-presets.ts'
import { LevelToggles } from './level-toggles.tsx'

const SEARCH_DEBOUNCE_MS = 200

function TimePresets() {
  const range = useWatchfloor((s) => s.filter.timeRange)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const setTimeRange = useWatchfloor((s) => s.setTimeRange)
  const active = activePreset(range, asOfMs)
  return (
    <div className="segmented" role="group" aria-label="Time range">
      {TIME_PRESETS.map((p) => (
        <button
          key={p.id}
          type="button"
          aria-pressed={active?.id === p.id}
          onClick={() => setTimeRange(presetRange(p, asOfMs))}
          title={p.days === null ? 'All dates' : `The ${p.days} days before the as-of date`}
        >
          {p.label}
        </button>
      ))}
      {range && !active && (
        <span className="segmented__custom" title="Custom time range">
          {formatDay(range.fromMs)} – {formatDay(range.toMs - 1)}
        </span>
      )}
    </div>
  )
}

function RegionPicker() {
  const regions = useWatchfloor((s) => s.views.regions)
  const custom = useWatchfloor(selectCustomRegions)
  const selected = useWatchfloor((s) => s.filter.regions)
  const toggleRegion = useWatchfloor((s) => s.toggleRegion)
  // A warehouse's search whose cube is still coming (or failed): the regions listed are those of
  // the answer before, and their counts are not this search's, so none is shown.
  const counting = useWatchfloor(selectCubePending)
  const unknown = useWatchfloor(selectCubeKept)
  // Sorted by name once per set of regions (a collation per pair costs more than the counts change).
  const byName = useMemo(
    () => regions.values.map((id, code) => ({ id, code, name: regionName(id, custom) })).sort((a, b) => a.name.localeCompare(b.name)),
    [custom, regions.values],
  )
  const options = useMemo(
    () =>
      byName
        .map((o) => ({ ...o, count: regions.counts[o.code] ?? 0 }))
        .filter((o) => o.count > 0 || selected.includes(o.id)),
    [byName, regions.counts, selected],
  )
  return (
    <label className="field">
      <span className="field__label">Region</span>
      <select
        value=""
        aria-busy={counting || undefined}
        onChange={(e) => {
          if (e.target.value) toggleRegion(e.target.value)
        }}
      >
        <option value="">Add region…</option>
        {options.map((o) => (
          <option key={o.id} value={o.id} disabled={selected.includes(o.id)}>
            {o.name} ({unknown ? (counting ? 'counting…' : 'not counted') : formatCount(o.count)})
          </option>
        ))}
      </select>
    </label>
  )
}

function ActorPicker() {
  const actors = useWatchfloor((s) => s.views.actors)
  // A warehouse's early answer to a search brings the actors later: the field is busy meanwhile.
  const pending = useWatchfloor((s) => s.views.actorsPending === true)
  // When they could not be fetched, the field says why and offers a retry; the names before stay suggested.
  const failed = useWatchfloor((s) => s.views.actorsError ?? null)
  const retryRemote = useWatchfloor((s) => s.retryRemote)
  const selected = useWatchfloor((s) => s.filter.actors)
  const setActors = useWatchfloor((s) => s.setActors)
  const [draft, setDraft] = useState('')
  // Suggestions are made while the field has focus: their order follows the counts, and keeping
  // them up to date on every filter change would rebuild a few hundred options each time.
  const [focused, setFocused] = useState(false)
  const top = useMemo(() => {
    if (!focused) return []
    const codes = actors.values.map((_, code) => code).filter((code) => (actors.counts[code] ?? 0) > 0)
    codes.sort((a, b) => actors.counts[b]! - actors.counts[a]!)
    return codes.slice(0, 200).map((code) => actors.values[code]!)
  }, [actors, focused])
  const add = (): void => {
    const name = draft.trim()
    const known = actors.values.includes(name) ? name : actors.values.find((v) => v.toLowerCase() === name.toLowerCase())
    // While the actors are still coming, a name not known yet stays in the field.
    if (!known && pending) return
    if (known && !selected.includes(known)) setActors([...selected, known])
    setDraft('')
  }
  return (
    <form
      className="field"
      onSubmit={(e) => {
        e.preventDefault()
        add()
      }}
    >
      <label className="field__label" htmlFor="actor-input">
        Actor
      </label>
      <input
        id="actor-input"
        list="actor-options"
        value={draft}
        placeholder="Add actor…"
        aria-busy={pending || undefined}
        aria-invalid={failed !== null || undefined}
        aria-describedby={failed !== null ? 'actor-failed' : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false)
          if (draft) add()
        }}
      />
      <datalist id="actor-options">
        {top.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {failed !== null && (
        <FailedPart id="actor-failed" className="field__error" what="The actors" reason={failed} kept={actors.values.length > 0} onRetry={retryRemote} testId="actors-failed" />
      )}
    </form>
  )
}

function SearchBox() {
  const applied = useWatchfloor((s) => s.filter.text)
  // A search asked of the worker that keeps the titles shows its text while it is under way.
  const titleSearch = useWatchfloor((s) => s.titleSearch)
  const text = titleSearch?.text ?? applied
  const setText = useWatchfloor((s) => s.setText)
  const [draft, setDraft] = useState(text)
  const [seenText, setSeenText] = useState(text)
  const timer = useRef<number | undefined>(undefined)
  if (text !== seenText) {
    // The filter changed elsewhere (clear all, URL): show it.
    setSeenText(text)
    setDraft(text)
  }
  useEffect(() => () => window.clearTimeout(timer.current), [])
  const busy = titleSearch !== null && titleSearch.failed === null
  return (
    <label className="field field--grow">
      <span className="field__label">
        Search
        {busy && (
          <span className="field__note" data-testid="filter-text-busy" role="status">
            {' '}
            searching titles…
          </span>
        )}
      </span>
      <input
        type="search"
        value={draft}
        placeholder="Title, actor or category"
        data-testid="filter-text"
        aria-busy={busy}
        aria-invalid={titleSearch?.failed ? true : undefined}
        onChange={(e) => {
          const value = e.target.value
          setDraft(value)
          window.clearTimeout(timer.current)
          timer.current = window.setTimeout(() => setText(value), SEARCH_DEBOUNCE_MS)
        }}
      />
      {titleSearch?.failed && (
        <span className="field__error" data-testid="filter-text-failed" role="alert">
          The titles could not be searched: {titleSearch.failed}
        </span>
      )}
    </label>
  )
}

function ActiveFilters() {
  const filter = useWatchfloor((s) => s.filter)
  const custom = useWatchfloor(selectCustomRegions)
  const hasFilters = useWatchfloor(selectHasFilters)
  const { toggleRegion, toggleCountry, setActors, setTimeRange, setText, clearFilters } = useWatchfloor.getState()
  if (!hasFilters) return null
  // A place id that names nothing (a mistyped link) matches no event: the chip says so.
  const chip = (key: string, label: string, onRemove: () => void, unknown?: string) => {
    const shown = unknown ? `${label} (unknown ${unknown})` : label
    return (
      <li key={key} className={unknown ? 'chip chip--unknown' : 'chip'} title={unknown ? `No ${unknown} has this id, so no event matches it` : undefined}>
        <span>{shown}</span>
        <button type="button" aria-label={`Remove filter ${shown}`} onClick={onRemove}>
          ×
        </button>
      </li>
    )
  }
  return (
    <div className="active-filters">
      <ul aria-label="Active filters">
        {filter.timeRange &&
          chip('time', `${formatDay(filter.timeRange.fromMs)} – ${formatDay(filter.timeRange.toMs - 1)}`, () =>
            setTimeRange(null),
          )}
        {filter.regions.map((r) => chip(`r-${r}`, regionName(r, custom), () => toggleRegion(r), lookupRegion(r, custom) ? undefined : 'region'))}
        {filter.countries.map((c) => chip(`c-${c}`, lookupCountry(c)?.name ?? c, () => toggleCountry(c), lookupCountry(c) ? undefined : 'country'))}
        {filter.actors.map((a) => chip(`a-${a}`, a, () => setActors(filter.actors.filter((x) => x !== a))))}
        {filter.text.trim() && chip('q', `“${filter.text.trim()}”`, () => setText(''))}
      </ul>
      <button type="button" className="link-button" data-testid="clear-filters" onClick={clearFilters}>
        Clear all
      </button>
    </div>
  )
}

/** The filter bar: time presets, region, actor, levels and text, with the active filters as chips. */
export function FilterBar() {
  return (
    <div className="filter-bar" role="search" aria-label="Filters">
      <div className="filter-bar__row">
        <TimePresets />
        <RegionPicker />
        <ActorPicker />
        <SearchBox />
      </div>
      <div className="filter-bar__row">
        <LevelToggles />
        <ActiveFilters />
      </div>
    </div>
  )
}
