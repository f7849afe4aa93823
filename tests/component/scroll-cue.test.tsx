import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ScrollCueList } from '../../src/ui/scroll-cue.tsx'

/**
 * jsdom has no IntersectionObserver: this one records what is observed and lets the test say
 * which items are cut off, as the browser would in its callback after layout.
 */
class FakeIntersections {
  static last: FakeIntersections | null = null
  readonly observed = new Set<Element>()
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersections.last = this
  }
  observe(el: Element): void {
    this.observed.add(el)
  }
  unobserve(el: Element): void {
    this.observed.delete(el)
  }
  disconnect(): void {
    this.observed.clear()
  }
  /** The browser's callback: `cut` items lie partly below the box, the others inside it. */
  report(items: readonly Element[], cut: ReadonlySet<Element>): void {
    const entries = items.map((target) => ({
      target,
      rootBounds: { bottom: 100 },
      boundingClientRect: { height: 20, bottom: cut.has(target) ? 130 : 50 },
    }))
    this.callback(entries as unknown as IntersectionObserverEntry[], this as unknown as IntersectionObserver)
  }
}

function Gauges({ order }: { order: readonly string[] }) {
  return (
    <ScrollCueList itemName={['gauge', 'gauges']} className="grid" testId="list">
      {order.map((id) => (
        <div key={id} data-id={id}>
          {id}
        </div>
      ))}
    </ScrollCueList>
  )
}

const flushMutations = (): Promise<void> => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))

describe('scroll cue', () => {
  beforeEach(() => vi.stubGlobal('IntersectionObserver', FakeIntersections))
  afterEach(() => vi.unstubAllGlobals())

  it('counts the items cut off below, and keeps the count through a reordering instead of reporting a passing one', async () => {
    const { rerender } = render(<Gauges order={['a', 'b', 'c', 'd']} />)
    const io = FakeIntersections.last!
    const item = (id: string): Element => screen.getByTestId('list').querySelector(`[data-id="${id}"]`)!
    act(() => io.report(['a', 'b', 'c', 'd'].map(item), new Set([item('c'), item('d')])))
    expect(screen.getByTestId('scroll-cue')).toHaveTextContent('2 more gauges below')

    // Ranked again: "d" moves to the top. React moves its node, which the list sees as removed
    // and added; the count must not drop to 1 while the browser has not measured it again.
    const seen: string[] = []
    const watch = new MutationObserver(() => seen.push(screen.queryByTestId('scroll-cue')?.getAttribute('data-below') ?? '0'))
    watch.observe(screen.getByTestId('list').parentElement!, { subtree: true, childList: true, characterData: true, attributes: true })
    rerender(<Gauges order={['d', 'a', 'b', 'c']} />)
    await flushMutations()
    expect(screen.getByTestId('scroll-cue')).toHaveAttribute('data-below', '2')
    expect(io.observed.size).toBe(4)
    act(() => io.report(['d', 'a', 'b', 'c'].map(item), new Set([item('c')])))
    await flushMutations()
    watch.disconnect()
    expect(screen.queryByTestId('scroll-cue')).toHaveAttribute('data-below', '1')
    expect(seen.every((below) => below === '2' || below === '1')).toBe(true)
  })

  it('reports at once when items only go', async () => {
    const { rerender } = render(<Gauges order={['a', 'b', 'c']} />)
    const io = FakeIntersections.last!
    const item = (id: string): Element => screen.getByTestId('list').querySelector(`[data-id="${id}"]`)!
    act(() => io.report(['a', 'b', 'c'].map(item), new Set([item('c')])))
    expect(screen.getByTestId('scroll-cue')).toHaveTextContent('1 more gauge below')
    rerender(<Gauges order={['a', 'b']} />)
    await flushMutations()
    expect(screen.queryByTestId('scroll-cue')).toBeNull()
  })
})
