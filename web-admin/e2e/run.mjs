// @ts-check
/**
 * Browser test of the built web admin against a running backend with the demo accounts
 * (WebAdminBrowserIT starts one over a small demo city and runs this script):
 *
 *   node e2e/run.mjs --base http://127.0.0.1:8080 --out target/screenshots
 *
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core: no browser is downloaded.
 * Steps build on each other and stop at the first failure, which leaves failure-<n>.png in --out.
 * Synchronisation is by Playwright's waiting for elements, URLs and responses, never by sleeping.
 * Exit code 0 only when every step passed and no page threw an uncaught exception.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { adminJourney } from './admin.mjs'
import { E2eRun } from './harness.mjs'
import { supervisorJourney } from './supervisor.mjs'
import { workerJourney } from './worker.mjs'

const PASSWORD = 'Demo@2026'
// Without the networking flags Chromium keeps calling home, which on a closed network is noise and delay.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    out: { type: 'string', default: 'target/screenshots' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    fixtures: { type: 'string' },
  },
})
if (!values.base) {
  console.error('usage: node e2e/run.mjs --base http://127.0.0.1:PORT [--out DIR] [--chromium PATH] [--fixtures FILE]')
  process.exit(2)
}
const out = resolve(values.out ?? 'target/screenshots')
mkdirSync(out, { recursive: true })
// Pictures of an earlier run (a failure-<n>.png above all) must not pass for this run's.
for (const file of readdirSync(out).filter((name) => name.endsWith('.png'))) {
  rmSync(join(out, file))
}

// launch() gives the browser a fresh temporary profile (user-data-dir) and removes it on close.
const browser = await chromium.launch({ executablePath: values.chromium, args: CHROMIUM_ARGS })
const run = new E2eRun(browser, values.base.replace(/\/$/, ''), out)
/** @type {import('./supervisor.mjs').Fixtures | null} made by WebAdminBrowserIT; without them those steps are skipped, and said so */
const fixtures = values.fixtures ? JSON.parse(readFileSync(values.fixtures, 'utf8')) : null
try {
  await adminJourney(run, PASSWORD, fixtures)
  await supervisorJourney(run, PASSWORD, fixtures)
  await workerJourney(run, PASSWORD)
} catch {
  // reported by run.step()
} finally {
  await browser.close()
}
for (const error of run.pageErrors) {
  console.log(`not ok - uncaught exception in the page: ${error}`)
  run.failed += 1
}
console.log(`${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`)
process.exit(run.failed === 0 && run.passed > 0 ? 0 : 1)
