// @ts-check
/** The backend's API from the test script itself: to find what the pages should then show. */

/**
 * Signs in over the API and returns a GET that throws on anything but 200.
 * @param {string} base
 * @param {string} username
 * @param {string} password
 */
export async function apiAs(base, username, password) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (login.status !== 200) {
    throw new Error(`API sign-in of ${username}: ${login.status} ${await login.text()}`)
  }
  const { accessToken } = await login.json()
  /**
   * @param {string} path
   * @returns {Promise<any>}
   */
  return async function get(path) {
    const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${accessToken}` } })
    if (response.status !== 200) {
      throw new Error(`GET ${path} as ${username}: ${response.status} ${await response.text()}`)
    }
    return response.json()
  }
}

/**
 * A person the supervisor oversees who lives outside the worker's grid and has relations (household or
 * enterprises), with the clear ID number and name
 * (read for identity verification, which a supervisor may) and the worker's grid.
 * @param {string} base
 * @param {string} password
 */
export async function personOutsideWorkerGrid(base, password) {
  const worker = await apiAs(base, 'worker', password)
  const supervisor = await apiAs(base, 'supervisor', password)
  const workerGrid = (await worker('/api/v1/me')).scope[0]
  for (let page = 1; page <= 5; page++) {
    const found = await supervisor(`/api/v1/persons?page=${page}&size=50`)
    for (const hit of found.items) {
      const portrait = await supervisor(`/api/v1/persons/by-id/${hit.id}?purpose=verification`)
      const grids = portrait.residences.map((/** @type {{ gridCode: string }} */ r) => r.gridCode)
      // Someone with relations, so that the graph has a node to expand.
      const related = portrait.enterprises.length > 0 || (portrait.household?.members.length ?? 0) > 1
      if (related && grids.length > 0 && !grids.some((/** @type {string} */ g) => g.startsWith(workerGrid))) {
        return { id: Number(hit.id), idNumber: String(portrait.person.idNumber), name: String(portrait.person.name), workerGrid: String(workerGrid) }
      }
    }
    if (!found.more) {
      break
    }
  }
  throw new Error(`no person in the supervisor's scope lives outside the worker's grid ${workerGrid}`)
}
