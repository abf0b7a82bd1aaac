// @ts-check
/** The administrator's journey: sign-in errors, the forms page, the users page, a new user's password, place-code keys. */
import { apiAs } from './api.mjs'
import { formSteps } from './forms.mjs'
import { at, fieldError, menuItem, signIn, waitForApi } from './helpers.mjs'

/** @typedef {import('./harness.mjs').E2eRun} E2eRun */

/**
 * @param {E2eRun} run
 * @param {string} password the demo accounts' password
 * @param {import('./supervisor.mjs').Fixtures | null} fixtures
 */
export async function adminJourney(run, password, fixtures) {
  const newUser = `e2e-${Date.now().toString(36)}`
  const admin = await run.newPage('admin')

  await run.step('an unknown visitor is sent to sign in, and a refused sign-in shows the problem+json text', async () => {
    await admin.goto(`${run.base}/users`)
    await at(admin, '/sign-in', { redirect: '/users' })
    await admin.getByRole('heading', { name: 'CityGrid 城市网格化管理' }).waitFor()
    await run.screenshot(admin, 'sign-in')
    const refused = waitForApi(admin, 'POST', '/api/v1/auth/login')
    await signIn(admin, { username: 'nobody', password: 'wrong-password-1' })
    const response = await refused
    const problem = await response.json()
    if (response.status() !== 401 || problem.type !== 'urn:citygrid:problem:invalid-credentials') {
      throw new Error(`expected a 401 invalid-credentials problem, got ${response.status()} ${JSON.stringify(problem)}`)
    }
    const alert = admin.getByRole('alert').filter({ hasText: problem.title })
    await alert.waitFor()
    if (problem.detail) {
      await alert.getByText(problem.detail).waitFor()
    }
  })

  await run.step('admin signs in and lands on the page asked for, with every menu entry', async () => {
    const list = waitForApi(admin, 'GET', '/api/v1/users')
    await signIn(admin, { username: 'admin', password: password })
    await at(admin, '/users')
    if ((await list).status() !== 200) {
      throw new Error(`expected the user list, got ${(await list).status()}`)
    }
    for (const entry of ['城市地图', '人口/房屋/企业', '现场记录', '任务', '修改建议', '设备', '二维码密钥', '表单', '数据质量', '审计', '用户与网格']) {
      await menuItem(admin, entry).waitFor()
    }
  })

  await formSteps(run, admin, password)

  await run.step('admin sees the server-paged user list', async () => {
    const list = waitForApi(admin, 'GET', '/api/v1/users')
    await menuItem(admin, '用户与网格').click()
    await at(admin, '/users')
    const page = await (await list).json()
    if (!(page.total >= 6) || page.items.length === 0) {
      throw new Error(`expected the demo accounts, got ${JSON.stringify(page)}`)
    }
    const table = admin.getByTestId('users-table')
    await table.getByRole('row').filter({ hasText: 'admin' }).first().waitFor()
    await table.getByRole('row').filter({ hasText: '部门数据专员' }).first().waitFor()
    await admin.getByText(`共 ${page.total} 条`).waitFor()
    await run.screenshot(admin, 'users')
  })

  await run.step('creating a user with a weak password shows the server message on the password field', async () => {
    await admin.getByRole('button', { name: '新建用户' }).click()
    const dialog = admin.getByRole('dialog', { name: '新建用户' })
    await dialog.getByLabel('用户名', { exact: true }).fill(newUser)
    await dialog.getByLabel('姓名', { exact: true }).fill('测试专员')
    await dialog.getByLabel('初始密码', { exact: true }).fill('short')
    await dialog.getByText('部门数据专员', { exact: true }).click()
    await dialog.getByLabel('部门', { exact: true }).fill('公安')
    const created = waitForApi(admin, 'POST', '/api/v1/users')
    await dialog.getByRole('button', { name: '保存' }).click()
    const response = await created
    const problem = await response.json()
    const message = problem.errors?.find((/** @type {{field: string}} */ e) => e.field === 'password')?.message
    if (response.status() !== 400 || !message) {
      throw new Error(`expected a 400 with a password error, got ${response.status()} ${JSON.stringify(problem)}`)
    }
    await fieldError(dialog, '初始密码').filter({ hasText: message }).waitFor()
    await run.screenshot(admin, 'users-field-error')
  })

  await run.step('with a proper password the user is created and shown on the last page', async () => {
    const dialog = admin.getByRole('dialog', { name: '新建用户' })
    await dialog.getByLabel('初始密码', { exact: true }).fill('Passw0rd-e2e')
    const created = waitForApi(admin, 'POST', '/api/v1/users')
    await dialog.getByRole('button', { name: '保存' }).click()
    const response = await created
    if (response.status() !== 201) {
      throw new Error(`expected 201, got ${response.status()} ${await response.text()}`)
    }
    await dialog.waitFor({ state: 'hidden' })
    const row = admin.getByTestId('users-table').getByRole('row').filter({ hasText: newUser })
    await row.filter({ hasText: '已启用' }).waitFor()
    await row.filter({ hasText: '公安' }).waitFor()
  })

  await run.step('editing roles without the scope a grid worker needs shows the scope error; a valid edit saves', async () => {
    const row = admin.getByTestId('users-table').getByRole('row').filter({ hasText: newUser })
    await row.getByRole('button', { name: '编辑' }).click()
    const dialog = admin.getByRole('dialog', { name: `编辑用户：${newUser}` })
    await dialog.getByText('网格员', { exact: true }).click()
    const refused = waitForApi(admin, 'PUT', '/api/v1/users/')
    await dialog.getByRole('button', { name: '保存' }).click()
    const problem = await (await refused).json()
    const message = problem.errors?.find((/** @type {{field: string}} */ e) => e.field === 'scope')?.message
    if (!message) {
      throw new Error(`expected a scope error, got ${JSON.stringify(problem)}`)
    }
    await fieldError(dialog, '管辖范围').filter({ hasText: message }).waitFor()

    await dialog.getByText('网格员', { exact: true }).click()
    await dialog.getByLabel('部门', { exact: true }).fill('民政')
    const saved = waitForApi(admin, 'PUT', '/api/v1/users/')
    await dialog.getByRole('button', { name: '保存' }).click()
    if ((await saved).status() !== 200) {
      throw new Error(`expected 200 for the valid edit, got ${(await saved).status()}`)
    }
    await dialog.waitFor({ state: 'hidden' })
    await row.filter({ hasText: '民政' }).waitFor()
  })

  await run.step('the new user changes their password: a wrong current one is marked, then signs in again', async () => {
    const user = await run.newPage('new user')
    await user.goto(`${run.base}/`)
    await signIn(user, { username: newUser, password: 'Passw0rd-e2e' })
    await at(user, '/people')
    await user.getByTestId('user-menu').click()
    await user.getByRole('menuitem', { name: '修改密码' }).click()
    const dialog = user.getByRole('dialog', { name: '修改密码' })
    await dialog.getByLabel('当前密码', { exact: true }).fill('not-my-password-1')
    await dialog.getByLabel('新密码', { exact: true }).fill('Changed-2026')
    await dialog.getByLabel('确认新密码', { exact: true }).fill('Changed-2026')
    const refused = waitForApi(user, 'PUT', '/api/v1/me/password')
    await dialog.getByRole('button', { name: '修改' }).click()
    const problem = await (await refused).json()
    const message = problem.errors?.find((/** @type {{field: string}} */ e) => e.field === 'currentPassword')?.message
    if (!message) {
      throw new Error(`expected a currentPassword error, got ${JSON.stringify(problem)}`)
    }
    await fieldError(dialog, '当前密码').filter({ hasText: message }).waitFor()
    await run.screenshot(user, 'change-password')

    await dialog.getByLabel('当前密码', { exact: true }).fill('Passw0rd-e2e')
    await dialog.getByRole('button', { name: '修改' }).click()
    await at(user, '/sign-in', { redirect: '/people', reason: 'password-changed' })
    await user.getByText('密码已修改，请用新密码登录').waitFor()
    await signIn(user, { username: newUser, password: 'Changed-2026' })
    await at(user, '/people')
    await user.context().close()
  })

  await run.step('admin disables the new user after confirming', async () => {
    const row = admin.getByTestId('users-table').getByRole('row').filter({ hasText: newUser })
    await row.getByRole('button', { name: '停用' }).click()
    const confirm = admin.getByRole('dialog', { name: '停用用户' })
    const disabled = waitForApi(admin, 'POST', '/disable')
    await confirm.getByRole('button', { name: '停用' }).click()
    if ((await disabled).status() !== 200) {
      throw new Error(`expected 200 from disable, got ${(await disabled).status()}`)
    }
    await row.filter({ hasText: '已停用' }).getByRole('button', { name: '启用' }).waitFor()
  })

  // A grid worker attached to one grid on creation, who then sees that grid's houses and no others.
  const scoped = `${newUser}-w`
  /** @type {{ grid: string, inside: string } | null} */
  let territory = null
  if (!fixtures) {
    run.skip('create a grid worker attached to a grid', 'no --fixtures (WebAdminBrowserIT makes them)')
  } else {
    const adminApi = await apiAs(run.base, 'admin', password)
    const house = await adminApi(`/api/v1/houses/${fixtures.taskHouseId}`)
    territory = { grid: String(house.gridCode), inside: String(house.address) }
    const grid = territory.grid
    await run.step('admin creates a grid worker attached to a grid; the list shows the scope', async () => {
      await admin.getByRole('button', { name: '新建用户' }).click()
      const dialog = admin.getByRole('dialog', { name: '新建用户' })
      await dialog.getByLabel('用户名', { exact: true }).fill(scoped)
      await dialog.getByLabel('姓名', { exact: true }).fill('测试网格员')
      await dialog.getByLabel('初始密码', { exact: true }).fill('Passw0rd-e2e')
      await dialog.getByText('网格员', { exact: true }).click()
      const scope = dialog.locator('.el-form-item', { hasText: '管辖范围' }).locator('input')
      await scope.fill(grid)
      await scope.press('Enter')
      await dialog.locator('.el-tag', { hasText: grid }).waitFor()
      const created = waitForApi(admin, 'POST', '/api/v1/users')
      await dialog.getByRole('button', { name: '保存' }).click()
      const response = await created
      const body = await response.json()
      if (response.status() !== 201 || JSON.stringify(body.scope) !== JSON.stringify([grid])) {
        throw new Error(`expected 201 with scope [${grid}], got ${response.status()} ${JSON.stringify(body)}`)
      }
      await dialog.waitFor({ state: 'hidden' })
      await admin.getByTestId('users-table').getByRole('row').filter({ hasText: scoped }).filter({ hasText: grid }).waitFor()
    })
  }

  await run.step('admin adds a place-code key, then retires the old one: the table shows which key signs and which is refused', async () => {
    const listed = waitForApi(admin, 'GET', '/api/v1/placecodes/keys')
    await menuItem(admin, '二维码密钥').click()
    await at(admin, '/placecodes')
    const before = await (await listed).json()
    const old = before.find((/** @type {{signing: boolean}} */ k) => k.signing)
    if (!old) {
      throw new Error(`expected a signing key, got ${JSON.stringify(before)}`)
    }
    await admin.getByTestId(`placecode-key-state-${old.keyId}`).filter({ hasText: '签发中' }).waitFor()

    await admin.getByTestId('placecode-key-add').click()
    const added = waitForApi(admin, 'POST', '/api/v1/placecodes/keys')
    await admin.getByRole('dialog', { name: '新增二维码密钥' }).getByRole('button', { name: '新增密钥' }).click()
    const response = await added
    if (response.status() !== 201) {
      throw new Error(`expected 201 for the new key, got ${response.status()} ${await response.text()}`)
    }
    const { keyId } = await response.json()
    await admin.getByTestId(`placecode-key-state-${keyId}`).filter({ hasText: '签发中' }).waitFor()
    await admin.getByTestId(`placecode-key-state-${old.keyId}`).filter({ hasText: '仅验证旧标签' }).waitFor()

    await admin.getByTestId(`placecode-key-retire-${old.keyId}`).click()
    const retired = waitForApi(admin, 'POST', '/retire')
    await admin.getByRole('dialog', { name: '停用二维码密钥' }).getByRole('button', { name: '停用' }).click()
    if ((await retired).status() !== 204) {
      throw new Error(`expected 204 from retire, got ${(await retired).status()}`)
    }
    await admin.getByTestId(`placecode-key-state-${old.keyId}`).filter({ hasText: '已停用' }).waitFor()
    await run.screenshot(admin, 'placecode-keys')
  })

  await run.step('admin signs out', async () => {
    await admin.getByTestId('user-menu').click()
    await admin.getByRole('menuitem', { name: '退出登录' }).click()
    await at(admin, '/sign-in', { reason: 'signed-out' })
    const stored = await admin.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('citygrid.')))
    if (stored.length > 0) {
      throw new Error(`tokens left in sessionStorage after signing out: ${stored}`)
    }
  })

  if (fixtures && territory) {
    const { inside } = territory
    await run.step("the new grid worker's scope takes effect: a house of the grid is found, one outside it is not", async () => {
      const found = waitForApi(admin, 'GET', '/api/v1/houses')
      await admin.goto(`${run.base}/people?kind=houses&q=${encodeURIComponent(inside)}`)
      await signIn(admin, { username: scoped, password: 'Passw0rd-e2e' })
      await at(admin, '/people', { kind: 'houses', q: inside })
      const hits = (await (await found).json()).items
      if (!hits.some((/** @type {{ id: number }} */ h) => h.id === Number(fixtures.taskHouseId))) {
        throw new Error(`the grid's house ${fixtures.taskHouseId} is not found by its own grid worker: ${JSON.stringify(hits)}`)
      }
      await admin.getByTestId('houses-results').getByText(inside).first().waitFor()
      const refused = waitForApi(admin, 'GET', '/api/v1/houses')
      await admin.getByTestId('houses-query').fill(fixtures.outsideHouseAddress)
      await admin.getByRole('button', { name: '查询', exact: true }).click()
      const outside = await (await refused).json()
      if (outside.items.length !== 0) {
        throw new Error(`a house outside the grid was found: ${JSON.stringify(outside.items)}`)
      }
      await admin.getByTestId('houses-results').getByText('在您的管辖范围内没有找到匹配的房屋').waitFor()
    })
  }

  await admin.context().close()
}
