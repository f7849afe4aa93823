/**
 * A cheap guard, not a timed test: the loops that run once per row on every filter change
 * (src/domain/engine/local: mask.ts, view-counts.ts, row-keys.ts, day-runs.ts, matching-rows.ts, time-edges.ts, and the timeline lanes'
 * passes in lanes.ts and lane-grid.ts) must not build anything per row. A million
 * rows that each allocate an object, array, closure or string spend their time collecting
 * garbage; the typed-array design exists to avoid exactly that.
 *
 * How: the TypeScript compiler parses those files; every `for` loop over rows (its condition
 * compares against `n`, `table.size`, `mask.length`, `rows` or a count of touched or changed rows) inside the hot functions, and
 * every function that is called once per row, is searched for allocating syntax (object or
 * array literals, `new`, closures, template strings, spread) and allocating calls (slice, map,
 * toLowerCase, …). A syntax check is deterministic and independent of the machine and of GC
 * timing, unlike counting heap bytes; the first test shows it does catch an allocation.
 */
import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROW_BOUNDS = new Set(['n', 'table.size', 'mask.length', 'rows', 'rowCount', 'longTo', 'ranges[r + 1]!', 'touched.length', 'changes.length', 'matched', 'to', 'longByEnd.length', 'pass.length', 'hits.length', 'until'])
const ALLOCATING_CALLS = new Set([
  'slice', 'map', 'filter', 'concat', 'flatMap', 'toLowerCase', 'toUpperCase', 'split', 'join', 'push', 'from', 'of',
  'keys', 'entries', 'values', 'trim', 'substring', 'replace', 'padStart', 'toFixed', 'String', 'Array', 'Object', 'assign', 'fill',
])

/** What in `node` allocates, as "line: description" strings. */
function allocationsIn(node: ts.Node, source: ts.SourceFile): string[] {
  const found: string[] = []
  const at = (n: ts.Node, what: string): void => {
    found.push(`${source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1}: ${what}`)
  }
  const visit = (n: ts.Node): void => {
    if (ts.isObjectLiteralExpression(n)) at(n, 'object literal')
    else if (ts.isArrayLiteralExpression(n)) at(n, 'array literal')
    else if (ts.isNewExpression(n)) at(n, `new ${n.expression.getText(source)}`)
    else if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) at(n, 'closure')
    else if (ts.isTemplateExpression(n)) at(n, 'template string')
    else if (ts.isSpreadElement(n) || ts.isSpreadAssignment(n)) at(n, 'spread')
    else if (ts.isCallExpression(n)) {
      const callee = n.expression
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText(source)
      if (ALLOCATING_CALLS.has(name)) at(n, `call to ${name}()`)
    }
    ts.forEachChild(n, visit)
  }
  visit(node)
  return found
}

function isRowLoop(n: ts.Node, source: ts.SourceFile): n is ts.ForStatement {
  if (!ts.isForStatement(n) || n.condition === undefined || !ts.isBinaryExpression(n.condition)) return false
  return n.condition.operatorToken.kind === ts.SyntaxKind.LessThanToken && ROW_BOUNDS.has(n.condition.right.getText(source))
}

interface HotCode {
  /** Row loops found in the named functions. */
  readonly loops: number
  /** Per-row functions found. */
  readonly perRow: number
  readonly allocations: string[]
}

/**
 * Scans `functions` of a source text for row loops, and `perRowFunctions` (functions called once
 * per row, or functions returning such a closure, which is then scanned whole) for anything at all.
 */
function scan(text: string, functions: readonly string[], perRowFunctions: readonly string[] = []): HotCode {
  const source = ts.createSourceFile('hot.ts', text, ts.ScriptTarget.ES2022, true)
  let loops = 0
  let perRow = 0
  const allocations: string[] = []
  const declared = (name: string): ts.FunctionDeclaration | undefined =>
    source.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === name)
  for (const name of functions) {
    const fn = declared(name)
    if (fn === undefined) throw new Error(`no function ${name}: update the guard`)
    const visit = (n: ts.Node): void => {
      if (isRowLoop(n, source)) {
        loops++
        allocations.push(...allocationsIn(n.statement, source).map((a) => `${name} row loop, line ${a}`))
        return
      }
      ts.forEachChild(n, visit)
    }
    visit(fn)
  }
  for (const name of perRowFunctions) {
    const fn = declared(name)
    if (fn?.body === undefined) throw new Error(`no function ${name}: update the guard`)
    // A factory of a per-row closure: scan the closure it returns.
    const returned = fn.body.statements.find(ts.isReturnStatement)?.expression
    const body = returned !== undefined && ts.isArrowFunction(returned) ? returned.body : fn.body
    perRow++
    allocations.push(...allocationsIn(body, source).map((a) => `${name} (per row), line ${a}`))
  }
  return { loops, perRow, allocations }
}

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('the hot filter and view loops build nothing per row', () => {
  it('the scan catches an allocation in a row loop (so the guard can fail)', () => {
    const bad = `function computeViews(table, mask) {
      const n = table.size
      for (let row = 0; row < n; row++) { const e = { row, level: table.level[row] }; use(e) }
      for (let row = 0; row < mask.length; row++) use(table.titles[row].toLowerCase())
    }`
    const found = scan(bad, ['computeViews'])
    expect(found.loops).toBe(2)
    expect(found.allocations).toEqual(['computeViews row loop, line 3: object literal', 'computeViews row loop, line 4: call to toLowerCase()'])
    const closure = scan('function textMatcher(t, s) { return (row) => t.titles[row].toLowerCase().includes(s) }', [], ['textMatcher'])
    expect(closure.allocations).toEqual(['textMatcher (per row), line 1: call to toLowerCase()'])
  })

  it('mask.ts: every dimension’s row loop, the text bit and the rows a change flipped', () => {
    const found = scan(read('src/domain/engine/local/mask.ts'), ['updateDimension', 'setActorBit', 'setPlaceBit', 'clearBit', 'setTextBit', 'textPass', 'rewriteDimensions', 'rowsHolding', 'updateCodeDimension', 'rewriteRowBit', 'rowsFlipped', 'withLevelBit', 'setTimeBit'])
    // time, level, category in updateDimension; every dimension in one pass (with and without a time range) in rewriteDimensions; one or more each in the helpers.
    expect(found.loops).toBeGreaterThanOrEqual(14)
    expect(found.allocations).toEqual([])
  })

  it('text-search.ts: the rows of the tokens holding a needle', () => {
    const found = scan(read('src/domain/engine/local/text-search.ts'), ['titlesContaining', 'rowsOfTokensHolding'])
    expect(found.loops).toBe(1)
    expect(found.allocations).toEqual([])
  })

  it('view-counts.ts: the full pass (row by row and through the row keys) and the incremental pass', () => {
    const found = scan(read('src/domain/engine/local/view-counts.ts'), ['countsByRow', 'countsByKeys', 'mostCountNowhere', 'deltaCounts'])
    // countsByKeys has two: with a test per row and without; mostCountNowhere samples the rows.
    expect(found.loops).toBe(5)
    expect(found.allocations).toEqual([])
  })

  it('row-keys.ts: the pass that gives each row its cell', () => {
    const found = scan(read('src/domain/engine/local/row-keys.ts'), ['makeRowKeys'])
    expect(found.loops).toBe(1)
    expect(found.allocations).toEqual([])
  })

  it('day-runs.ts: the pass that cuts the rows into day runs', () => {
    const found = scan(read('src/domain/engine/local/day-runs.ts'), ['cutRuns'])
    expect(found.loops).toBe(1)
    expect(found.allocations).toEqual([])
  })

  it('matching-rows.ts: the newest-first compaction, the long rows before a time window, and the splice after a brush move', () => {
    const found = scan(read('src/domain/engine/local/matching-rows.ts'), ['compact', 'matchesInWindow', 'changedRows', 'spliceMatches'])
    expect(found.loops).toBe(4)
    expect(found.allocations).toEqual([])
  })

  it('timeline lanes: the region grid’s one pass and the actor lanes’ density pass', () => {
    const grid = scan(read('src/domain/engine/local/lane-grid.ts'), ['regionGridSlices'])
    expect(grid.loops).toBe(1)
    expect(grid.allocations).toEqual([])
    const actors = scan(read('src/domain/engine/local/lanes.ts'), ['laneDensity'])
    expect(actors.loops).toBe(1)
    expect(actors.allocations).toEqual([])
  })

  it('the passes kept per level: map bins and shading totals', () => {
    const bins = scan(read('src/domain/engine/local/level-bins.ts'), ['binByLevelSlices'])
    expect(bins.loops).toBe(1)
    expect(bins.allocations).toEqual([])
    const totals = scan(read('src/domain/engine/local/shading.ts'), ['rowsPerSet'])
    expect(totals.loops).toBe(2)
    expect(totals.allocations).toEqual([])
  })

  it('time-edges.ts: the rows near a moved time brush', () => {
    const found = scan(read('src/domain/engine/local/time-edges.ts'), ['updateTimeEdges'])
    expect(found.loops).toBe(2)
    expect(found.allocations).toEqual([])
  })
})
