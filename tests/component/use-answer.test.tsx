import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useAnswer } from '../../src/ui/use-answer.ts'

interface Asked {
  readonly key: string
  readonly signal: AbortSignal
  answer(value: string): Promise<void>
  fail(error: Error): Promise<void>
}

/** A hook under test asking through `asks`, each answered when the test says. */
function render(initial: string) {
  const asks: Asked[] = []
  const ask = (key: string) => (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      asks.push({ key, signal, answer: (v) => act(async () => resolve(v)), fail: (e) => act(async () => reject(e)) })
    })
  const hook = renderHook(({ key }) => useAnswer(key, ask(key)), { initialProps: { key: initial } })
  return { asks, hook }
}

describe('useAnswer', () => {
  it('is busy until the answer comes, then gives it', async () => {
    const { asks, hook } = render('a')
    expect(hook.result.current).toEqual({ state: 'busy' })
    await asks[0]!.answer('event a')
    expect(hook.result.current).toEqual({ state: 'done', value: 'event a' })
  })

  it('never gives an answer to an earlier key, even when it comes after the current one', async () => {
    const { asks, hook } = render('a')
    hook.rerender({ key: 'b' })
    expect(asks.map((a) => a.key)).toEqual(['a', 'b'])
    expect(asks[0]!.signal.aborted).toBe(true)
    await asks[1]!.answer('event b')
    expect(hook.result.current).toEqual({ state: 'done', value: 'event b' })
    await asks[0]!.answer('event a')
    expect(hook.result.current).toEqual({ state: 'done', value: 'event b' })
  })

  it('is busy again from the very render the key changes in, not showing the last answer', async () => {
    const { asks, hook } = render('a')
    await asks[0]!.answer('event a')
    hook.rerender({ key: 'b' })
    expect(hook.result.current).toEqual({ state: 'busy' })
    await asks[1]!.answer('event b')
    expect(hook.result.current).toEqual({ state: 'done', value: 'event b' })
  })

  it('says why an answer failed, and ignores an abort', async () => {
    const { asks, hook } = render('a')
    await asks[0]!.fail(new Error('worker gone'))
    expect(hook.result.current).toEqual({ state: 'failed', message: 'worker gone' })
    hook.rerender({ key: 'b' })
    await asks[1]!.fail(Object.assign(new Error('aborted'), { name: 'AbortError' }))
    expect(hook.result.current).toEqual({ state: 'busy' })
  })
})
