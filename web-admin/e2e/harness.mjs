// @ts-check
/** Steps, pages and screenshots for the browser test: numbered output, a screenshot at the failure. */
import { join } from 'node:path'

/**
 * @typedef {import('playwright-core').Browser} Browser
 * @typedef {import('playwright-core').Page} Page
 */

const VIEWPORT = { width: 1366, height: 768 }

export class E2eRun {
  /** @type {Page[]} open pages, newest last: a failure is photographed on the newest */
  #pages = []
  passed = 0
  failed = 0
  skipped = 0
  /** @type {string[]} uncaught exceptions in any page: a bug even when every step passed */
  pageErrors = []

  /**
   * @param {Browser} browser
   * @param {string} base the backend's URL, without a trailing slash
   * @param {string} out the folder for screenshots
   */
  constructor(browser, base, out) {
    this.browser = browser
    this.base = base
    this.out = out
  }

  /**
   * Runs one step; a failure is reported with a screenshot and ends the run (steps build on each other).
   * @param {string} name
   * @param {() => Promise<void>} body
   */
  async step(name, body) {
    try {
      await body()
      this.passed += 1
      console.log(`ok ${this.passed} - ${name}`)
    } catch (error) {
      this.failed += 1
      const number = this.passed + this.failed
      console.log(`not ok ${number} - ${name}`)
      console.log(String(error instanceof Error ? error.stack : error).replace(/^/gm, '    '))
      const page = this.#pages.at(-1)
      if (page) {
        const file = join(this.out, `failure-${number}.png`)
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined)
        console.log(`    screenshot: ${file}; page at ${page.url()}`)
      }
      throw error
    }
  }

  /**
   * Reports a step that could not run (TAP's SKIP), e.g. one that needs fixtures the run was not given.
   * @param {string} name
   * @param {string} why
   */
  skip(name, why) {
    this.skipped += 1
    console.log(`ok - ${name} # SKIP ${why}`)
  }

  /**
   * A page in a fresh browser context (its own cookies and sessionStorage), Chinese, 1366×768.
   * @param {string} name used in messages
   */
  async newPage(name) {
    const context = await this.browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' })
    context.setDefaultTimeout(15_000)
    const page = await context.newPage()
    page.on('pageerror', (error) => this.pageErrors.push(`[${name}] ${error.message}`))
    page.on('close', () => {
      this.#pages = this.#pages.filter((p) => p !== page)
    })
    this.#pages.push(page)
    return page
  }

  /**
   * @param {Page} page
   * @param {string} name file name without .png
   */
  async screenshot(page, name) {
    await page.screenshot({ path: join(this.out, `${name}.png`), animations: 'disabled' })
  }
}
