/**
 * Headless Chromium for e2e tests: the system Chromium driven by playwright-core (no browser
 * download). `openPage` opens a path of the preview server in a fresh context and records what
 * a test must not see: console errors, uncaught page errors and requests to other hosts
 * (which are also blocked: the app must work air-gapped).
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, expect, inject } from 'vitest'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** The Chromium to drive: $CHROMIUM_PATH, else /usr/bin/chromium. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((p): p is string => Boolean(p))
  const found = candidates.find((p) => existsSync(p))
  if (found === undefined) {
    throw new Error('Chromium not found: install it with "apt-get install -y chromium" or set CHROMIUM_PATH')
  }
  return found
}

let browser: Promise<Browser> | undefined

/** One browser per test file, launched on first use and closed after the file's tests. */
export function launchBrowser(): Promise<Browser> {
  if (browser === undefined) {
    browser = chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS })
    afterAll(async () => {
      const launched = browser
      browser = undefined
      await (await launched)?.close()
    })
  }
  return browser
}

export interface OpenedPage {
  readonly page: Page
  /** Text of `console.error` messages (and other console messages of type error). */
  readonly consoleErrors: string[]
  /** Uncaught exceptions and unhandled rejections in the page. */
  readonly pageErrors: string[]
  /** URLs of requests to any host but the preview server's (blocked, and recorded here). */
  readonly outsideRequests: string[]
  /** Closes the page's context (its storage goes with it). */
  close(): Promise<void>
}

export interface OpenPageOptions {
  readonly viewport?: { readonly width: number; readonly height: number }
  /** Default timeout for the page's actions and waits, ms. */
  readonly timeoutMs?: number
  /** Hosts (host:port) besides the preview server's that the page may reach, such as a test warehouse. */
  readonly allowHosts?: readonly string[]
}

/** `path` resolved against the preview server: `/`, `/?synthetic=1000&seed=1`. */
export function urlOf(path: string): string {
  return new URL(path, `${inject('baseUrl')}/`).href
}

/** Opens `path` of the built app in a fresh browser context and waits for the load event. */
export async function openPage(path: string, options: OpenPageOptions = {}): Promise<OpenedPage> {
  const url = urlOf(path)
  const previewHost = new URL(url).host
  const context = await (await launchBrowser()).newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    serviceWorkers: 'block',
  })
  const consoleErrors: string[] = []
  const pageErrors: string[] = []
  const outsideRequests: string[] = []
  const isOutside = (requestUrl: string | URL): boolean => {
    const { protocol, host } = typeof requestUrl === 'string' ? new URL(requestUrl) : requestUrl
    return /^(https?|wss?):$/.test(protocol) && host !== previewHost && !(options.allowHosts ?? []).includes(host)
  }
  await context.route(isOutside, (route) => route.abort('blockedbyclient'))
  const page = await context.newPage()
  page.setDefaultTimeout(options.timeoutMs ?? 15_000)
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const { url: source, lineNumber } = message.location()
      consoleErrors.push(source ? `${message.text()} (${source}:${lineNumber})` : message.text())
    }
  })
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message))
  page.on('request', (request) => {
    if (isOutside(request.url())) outsideRequests.push(request.url())
  })
  page.on('websocket', (socket) => {
    if (isOutside(socket.url())) outsideRequests.push(socket.url())
  })
  await page.goto(url, { waitUntil: 'load' })
  return { page, consoleErrors, pageErrors, outsideRequests, close: () => context.close() }
}

/**
 * Checks that a page met no script error or console error and asked nothing off the machine,
 * then closes it: what an e2e file's afterEach does with the page its test opened.
 */
export async function closeClean(opened: OpenedPage | undefined): Promise<void> {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
}
