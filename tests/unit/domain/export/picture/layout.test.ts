import { describe, expect, it } from 'vitest'
import { PICTURE_COLOURS } from '../../../../../src/domain/export/picture/colours.ts'
import { drawEventsChart } from '../../../../../src/domain/export/picture/events-chart.ts'
import { gaugeGrid, type GaugeCard } from '../../../../../src/domain/export/picture/gauges-chart.ts'
import { boxAroundPoints, fitAspect, mercX, mercY, WHOLE_WORLD } from '../../../../../src/domain/export/picture/map-fit.ts'
import { estimateText, wrapText } from '../../../../../src/domain/export/picture/measure.ts'
import { presetSize, typeScale } from '../../../../../src/domain/export/picture/presets.ts'
import { axisTicks, pictureBucketUnit } from '../../../../../src/domain/export/picture/timeline-chart.ts'
import { spanWords, timelineTitle, windowWords } from '../../../../../src/domain/export/picture/titles.ts'
import type { ChartContext } from '../../../../../src/domain/export/picture/chart-context.ts'

const LEVELS = { 1: '#111111', 2: '#222222', 3: '#333333', 4: '#444444', 5: '#555555' } as const
const ctxAt = (widthPx: number, heightPx: number): ChartContext => ({
  measure: estimateText,
  type: typeScale({ widthPx, heightPx }),
  colours: PICTURE_COLOURS.light,
  levelColours: LEVELS,
  idPrefix: 't-',
})

describe('wrapText', () => {
  // estimateText: 0.56 em a character at weight 400, so 10 px text is 5.6 px a character.
  it('breaks at spaces into lines that fit, keeping every word', () => {
    expect(wrapText('alpha beta gamma', 60, 10, 400, estimateText)).toEqual(['alpha beta', 'gamma'])
  })
  it('breaks a word wider than a line between characters, never cutting it off', () => {
    const lines = wrapText('Supercalifragilistic', 30, 10, 400, estimateText)
    expect(lines.join('')).toBe('Supercalifragilistic')
    for (const line of lines) expect(estimateText(line, 10, 400)).toBeLessThanOrEqual(30)
  })
  it('never ends a line in an ellipsis', () => {
    const text = 'Data: Watchfloor sample: geopolitical flashpoints 2014–2025 (Compiled from public reporting; each event names its outlets)'
    const lines = wrapText(text, 300, 18, 400, estimateText)
    expect(lines.join(' ')).toBe(text)
    expect(lines.some((l) => l.endsWith('…'))).toBe(false)
  })
})

describe('typeScale', () => {
  it('gives a 1920 × 1080 slide titles of at least 40 px and labels of at least 18 px', () => {
    const t = typeScale(presetSize('slide-16x9'))
    expect(t.title).toBe(44)
    expect(t.label).toBe(20)
  })
  it('scales a square by the square root of its area against the slide: 1080² is 0.75 of the side', () => {
    expect(typeScale(presetSize('square')).label).toBe(15)
  })
})

describe('timeline bucketing for the width', () => {
  const span = { fromMs: Date.UTC(2014, 1, 1), toMs: Date.UTC(2025, 10, 5) }
  it('takes months for 11.8 years across a 1700 px plot (bars at least 10 px: 170 bars, 142 months)', () => {
    expect(pictureBucketUnit(span, 1700, 20)).toBe('month')
  })
  it('takes quarters for the same span on a 600 px plot (60 bars: 142 months is too many, 47 quarters fit)', () => {
    expect(pictureBucketUnit(span, 600, 20)).toBe('quarter')
  })
  it('names the title from the unit and span', () => {
    expect(timelineTitle('month', span)).toBe('Events by level, monthly, Feb 2014 – Nov 2025')
    expect(spanWords({ fromMs: Date.UTC(2025, 9, 1), toMs: Date.UTC(2025, 10, 5) })).toBe('1 Oct 2025 – 4 Nov 2025')
    expect(windowWords(30, Date.UTC(2025, 10, 5))).toBe('30 days to 4 Nov 2025')
  })
  it('axis ticks are round steps reaching the maximum', () => {
    expect(axisTicks(9.2)).toEqual([0, 2, 4, 6, 8, 10])
    expect(axisTicks(17.5)).toEqual([0, 5, 10, 15, 20])
  })
})

describe('map framing', () => {
  it('frames two points with a tenth of padding each side', () => {
    // Kyiv (30.5° E, 50.45° N) and Moscow (37.6° E, 55.75° N): 7.1° apart, under the 12° minimum.
    const box = boxAroundPoints(new Float32Array([30.5, 37.6]), new Float32Array([50.45, 55.75]))
    expect(box.x1 - box.x0).toBeCloseTo((12 / 360) * 256, 6)
    expect((box.x0 + box.x1) / 2).toBeCloseTo((mercX(30.5) + mercX(37.6)) / 2, 3)
    expect(box.y0).toBeLessThan(mercY(55.75))
    expect(box.y1).toBeGreaterThan(mercY(50.45))
  })
  it('skips points without a place, and shows the world when none has one', () => {
    expect(boxAroundPoints(new Float32Array([NaN]), new Float32Array([NaN]))).toEqual(WHOLE_WORLD)
  })
  it('grows a box to the plot’s aspect without shrinking it', () => {
    const fitted = fitAspect({ x0: 100, x1: 110, y0: 50, y1: 60 }, 200, 100)
    expect(fitted).toEqual({ x0: 95, x1: 115, y0: 50, y1: 60 })
  })
})

describe('gauge grid', () => {
  const card = (name: string): GaugeCard => ({ name, level: 4, score: 40, trend: 'rising (+3.0)', eventCount: 12 })
  it('fits eight cards whole in a short box by choosing more columns', () => {
    const ctx = ctxAt(1920, 1080)
    const box = { x: 0, y: 0, w: 1000, h: 400 }
    const grid = gaugeGrid({ cards: Array.from({ length: 8 }, (_, i) => card(`Region ${i}`)), windowDays: 30 }, box, ctx)
    expect(grid.shown).toBe(8)
    expect(grid.rows * grid.cardH + (grid.rows - 1) * 16).toBeLessThanOrEqual(box.h)
    expect(grid.cols * grid.rows).toBeGreaterThanOrEqual(8)
  })
  it('leaves out the cards that cannot fit whole rather than cutting them', () => {
    const ctx = ctxAt(1920, 1080)
    const grid = gaugeGrid({ cards: Array.from({ length: 8 }, (_, i) => card(`Region ${i}`)), windowDays: 30 }, { x: 0, y: 0, w: 300, h: 260 }, ctx)
    expect(grid.shown).toBeLessThan(8)
    expect(grid.shown).toBeGreaterThan(0)
  })
})

describe('events table', () => {
  const row = (i: number) => ({ level: 5 as const, levelText: '5 critical', date: '1 May 2024', title: `Event number ${i}`, where: 'Eastern Europe' })
  it('lists the rows that fit whole and says how many are left out', () => {
    const ctx = ctxAt(1920, 1080)
    const svg = drawEventsChart({ rows: Array.from({ length: 30 }, (_, i) => row(i)), total: 120 }, { x: 0, y: 0, w: 1200, h: 300 }, ctx)
    const listed = (svg.match(/Event number \d+/g) ?? []).length
    expect(listed).toBeGreaterThan(2)
    expect(listed).toBeLessThan(30)
    expect(svg).toContain(`and ${120 - listed} more matching events not listed`)
  })
  it('says so when no event matches', () => {
    expect(drawEventsChart({ rows: [], total: 0 }, { x: 0, y: 0, w: 800, h: 300 }, ctxAt(1920, 1080))).toContain('No events match the filters')
  })
})

describe('timelapse frames', () => {
  it('makes a frame a week from the Monday on or before the start', async () => {
    const { timelapseFrames } = await import('../../../../../src/domain/export/picture/timelapse.ts')
    // 1 Jan 2025 is a Wednesday: the first week starts on Monday 30 Dec 2024; 22 Jan falls in the fourth.
    const frames = timelapseFrames({ fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 0, 23) }, 'week')
    expect(frames.map((f) => new Date(f.fromMs).toISOString().slice(0, 10))).toEqual(['2024-12-30', '2025-01-06', '2025-01-13', '2025-01-20'])
    expect(frames[3]!.toMs).toBe(Date.UTC(2025, 0, 27))
  })
  it('defaults to the time filter within the data, else the year to the as-of', async () => {
    const { defaultTimelapseSpan } = await import('../../../../../src/domain/export/picture/timelapse.ts')
    const data = { fromMs: Date.UTC(2014, 0, 1), toMs: Date.UTC(2025, 10, 5) }
    expect(defaultTimelapseSpan({ fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2030, 0, 1) }, data, data.toMs)).toEqual({ fromMs: Date.UTC(2025, 0, 1), toMs: data.toMs })
    expect(defaultTimelapseSpan(null, data, Date.UTC(2025, 10, 5))).toEqual({ fromMs: Date.UTC(2024, 10, 5), toMs: Date.UTC(2025, 10, 5) })
  })
  it('counts an imprecise event in every frame its span overlaps', async () => {
    const { inFrame } = await import('../../../../../src/domain/export/picture/timelapse.ts')
    const may = { startMs: Date.UTC(2025, 4, 1), endMs: Date.UTC(2025, 5, 1) }
    expect(inFrame(may.startMs, may.endMs, { fromMs: Date.UTC(2025, 4, 26), toMs: Date.UTC(2025, 5, 2) })).toBe(true)
    expect(inFrame(may.startMs, may.endMs, { fromMs: Date.UTC(2025, 5, 2), toMs: Date.UTC(2025, 5, 9) })).toBe(false)
  })
})
