// @ts-check
/**
 * The supervisor's journey: find a person by ID number and see the masked portrait, the graph, approve
 * a device enrollment, verify a field record's receipt in the browser, read the quality metrics and
 * resolve a merge review; then the worker is refused a person outside the grid, and the administrator
 * sees those reads in the audit log.
 */
import { apiAs, personOutsideWorkerGrid } from './api.mjs'
import { at, fieldError, menuItem, signIn, waitForApi } from './helpers.mjs'

/**
 * @typedef {import('./harness.mjs').E2eRun} E2eRun
 * @typedef {{ pendingDevice: string, recordId: string, reviewCandidate: number, distinctCandidate: number, photoRecordId: string,
 *   proposalRecordId: string, taskHouseId: string, houseVisitRecordId: string, rejectDevice: string, revokeDevice: string,
 *   workOrderId: number, outsideHouseAddress: string, enterpriseCode: string, enterpriseName: string, enterpriseBatch: number }} Fixtures
 */

/**
 * @param {E2eRun} run
 * @param {string} password the demo accounts' password
 * @param {Fixtures | null} fixtures
 */
export async function supervisorJourney(run, password, fixtures) {
  const person = await personOutsideWorkerGrid(run.base, password)
  const page = await run.newPage('supervisor')
  /** @type {{ id: string, label?: string, kind?: string, creditCode?: string, hop: number }[]} the graph's first answer */
  let firstHop = []

  await run.step('the supervisor finds a person by ID number; the list is masked', async () => {
    await page.goto(`${run.base}/people`)
    await signIn(page, { username: 'supervisor', password })
    await at(page, '/people')
    await page.getByTestId('person-query').fill(person.idNumber)
    const searched = waitForApi(page, 'GET', '/api/v1/persons')
    await page.getByRole('button', { name: '查询', exact: true }).click()
    const answer = await (await searched).json()
    if (answer.items.length !== 1 || answer.items[0].id !== person.id) {
      throw new Error(`expected exactly person ${person.id}, got ${JSON.stringify(answer.items)}`)
    }
    const row = page.getByTestId('person-results').locator('tbody tr')
    await row.getByText(answer.items[0].idNumber).waitFor()
    if (!answer.items[0].idNumber.includes('*') || !answer.items[0].name.includes('*')) {
      throw new Error(`expected a masked name and ID number for browsing, got ${JSON.stringify(answer.items[0])}`)
    }
    if ((await row.textContent())?.includes(person.idNumber)) {
      throw new Error('the clear ID number is on the page while browsing')
    }
    await run.screenshot(page, 'people-search')
  })

  await run.step('the portrait is masked for browsing and names the source of each field', async () => {
    const portrait = waitForApi(page, 'GET', `/api/v1/persons/by-id/${person.id}`)
    await page.getByTestId('person-results').locator('tbody tr').first().click()
    await at(page, `/people/persons/${person.id}`)
    const body = await (await portrait).json()
    await page.getByTestId('portrait-id-number').getByText(body.person.idNumber, { exact: true }).waitFor()
    if (!body.person.idNumber.includes('*') || body.disclosure.clear.length !== 0) {
      throw new Error(`expected everything masked for browsing, got ${JSON.stringify(body.disclosure)} ${body.person.idNumber}`)
    }
    await page.getByTestId('disclosure').getByText('所有敏感字段均已脱敏').waitFor()
    const table = page.getByTestId('provenance-table')
    await table.getByText('身份证号', { exact: true }).waitFor()
    const source = Object.values(body.provenance)[0]
    if (source) {
      await table.getByText(String(/** @type {{ source: string }} */ (source).source)).first().waitFor()
    }
    await run.screenshot(page, 'person-portrait')
  })

  await run.step('for identity verification the supervisor sees the ID number in clear, and the read says so', async () => {
    const portrait = waitForApi(page, 'GET', `/api/v1/persons/by-id/${person.id}`)
    await page.getByTestId('purpose-select').click()
    await page.getByRole('option', { name: '身份核验' }).click()
    await at(page, `/people/persons/${person.id}`, { purpose: 'verification' })
    if ((await portrait).status() !== 200) {
      throw new Error(`portrait for verification: ${(await portrait).status()}`)
    }
    await page.getByTestId('portrait-id-number').getByText(person.idNumber, { exact: true }).waitFor()
    await page.getByTestId('disclosure').getByText('用途「身份核验」下明文显示').waitFor()
  })

  await run.step('the person–enterprise graph loads the first hop around the person', async () => {
    const graph = waitForApi(page, 'GET', '/api/v1/graph/neighbourhood')
    await page.getByRole('tab', { name: '人企关系图' }).click()
    const answer = await graph
    if (answer.status() !== 200) {
      throw new Error(`neighbourhood: ${answer.status()} ${await answer.text()}`)
    }
    const body = await answer.json()
    firstHop = body.nodes
    await page.getByTestId('graph-stats').getByText(`${body.nodes.length} 个节点，${body.edges.length} 条关系`).waitFor()
    await page.getByTestId('party-graph').locator('canvas').first().waitFor()
    await run.screenshot(page, 'person-graph')
  })

  await run.step('a neighbour of the person is expanded one hop further', async () => {
    const graph = page.getByTestId('party-graph')
    const neighbour = firstHop.find((node) => node.hop === 1)
    if (!neighbour) {
      throw new Error(`the person has no neighbour in the graph: ${JSON.stringify(firstHop)}`)
    }
    await graph.getByTestId('graph-node-select').click()
    await page.getByRole('option', { name: neighbour.label ?? neighbour.id, exact: true }).first().click()
    await graph.getByRole('heading', { name: neighbour.label ?? neighbour.id }).waitFor()
    const expanded = waitForApi(page, 'GET', '/api/v1/graph/neighbourhood')
    await graph.getByTestId('graph-expand').click()
    const answer = await expanded
    const query = new URL(answer.url()).searchParams
    const around = query.get('person') ?? query.get('enterprise')
    if (answer.status() !== 200 || query.get('hops') !== '1' || around === String(person.id)) {
      throw new Error(`expected one hop around the neighbour, got ${answer.status()} ${answer.url()}`)
    }
    await graph.getByTestId('graph-expand').getByText('已展开').waitFor()
    await run.screenshot(page, 'person-graph-expanded')
  })

  await run.step("the neighbour's portrait opens from the graph (an enterprise's lists its representative, shareholders and executives)", async () => {
    const neighbour = firstHop.find((node) => node.hop === 1)
    const graph = page.getByTestId('party-graph')
    // Waiting starts before the click: the portrait's answer can arrive before the URL check returns.
    const portrait = neighbour?.kind === 'enterprise' && neighbour.creditCode
      ? waitForApi(page, 'GET', `/api/v1/enterprises/${neighbour.creditCode}`)
      : null
    await graph.getByRole('button', { name: '打开画像' }).click()
    if (portrait && neighbour?.creditCode) {
      await at(page, `/people/enterprises/${neighbour.creditCode}`, { purpose: 'verification' })
      const body = await (await portrait).json()
      await page.getByTestId('enterprise-name').getByText(body.enterprise.name).waitFor()
      await page.getByRole('tab', { name: '法人、股东与高管' }).click()
      const people = page.getByTestId('enterprise-people')
      const first = body.legalRepresentative ?? body.shareholders[0] ?? body.executives[0]
      if (first) {
        await people.getByText(first.idNumber).first().waitFor()
      }
      await run.screenshot(page, 'enterprise-portrait')
    } else {
      await page.waitForURL((url) => url.pathname.startsWith('/people/persons/') && url.pathname !== `/people/persons/${person.id}`)
      await page.getByTestId('provenance-table').waitFor()
    }
    await page.goBack()
    await at(page, `/people/persons/${person.id}`, { purpose: 'verification' })
  })

  if (!fixtures) {
    for (const name of ['find a person by name', 'find a house by address', 'find an enterprise by name with its provenance', 'approve a device enrollment', 'reject an enrollment and revoke a device', 'filter records by grid and date', 'open a field record from the list and verify its receipt', 'a record photo thumbnail and point', 'open the original photo', 'click a grid on the map', 'click a house on the map', 'dispatch and close a task', 'accept a proposed edit', 'resolve a merge review', 'keep a review apart', 'quality issues and work orders']) {
      run.skip(name, 'no --fixtures (WebAdminBrowserIT makes them)')
    }
  } else {
    await searchSteps(run, page, fixtures, person, password)
    await fixtureSteps(run, page, fixtures, password)
  }

  await run.step('the data quality metrics are shown against the 90% target', async () => {
    const metrics = waitForApi(page, 'GET', '/api/v1/governance/metrics')
    await menuItem(page, '数据质量').click()
    await at(page, '/quality')
    if ((await metrics).status() !== 200) {
      throw new Error(`metrics: ${(await metrics).status()}`)
    }
    await page.getByTestId('metrics-table').getByText('全平台').waitFor()
    await page.getByTestId('quality-summary').waitFor()
    await run.screenshot(page, 'quality-metrics')
  })
  // The next users sign in in the same browser context: its cache already holds the app, so the server
  // is not asked to compress every asset again for each of them.
  await signOut(page)
  const worker = page
  await run.step('a grid worker is refused a person outside the grid, by search and by address', async () => {
    await worker.goto(`${run.base}/people?q=${person.idNumber}`)
    await signIn(worker, { username: 'worker', password })
    await at(worker, '/people', { q: person.idNumber })
    await worker.getByTestId('person-results').getByText('在您的管辖范围内没有找到匹配的人员').waitFor()
    const refused = waitForApi(worker, 'GET', `/api/v1/persons/by-id/${person.id}`)
    await worker.goto(`${run.base}/people/persons/${person.id}`)
    const response = await refused
    const problem = await response.json()
    if (response.status() !== 404 && response.status() !== 403) {
      throw new Error(`expected the worker to be refused, got ${response.status()} ${JSON.stringify(problem)}`)
    }
    await worker.getByRole('alert').filter({ hasText: problem.title }).waitFor()
    if ((await worker.getByTestId('provenance-table').count()) !== 0) {
      throw new Error('a refused portrait still shows data')
    }
    await run.screenshot(worker, 'worker-refused')
  })
  await signOut(worker)
  const admin = page
  await run.step("the administrator filters the audit log through its form and sees the supervisor's reads of that person", async () => {
    const unfiltered = waitForApi(admin, 'GET', '/api/v1/audit/data-access')
    await admin.goto(`${run.base}/audit`)
    await signIn(admin, { username: 'admin', password })
    await at(admin, '/audit')
    await unfiltered
    // A person id that is not a number is refused in place, without asking the server.
    await admin.getByTestId('audit-person').fill(person.idNumber.slice(0, 6) + 'X')
    await admin.getByRole('button', { name: '筛选' }).click()
    await admin.getByText('人员编号应为数字（不是身份证号）').waitFor()
    await admin.getByTestId('audit-person').fill(String(person.id))
    await admin.getByTestId('audit-username').fill('supervisor')
    const log = waitForApi(admin, 'GET', '/api/v1/audit/data-access')
    await admin.getByRole('button', { name: '筛选' }).click()
    await at(admin, '/audit', { personId: String(person.id), username: 'supervisor' })
    const answer = await log
    const asked = new URL(answer.url()).searchParams
    if (asked.get('personId') !== String(person.id) || asked.get('username') !== 'supervisor') {
      throw new Error(`the filter did not reach the server: ${answer.url()}`)
    }
    const body = await answer.json()
    const purposes = new Set(body.items.map((/** @type {{ purpose: string }} */ e) => e.purpose))
    if (!purposes.has('browse') || !purposes.has('verification')
      || body.items.some((/** @type {{ username: string, subjectId: number }} */ e) => e.username !== 'supervisor' || Number(e.subjectId) !== person.id)) {
      throw new Error(`expected only the supervisor's browse and verification reads of ${person.id}, got ${JSON.stringify(body.items)}`)
    }
    await admin.getByTestId('audit-table').getByText('身份核验').first().waitFor()
    await run.screenshot(admin, 'audit')
  })
  await page.context().close()
}

/**
 * Signs out through the user menu and waits for the sign-in page.
 * @param {import('playwright-core').Page} page
 */
async function signOut(page) {
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: '退出登录' }).click()
  await page.getByRole('heading', { name: 'CityGrid 城市网格化管理' }).waitFor()
}

/**
 * @param {E2eRun} run
 * @param {import('playwright-core').Page} page signed in as the supervisor
 * @param {Fixtures} fixtures
 * @param {string} password the demo accounts' password
 */
async function fixtureSteps(run, page, fixtures, password) {
  const supervisorApi = await apiAs(run.base, 'supervisor', password)
  const workerGrid = (await (await apiAs(run.base, 'worker', password))('/api/v1/me')).scope[0]
  await run.step('the supervisor approves a pending device enrollment', async () => {
    await menuItem(page, '设备').click()
    await at(page, '/devices')
    const row = page.getByTestId('devices-table').locator('tbody tr', { hasText: fixtures.pendingDevice })
    await row.waitFor()
    const approved = waitForApi(page, 'POST', `/api/v1/devices/${fixtures.pendingDevice}/approve`)
    await row.getByRole('button', { name: '批准' }).click()
    const answer = await approved
    if (answer.status() !== 200 || (await answer.json()).status !== 'approved') {
      throw new Error(`approve: ${answer.status()} ${await answer.text()}`)
    }
    await page.getByText(`已批准设备 ${fixtures.pendingDevice}，证书已签发`).waitFor()
    await row.waitFor({ state: 'detached' })
    await run.screenshot(page, 'devices')
  })

  await run.step('the supervisor rejects an enrollment and revokes an approved device, each with a reason', async () => {
    const pending = page.getByTestId('devices-table').locator('tbody tr', { hasText: fixtures.rejectDevice })
    await pending.getByRole('button', { name: '拒绝' }).click()
    const prompt = page.getByRole('dialog', { name: '拒绝设备登记' })
    const rejected = waitForApi(page, 'POST', `/api/v1/devices/${fixtures.rejectDevice}/reject`)
    await prompt.getByRole('textbox').fill('浏览器测试：来历不明的手机')
    await prompt.getByRole('button', { name: '拒绝' }).click()
    const refusal = await rejected
    if (refusal.status() !== 200 || (await refusal.json()).status !== 'rejected') {
      throw new Error(`reject: ${refusal.status()} ${await refusal.text()}`)
    }
    await pending.waitFor({ state: 'detached' })
    await page.getByRole('tab', { name: '已拒绝' }).click()
    await at(page, '/devices', { status: 'rejected' })
    await page.getByTestId('devices-table').locator('tbody tr', { hasText: fixtures.rejectDevice }).getByText('浏览器测试：来历不明的手机').waitFor()

    await page.getByRole('tab', { name: '已批准' }).click()
    await at(page, '/devices', { status: 'approved' })
    const approved = page.getByTestId('devices-table').locator('tbody tr', { hasText: fixtures.revokeDevice })
    await approved.getByRole('button', { name: '吊销' }).click()
    const confirm = page.getByRole('dialog', { name: '吊销设备' })
    const revoked = waitForApi(page, 'POST', `/api/v1/devices/${fixtures.revokeDevice}/revoke`)
    await confirm.getByRole('textbox').fill('浏览器测试：手机遗失')
    await confirm.getByRole('button', { name: '吊销' }).click()
    const revocation = await revoked
    if (revocation.status() !== 200 || (await revocation.json()).status !== 'revoked') {
      throw new Error(`revoke: ${revocation.status()} ${await revocation.text()}`)
    }
    await approved.waitFor({ state: 'detached' })
    await page.getByRole('tab', { name: '已吊销' }).click()
    await page.getByTestId('devices-table').locator('tbody tr', { hasText: fixtures.revokeDevice }).getByText('已吊销').waitFor()
  })

  await run.step('the record list shows the fixture records; one opens from the list and its receipt verifies in the browser', async () => {
    const list = waitForApi(page, 'GET', '/api/v1/records')
    await menuItem(page, '现场记录').click()
    await at(page, '/records')
    const body = await (await list).json()
    const ids = body.items.map((/** @type {{ recordId: string }} */ r) => r.recordId)
    if (!ids.includes(fixtures.recordId) || !ids.includes(fixtures.photoRecordId)) {
      throw new Error(`the fixture records are not on the first page: ${JSON.stringify(ids)}`)
    }
    await page.getByText(`共 ${body.total} 条`).waitFor()
    await run.screenshot(page, 'records')
    // A grid that is not a code: the server's field error lands under the grid filter.
    const refused = waitForApi(page, 'GET', '/api/v1/records')
    await page.getByTestId('filter-grid').fill('福田')
    await page.getByTestId('record-filters').getByRole('button', { name: '查询' }).click()
    const problem = await (await refused).json()
    const gridError = problem.errors?.find((/** @type {{ field: string }} */ e) => e.field === 'grid')
    if (!gridError) {
      throw new Error(`expected a grid field error, got ${JSON.stringify(problem)}`)
    }
    await fieldError(page.getByTestId('record-filters'), '网格').getByText(gridError.message).waitFor()
    await page.getByTestId('filter-grid').fill('')
    // The same filter from the form: only household visits by the worker.
    const filtered = waitForApi(page, 'GET', '/api/v1/records')
    await page.getByTestId('filter-worker').fill('worker')
    await page.getByTestId('filter-form').click()
    await page.getByRole('option', { name: 'household-visit', exact: true }).click()
    await page.getByTestId('record-filters').getByRole('button', { name: '查询' }).click()
    await at(page, '/records', { worker: 'worker', form: 'household-visit' })
    const only = await (await filtered).json()
    if (only.items.some((/** @type {{ formId: string }} */ r) => r.formId !== 'household-visit') || only.items.length === 0) {
      throw new Error(`filtered list: ${JSON.stringify(only.items)}`)
    }
    await page.getByTestId(`record-link-${fixtures.recordId}`).click()
    await at(page, `/records/${fixtures.recordId}`)
    const summary = page.getByTestId('record-summary')
    await summary.waitFor()
    // The signature the server checked on arrival and the device that made it, as the API says.
    const detail = await supervisorApi(`/api/v1/records/${fixtures.recordId}`)
    await summary.getByTestId('record-signature').getByText(detail.keyId, { exact: false }).waitFor()
    await summary.getByText(detail.deviceId, { exact: false }).first().waitFor()
    await summary.getByText(detail.deviceStatus, { exact: true }).first().waitFor()
    await page.getByTestId('record-anchoring').getByText('已写入存证日志', { exact: false }).waitFor()
    await page.getByTestId('verify-receipt').click()
    await page.getByTestId('verify-verdict').getByText('核验通过').waitFor({ timeout: 30_000 })
    await run.screenshot(page, 'record-verified')
  })

  await run.step('the record list is filtered by grid and by capture date through the form', async () => {
    await page.goto(`${run.base}/records`)
    const filters = page.getByTestId('record-filters')
    /** @param {Record<string, string>} query @returns {Promise<{ total: number, items: { recordId: string }[] }>} */
    const search = async (query) => {
      const listed = waitForApi(page, 'GET', '/api/v1/records')
      await filters.getByRole('button', { name: '查询' }).click()
      await at(page, '/records', query)
      return (await listed).json()
    }
    const ids = (/** @type {{ items: { recordId: string }[] }} */ body) => body.items.map((r) => r.recordId)
    await page.getByTestId('filter-grid').fill(workerGrid)
    const inGrid = await search({ grid: workerGrid })
    if (!ids(inGrid).includes(fixtures.recordId)) {
      throw new Error(`the worker's record is not listed under the worker's grid ${workerGrid}: ${JSON.stringify(ids(inGrid))}`)
    }
    await page.getByTestId(`record-link-${fixtures.recordId}`).waitFor()
    // A district nobody here works in (Beijing Dongcheng): nothing.
    await page.getByTestId('filter-grid').fill('110101')
    const elsewhere = await search({ grid: '110101' })
    if (elsewhere.total !== 0) {
      throw new Error(`records listed for 110101: ${JSON.stringify(ids(elsewhere))}`)
    }
    await page.getByTestId('records-table').getByText('没有符合条件的记录').waitFor()
    await page.getByTestId('filter-grid').fill('')
    // Today in Beijing, typed into the date range: the records made today; a day in 2020: none.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    /** @param {string} from @param {string} to */
    const days = async (from, to) => {
      await page.getByPlaceholder('开始日期').fill(from)
      await page.getByPlaceholder('结束日期').fill(to)
      await page.getByPlaceholder('结束日期').press('Enter')
      return search({ from, to })
    }
    const todays = await days(today, today)
    if (!ids(todays).includes(fixtures.recordId)) {
      throw new Error(`today's records (${today}) lack the fixture record: ${JSON.stringify(ids(todays))}`)
    }
    const old = await days('2020-01-01', '2020-01-02')
    if (old.total !== 0) {
      throw new Error(`records listed for January 2020: ${JSON.stringify(ids(old))}`)
    }
    await page.getByTestId('records-table').getByText('没有符合条件的记录').waitFor()
  })

  await run.step("a synced event report shows its photo thumbnail, point and masked answers", async () => {
    await page.goto(`${run.base}/records`)
    const detail = waitForApi(page, 'GET', `/api/v1/records/${fixtures.photoRecordId}`)
    const thumb = waitForApi(page, 'GET', `/api/v1/records/${fixtures.photoRecordId}/attachments/`)
    await page.getByTestId(`record-link-${fixtures.photoRecordId}`).click()
    const record = await (await detail).json()
    const image = await thumb
    if (image.status() !== 200 || image.headers()['content-type'] !== 'image/jpeg') {
      throw new Error(`thumbnail: ${image.status()} ${image.headers()['content-type']}`)
    }
    const img = page.getByTestId('record-thumbnail').locator('img')
    await img.waitFor()
    // Decoded, and the 256 px thumbnail (its longer side), not a broken image.
    await img.evaluate((el) => /** @type {HTMLImageElement} */ (el).decode())
    const size = await img.evaluate((el) => {
      const image = /** @type {HTMLImageElement} */ (el)
      return Math.max(image.naturalWidth, image.naturalHeight)
    })
    if (size !== 256) {
      throw new Error(`the thumbnail is ${size} px`)
    }
    if (!record.location) {
      throw new Error(`the event report has no point: ${JSON.stringify(record)}`)
    }
    await page.getByTestId('record-point').getByText(record.location[0].toFixed(6), { exact: false }).waitFor()
    await page.getByTestId('record-answers').getByText('井盖缺失', { exact: false }).waitFor()
    await page.getByTestId('record-map').locator('canvas').waitFor()
    await page.getByTestId('record-photos').scrollIntoViewIfNeeded()
    await run.screenshot(page, 'record-photo')
  })

  await run.step('the original photo opens from the object store: in the viewer, and in a new tab through its five-minute link', async () => {
    const linked = page.waitForResponse((r) => r.url().includes(`/api/v1/records/${fixtures.photoRecordId}/attachments/`) && r.url().includes('size=original'))
    await page.getByTestId('record-original').first().click()
    const answer = await linked
    const link = await answer.json()
    if (answer.status() !== 200 || typeof link.url !== 'string' || !link.expiresAt) {
      throw new Error(`original link: ${answer.status()} ${JSON.stringify(link)}`)
    }
    // The viewer shows the store's URL itself: an <img> needs no token and no CORS.
    const img = page.locator(`.el-image-viewer__wrapper img[src="${link.url}"]`)
    await img.waitFor()
    const width = await img.evaluate(async (el) => {
      const image = /** @type {HTMLImageElement} */ (el)
      await image.decode()
      return image.naturalWidth
    })
    if (width !== 640) {
      throw new Error(`the original is ${width} px wide, not the 640 px photo`)
    }
    await run.screenshot(page, 'record-original')
    await page.keyboard.press('Escape')
    await img.waitFor({ state: 'detached' })
    const served = page.context().waitForEvent('response', (r) => r.url() === link.url)
    const popup = page.context().waitForEvent('page')
    await page.getByTestId('record-original-link').first().click()
    const response = await served
    if (response.status() !== 200 || response.headers()['content-type'] !== 'image/jpeg') {
      throw new Error(`the new tab got ${response.status()} ${response.headers()['content-type']}`)
    }
    await (await popup).close()
  })

  await mapSteps(run, page, fixtures, password)

  await run.step('the supervisor dispatches a task: a missing target is marked on its field, then it is created and closed', async () => {
    await menuItem(page, '任务').click()
    await at(page, '/tasks')
    await page.getByTestId('task-new').click()
    const dialog = page.getByTestId('task-dialog')
    await dialog.getByTestId('task-title').fill('浏览器测试：核实房屋面积')
    await dialog.getByTestId('task-assignee').fill('worker')
    const refused = waitForApi(page, 'POST', '/api/v1/tasks')
    await dialog.getByTestId('task-submit').click()
    const problem = await (await refused).json()
    const targetError = problem.errors?.find((/** @type {{ field: string }} */ e) => e.field === 'houseId')
    if (!targetError) {
      throw new Error(`expected a houseId error, got ${JSON.stringify(problem)}`)
    }
    await fieldError(dialog, '对象').getByText(targetError.message).waitFor()
    await dialog.getByTestId('task-target').fill(String(fixtures.taskHouseId))
    const created = waitForApi(page, 'POST', '/api/v1/tasks')
    await dialog.getByTestId('task-submit').click()
    const answer = await created
    if (answer.status() !== 201) {
      throw new Error(`create task: ${answer.status()} ${await answer.text()}`)
    }
    const task = await answer.json()
    const row = page.getByTestId('tasks-table').locator('tbody tr', { hasText: '浏览器测试：核实房屋面积' }).filter({ hasText: String(task.id) })
    await row.waitFor()
    await run.screenshot(page, 'tasks')
    const done = waitForApi(page, 'PUT', `/api/v1/tasks/${task.id}`)
    await row.getByTestId('task-done').click()
    const moved = await done
    if (moved.status() !== 200 || (await moved.json()).status !== 'done') {
      throw new Error(`close task: ${moved.status()} ${await moved.text()}`)
    }
    await row.waitFor({ state: 'detached' })
  })

  await run.step('a proposed house-area edit is accepted from the review queue', async () => {
    const queue = waitForApi(page, 'GET', '/api/v1/proposals')
    await menuItem(page, '修改建议').click()
    await at(page, '/proposals')
    const body = await (await queue).json()
    const proposal = body.items.find((/** @type {{ recordId: string }} */ p) => p.recordId === fixtures.proposalRecordId)
    if (!proposal) {
      throw new Error(`the fixture's proposal is not in the queue: ${JSON.stringify(body.items)}`)
    }
    const row = page.getByTestId('proposals-table').locator('tbody tr', { hasText: fixtures.proposalRecordId.slice(0, 10) })
    await row.getByText(proposal.value).waitFor()
    await page.getByTestId('proposals-table').locator('.el-loading-mask').waitFor({ state: 'detached' })
    await run.screenshot(page, 'proposals')
    const decided = waitForApi(page, 'POST', `/api/v1/proposals/${fixtures.proposalRecordId}/decision`)
    await row.getByTestId('proposal-accept').click()
    await page.getByRole('dialog').getByRole('button', { name: '采纳' }).click()
    const answer = await decided
    if (answer.status() !== 200 || (await answer.json()).outcome !== 'applied') {
      throw new Error(`decision: ${answer.status()} ${await answer.text()}`)
    }
    await page.getByTestId('proposal-last').getByText('已采纳', { exact: false }).waitFor()
    await row.waitFor({ state: 'detached' })
  })

  await run.step('the supervisor resolves a merge review side by side', async () => {
    const queue = waitForApi(page, 'GET', '/api/v1/governance/reviews')
    await page.goto(`${run.base}/quality?tab=reviews`)
    const body = await (await queue).json()
    const review = body.items.find((/** @type {{ candidate: { personId: number } }} */ r) => r.candidate.personId === fixtures.reviewCandidate)
    if (!review) {
      throw new Error(`the fixture's review is not in the queue: ${JSON.stringify(body.items)}`)
    }
    const card = page.getByTestId(`review-${review.id}`)
    await card.getByText('一致').first().waitFor()
    await run.screenshot(page, 'quality-review')
    const decided = waitForApi(page, 'POST', `/api/v1/governance/reviews/${review.id}/decision`)
    await card.getByTestId('review-merge').click()
    await page.getByRole('dialog').getByRole('button', { name: '是同一人，合并' }).click()
    const answer = await decided
    if (answer.status() !== 200 || (await answer.json()).decision !== 'merge') {
      throw new Error(`decision: ${answer.status()} ${await answer.text()}`)
    }
    await page.getByTestId('last-decision').getByText(`并入 #${fixtures.reviewCandidate}`).waitFor()
    await card.waitFor({ state: 'detached' })
  })

  await run.step('the supervisor keeps another review apart ("not the same person"); both records stay', async () => {
    const queue = waitForApi(page, 'GET', '/api/v1/governance/reviews')
    await page.reload()
    const body = await (await queue).json()
    const review = body.items.find((/** @type {{ candidate: { personId: number } }} */ r) => r.candidate.personId === fixtures.distinctCandidate)
    if (!review) {
      throw new Error(`the second fixture review is not in the queue: ${JSON.stringify(body.items)}`)
    }
    const card = page.getByTestId(`review-${review.id}`)
    const decided = waitForApi(page, 'POST', `/api/v1/governance/reviews/${review.id}/decision`)
    await card.getByTestId('review-distinct').click()
    await page.getByRole('dialog').getByRole('button', { name: '不是同一人' }).click()
    const answer = await decided
    if (answer.status() !== 200 || (await answer.json()).decision !== 'distinct') {
      throw new Error(`decision: ${answer.status()} ${await answer.text()}`)
    }
    await page.getByTestId('last-decision').getByText(`比对 #${review.id}：两条记录都已保留。`).waitFor()
    await card.waitFor({ state: 'detached' })
    // Both persons are still there (the new record has no address in anyone's grid: the administrator reads it).
    const adminApi = await apiAs(run.base, 'admin', password)
    for (const id of [fixtures.distinctCandidate, review.newRecord.personId]) {
      await adminApi(`/api/v1/persons/by-id/${id}?purpose=data-correction`)
    }
  })

  await run.step("the import's issues are listed; its work order shows state and due date and moves to in progress", async () => {
    const issues = waitForApi(page, 'GET', '/api/v1/governance/issues')
    await page.getByRole('tab', { name: '质量问题' }).click()
    await at(page, '/quality', { tab: 'issues' })
    if ((await issues).status() !== 200) {
      throw new Error(`issues: ${(await issues).status()}`)
    }
    const filtered = waitForApi(page, 'GET', '/api/v1/governance/issues')
    await page.getByPlaceholder('规则').fill('completeness.required')
    await page.getByRole('button', { name: '筛选' }).click()
    await at(page, '/quality', { tab: 'issues', rule: 'completeness.required' })
    const list = await (await filtered).json()
    if (list.items.length === 0 || list.items.some((/** @type {{ rule: string }} */ i) => i.rule !== 'completeness.required')) {
      throw new Error(`filtered issues: ${JSON.stringify(list.items)}`)
    }
    const first = list.items[0]
    const issueRow = page.getByTestId('issues-table').locator('tbody tr', { hasText: first.message }).first()
    await issueRow.getByText('未解决').waitFor()

    const orders = waitForApi(page, 'GET', '/api/v1/governance/work-orders')
    await page.getByRole('tab', { name: '整改工单' }).click()
    const order = (await (await orders).json()).items.find((/** @type {{ id: number }} */ o) => o.id === fixtures.workOrderId)
    if (!order || order.status !== 'open') {
      throw new Error(`the fixture's work order is not open in the list: ${JSON.stringify(order)}`)
    }
    const row = page.getByTestId('orders-table').locator('tbody tr', { hasText: order.title })
    await row.getByText('待处理').waitFor()
    const due = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(order.dueAt))
    await row.getByText(due).waitFor()
    await run.screenshot(page, 'quality-orders')
    const moved = waitForApi(page, 'POST', `/api/v1/governance/work-orders/${order.id}/status`)
    await row.getByRole('button', { name: '开始处理' }).click()
    const dialog = page.getByRole('dialog', { name: '工单流转' })
    await dialog.getByRole('textbox').fill('浏览器测试：已联系公安')
    await dialog.getByRole('button', { name: '开始处理' }).click()
    const answer = await moved
    if (answer.status() !== 200 || (await answer.json()).status !== 'in_progress') {
      throw new Error(`move: ${answer.status()} ${await answer.text()}`)
    }
    await row.getByText('处理中').waitFor()
    await row.getByText('浏览器测试：已联系公安').waitFor()
    await row.getByRole('button', { name: '标记已整改' }).waitFor()
  })
}

/**
 * Houses by address, enterprises by name and persons by name, from the people page's tabs.
 * @param {E2eRun} run
 * @param {import('playwright-core').Page} page signed in as the supervisor
 * @param {Fixtures} fixtures
 * @param {{ id: number, name: string }} person
 * @param {string} password
 */
async function searchSteps(run, page, fixtures, person, password) {
  const supervisor = await apiAs(run.base, 'supervisor', password)
  const house = await supervisor(`/api/v1/houses/${fixtures.taskHouseId}`)

  await run.step('the supervisor finds a person by the start of their name; the list is masked', async () => {
    await menuItem(page, '人口/房屋/企业').click()
    await at(page, '/people')
    await page.getByTestId('person-query').fill(person.name)
    const searched = waitForApi(page, 'GET', '/api/v1/persons')
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await at(page, '/people', { q: person.name })
    const answer = await (await searched).json()
    const hit = answer.items.find((/** @type {{ id: number }} */ p) => p.id === person.id)
    if (!hit || !hit.name.includes('*')) {
      throw new Error(`expected person ${person.id}, masked, among ${JSON.stringify(answer.items)}`)
    }
    await page.getByTestId('person-results').locator('tbody tr', { hasText: hit.idNumber }).waitFor()
    if ((await page.getByTestId('person-results').textContent())?.includes(person.name)) {
      throw new Error('the clear name is on the page while browsing')
    }
  })

  await run.step('the supervisor finds a house by its address; it opens with its residents masked and its visits', async () => {
    await page.getByRole('tab', { name: '房屋/地址' }).click()
    await at(page, '/people', { kind: 'houses' })
    await page.getByTestId('houses-query').fill(house.address)
    const searched = waitForApi(page, 'GET', '/api/v1/houses')
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await at(page, '/people', { kind: 'houses', q: house.address })
    const answer = await (await searched).json()
    const hit = answer.items.find((/** @type {{ id: number }} */ h) => h.id === Number(fixtures.taskHouseId))
    if (!hit || hit.residents < 1) {
      throw new Error(`expected house ${fixtures.taskHouseId} with residents among ${JSON.stringify(answer.items)}`)
    }
    const detail = waitForApi(page, 'GET', `/api/v1/houses/${fixtures.taskHouseId}`)
    await page.getByTestId('houses-results').locator('tbody tr', { hasText: house.address }).first().click()
    await at(page, `/people/houses/${fixtures.taskHouseId}`)
    const body = await (await detail).json()
    const panel = page.getByTestId('house-panel')
    await panel.getByTestId('house-summary').getByText(house.address).waitFor()
    for (const r of body.residents) {
      if (!r.idNumber.includes('*')) {
        throw new Error(`a resident's ID number in clear while browsing: ${JSON.stringify(r)}`)
      }
      await panel.getByTestId('house-residents').getByText(r.idNumber, { exact: true }).first().waitFor()
    }
    await panel.getByTestId('house-visits').getByText('household-visit').first().waitFor()
    await run.screenshot(page, 'house-search')
  })

  await run.step('the supervisor finds an enterprise by part of its name; the portrait names the batch and row of each registered fact', async () => {
    await page.goto(`${run.base}/people?kind=enterprises`)
    const part = fixtures.enterpriseName.slice(1)
    await page.getByTestId('enterprises-query').fill(part)
    const searched = waitForApi(page, 'GET', '/api/v1/enterprises')
    await page.getByRole('button', { name: '查询', exact: true }).click()
    const answer = await (await searched).json()
    if (!answer.items.some((/** @type {{ creditCode: string }} */ e) => e.creditCode === fixtures.enterpriseCode)) {
      throw new Error(`expected ${fixtures.enterpriseCode} among ${JSON.stringify(answer.items)}`)
    }
    const portrait = waitForApi(page, 'GET', `/api/v1/enterprises/${fixtures.enterpriseCode}`)
    await page.getByTestId('enterprises-results').locator('tbody tr', { hasText: fixtures.enterpriseCode }).click()
    await at(page, `/people/enterprises/${fixtures.enterpriseCode}`)
    const body = await (await portrait).json()
    const industry = body.provenance?.industry
    if (!industry || industry.source !== 'shichang_registry' || industry.batch !== fixtures.enterpriseBatch || industry.row !== 1) {
      throw new Error(`expected the industry from 市场监管 batch ${fixtures.enterpriseBatch} row 1, got ${JSON.stringify(body.provenance)}`)
    }
    const table = page.getByTestId('enterprise-provenance')
    const row = table.locator('tbody tr', { hasText: '所属行业' })
    await row.getByText('科技推广和应用服务业').waitFor()
    await row.getByText(`shichang_registry · 批次 ${fixtures.enterpriseBatch} 第 1 行`).waitFor()
    await run.screenshot(page, 'enterprise-provenance')
  })
}

/**
 * The city map opened at a point (`?lon&lat&zoom`) and clicked in its centre once the map stands still:
 * the point is then exactly under the pointer, whatever the screen.
 * @param {import('playwright-core').Page} page
 * @param {{ lon: number, lat: number }} at
 * @param {number} zoom
 * @param {string} base
 */
async function clickMapAt(page, at, zoom, base) {
  await page.goto(`${base}/map?lon=${at.lon}&lat=${at.lat}&zoom=${zoom}`)
  const canvas = page.getByTestId('map').locator('canvas.maplibregl-canvas')
  await page.locator('[data-testid="map"][data-idle="true"]').waitFor({ timeout: 30_000 })
  const box = await canvas.boundingBox()
  if (!box) {
    throw new Error('the map canvas has no size')
  }
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } })
}

/**
 * @param {E2eRun} run
 * @param {import('playwright-core').Page} page signed in as the supervisor
 * @param {Fixtures} fixtures
 * @param {string} password
 */
async function mapSteps(run, page, fixtures, password) {
  // Where the fixture house is and what its grid holds, from the API (a logged read of its residents).
  const supervisor = await apiAs(run.base, 'supervisor', password)
  const house = await supervisor(`/api/v1/houses/${fixtures.taskHouseId}`)
  const grid = await supervisor(`/api/v1/geo/grids/${house.gridCode}`)

  await run.step("the supervisor clicks a grid on the map and sees its statistics and its grid worker", async () => {
    const answer = waitForApi(page, 'GET', `/api/v1/geo/grids/${house.gridCode}`)
    // At zoom 15 houses are clusters: the click goes through them to the grid around.
    await clickMapAt(page, house, 15, run.base)
    if ((await answer).status() !== 200) {
      throw new Error(`grid details: ${(await answer).status()}`)
    }
    const panel = page.getByTestId('grid-panel')
    await panel.getByTestId('grid-name').getByText(grid.name).waitFor()
    for (const count of ['persons', 'houses', 'enterprises', 'openEvents']) {
      await panel.getByTestId(`grid-${count}`).getByText(String(grid.stats[count]), { exact: true }).waitFor()
    }
    await panel.getByTestId('grid-workers').getByText('worker', { exact: true }).waitFor()
    await run.screenshot(page, 'map-grid')
  })

  await run.step('the supervisor clicks a house on the map and sees its residents masked and its visits', async () => {
    const answer = waitForApi(page, 'GET', `/api/v1/houses/${fixtures.taskHouseId}`)
    await clickMapAt(page, house, 18, run.base)
    // Flats of one building share a point: the map lists them to choose from.
    const choices = page.getByTestId('house-choices')
    await choices.or(page.getByTestId('house-panel')).first().waitFor()
    if (await choices.isVisible()) {
      await choices.getByTestId('house-select').click()
      await page.keyboard.type(house.address)
      await page.getByRole('option', { name: house.address, exact: true }).click()
    }
    const body = await (await answer).json()
    if (body.residents.length === 0 || body.residents.some((/** @type {{ name: string, idNumber: string }} */ r) => !r.name.includes('*') || !r.idNumber.includes('*'))) {
      throw new Error(`expected masked residents for browsing, got ${JSON.stringify(body.residents)}`)
    }
    const panel = page.getByTestId('house-panel')
    await panel.getByTestId('house-summary').getByText(house.address).waitFor()
    const residents = panel.getByTestId('house-residents')
    for (const r of body.residents) {
      await residents.getByText(r.idNumber, { exact: true }).first().waitFor()
    }
    await page.getByTestId('disclosure').getByText('所有敏感字段均已脱敏').waitFor()
    if (!body.visits.some((/** @type {{ recordId: string }} */ v) => v.recordId === fixtures.houseVisitRecordId)) {
      throw new Error(`the fixture visit is not among the house's visits: ${JSON.stringify(body.visits)}`)
    }
    await panel.getByTestId('house-visits').getByText('household-visit').first().waitFor()
    await run.screenshot(page, 'map-house')
  })

  await run.step('the map draws the synced event in its state colour; clicked, it shows its summary and links to its signed record; the toggle hides it', async () => {
    const record = await supervisor(`/api/v1/records/${fixtures.photoRecordId}`)
    const [lon, lat] = record.location
    await clickMapAt(page, { lon, lat }, 16, run.base)
    // Counted from what MapLibre rendered in view once idle, not from the tile's bytes.
    const drawn = Number(await page.getByTestId('map').getAttribute('data-events'))
    if (!(drawn >= 1)) {
      throw new Error(`expected the fixture event drawn on the map, got data-events=${drawn}`)
    }
    await page.getByTestId('events-legend').getByText('已超期').waitFor()
    const panel = page.getByTestId('event-panel')
    await panel.getByTestId('event-state').getByText('已上报', { exact: true }).waitFor()
    // The form's labels, not its codes (municipal, urgent).
    await panel.getByTestId('event-category').getByText('市政设施', { exact: true }).waitFor()
    await panel.getByTestId('event-urgency').getByText('紧急', { exact: true }).waitFor()
    // Reported just now: due in 72 h, so not overdue.
    if ((await panel.getByTestId('event-overdue').count()) !== 0) {
      throw new Error('a fresh event is shown as overdue')
    }
    await run.screenshot(page, 'map-event')
    await page.getByTestId('map-layers').getByText('事件', { exact: true }).click()
    await page.locator('[data-testid="map"][data-events="0"]').waitFor()
    await page.getByTestId('events-legend').waitFor({ state: 'detached' })
    // The event came from a signed field record: the panel links to it.
    await panel.getByTestId('event-record').click()
    await at(page, `/records/${fixtures.photoRecordId}`)
    await page.getByTestId('record-answers').getByText('浏览器测试：井盖缺失', { exact: false }).waitFor()
  })
}
