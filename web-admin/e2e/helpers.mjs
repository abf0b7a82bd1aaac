// @ts-check
/** Small helpers for e2e/run.mjs: how a user finds things on the page, in one place. */

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').Locator} Locator
 * @typedef {{ username: string, password: string, submit: string }} SignInLabels
 */

/** @type {SignInLabels} */
const CHINESE = { username: '用户名', password: '密码', submit: '登录' }

/**
 * Fills the sign-in form and submits it (the caller waits for what should follow).
 * @param {Page} page
 * @param {{ username: string, password: string }} account
 * @param {SignInLabels} labels
 */
export async function signIn(page, account, labels = CHINESE) {
  await page.getByLabel(labels.username, { exact: true }).fill(account.username)
  await page.getByLabel(labels.password, { exact: true }).fill(account.password)
  await page.getByRole('button', { name: labels.submit, exact: true }).click()
}

/**
 * An entry of the side menu.
 * @param {Page} page
 * @param {string} name
 */
export function menuItem(page, name) {
  return page.getByRole('navigation').getByRole('menuitem', { name, exact: true })
}

/**
 * The validation message under a form field, found by the field's label.
 * @param {Locator} scope
 * @param {string} label
 */
export function fieldError(scope, label) {
  return scope
    .locator('.el-form-item')
    .filter({ has: scope.page().getByText(label, { exact: true }) })
    .locator('.el-form-item__error')
}

/**
 * The next API response for a method and a path fragment; start waiting before the action.
 * @param {Page} page
 * @param {string} method
 * @param {string} pathPart
 */
export function waitForApi(page, method, pathPart) {
  return page.waitForResponse(
    (response) => response.request().method() === method && new URL(response.url()).pathname.includes(pathPart),
  )
}

/**
 * Waits until the page is at `path` with exactly these query parameters.
 * @param {Page} page
 * @param {string} path
 * @param {Record<string, string>} query
 */
export async function at(page, path, query = {}) {
  const wanted = JSON.stringify(Object.entries(query).sort())
  await page.waitForURL((url) => url.pathname === path && JSON.stringify([...url.searchParams].sort()) === wanted)
}
