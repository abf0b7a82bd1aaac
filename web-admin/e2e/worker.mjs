// @ts-check
/** The grid worker's journey: no admin pages, session expiry and recovery, English. */
import { at, menuItem, signIn, waitForApi } from './helpers.mjs'

/** @typedef {import('./harness.mjs').E2eRun} E2eRun */

/**
 * @param {E2eRun} run
 * @param {string} password the demo accounts' password
 */
export async function workerJourney(run, password) {
  const worker = await run.newPage('worker')

  await run.step('a grid worker has no Users menu entry, and /users shows a 403 notice', async () => {
    await worker.goto(`${run.base}/`)
    await signIn(worker, { username: 'worker', password: password })
    await at(worker, '/map')
    await menuItem(worker, '现场记录').waitFor()
    if ((await menuItem(worker, '用户与网格').count()) !== 0) {
      throw new Error('the Users menu entry is shown to a grid worker')
    }
    await worker.goto(`${run.base}/users`)
    const notice = worker.getByTestId('forbidden')
    await notice.getByText('403 无权访问').waitFor()
    await notice.getByText('系统管理员').waitFor()
    await run.screenshot(worker, 'forbidden')
  })

  await run.step('the city map draws our own vector tiles of the worker\'s scope with MapLibre', async () => {
    const probe = waitForApi(worker, 'GET', '/api/v1/tiles/city.json')
    const tile = worker.waitForResponse((r) => r.url().includes('/api/v1/tiles/city/') && r.url().endsWith('.mvt'))
    await menuItem(worker, '城市地图').click()
    await at(worker, '/map')
    const status = (await probe).status()
    if (status !== 200) {
      throw new Error(`GET /api/v1/tiles/city.json answered ${status}`)
    }
    const served = await tile
    if (![200, 204].includes(served.status())) {
      throw new Error(`a tile answered ${served.status()}: ${served.url()}`)
    }
    await worker.getByTestId('map').locator('canvas.maplibregl-canvas').waitFor()
    if ((await worker.getByTestId('tiles-missing').count()) !== 0) {
      throw new Error('the tiles answered, yet the page says they are missing')
    }
    await run.screenshot(worker, 'map')
  })

  await run.step('a garbled access token is refreshed silently on reload', async () => {
    await menuItem(worker, '现场记录').click()
    await at(worker, '/records')
    await worker.evaluate(() => sessionStorage.setItem('citygrid.accessToken', 'cga_garbled'))
    const refreshed = waitForApi(worker, 'POST', '/api/v1/auth/refresh')
    await worker.reload()
    if ((await refreshed).status() !== 200) {
      throw new Error(`expected the refresh to succeed, got ${(await refreshed).status()}`)
    }
    await worker.getByTestId('record-id-input').waitFor()
    await at(worker, '/records')
  })

  await run.step('a missing access token is refreshed silently on reload', async () => {
    await worker.evaluate(() => sessionStorage.removeItem('citygrid.accessToken'))
    const refreshed = waitForApi(worker, 'POST', '/api/v1/auth/refresh')
    await worker.reload()
    if ((await refreshed).status() !== 200) {
      throw new Error(`expected the refresh to succeed, got ${(await refreshed).status()}`)
    }
    await worker.getByTestId('record-id-input').waitFor()
  })

  await run.step('with both tokens garbled the worker signs in again and lands on the same page', async () => {
    await worker.evaluate(() => {
      sessionStorage.setItem('citygrid.accessToken', 'cga_garbled')
      sessionStorage.setItem('citygrid.refreshToken', 'cgr_garbled')
    })
    await worker.reload()
    await at(worker, '/sign-in', { redirect: '/records', reason: 'expired' })
    await worker.getByText('登录已过期，请重新登录').waitFor()
    await signIn(worker, { username: 'worker', password: password })
    await at(worker, '/records')
    await worker.getByTestId('record-id-input').waitFor()
  })

  await run.step('switching to English changes the labels, and server problems come back in English', async () => {
    await worker.getByText('English', { exact: true }).click()
    await menuItem(worker, 'City map').waitFor()
    await menuItem(worker, 'Field records').waitFor()
    await worker.getByRole('heading', { name: 'Field records' }).waitFor()
    await run.screenshot(worker, 'records-en')

    await worker.getByTestId('user-menu').click()
    await worker.getByRole('menuitem', { name: 'Sign out' }).click()
    await worker.getByRole('heading', { name: 'CityGrid grid operations' }).waitFor()
    const refused = waitForApi(worker, 'POST', '/api/v1/auth/login')
    await signIn(worker, { username: 'nobody', password: 'wrong-password-2' }, { username: 'Username', password: 'Password', submit: 'Sign in' })
    const problem = await (await refused).json()
    if (problem.title !== 'Wrong username or password') {
      throw new Error(`expected the English problem title, got ${JSON.stringify(problem)}`)
    }
    await worker.getByRole('alert').filter({ hasText: problem.title }).waitFor()
    await run.screenshot(worker, 'sign-in-en')
  })
  await worker.context().close()
}
