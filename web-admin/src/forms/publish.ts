import type { Problem } from '@/api/problem'

/** The form id and version an XForm declares on its instance root, to name what was published. */
export function declaredVersion(xml: string): { formId: string; version: string } | null {
  const instance = /<instance\b[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*<([\w.:-]+)\b([^>]*)>/.exec(xml)
  const attributes = instance?.[2] ?? ''
  const formId = /\sid\s*=\s*["']([^"']+)["']/.exec(attributes)?.[1]
  const version = /\sversion\s*=\s*["']([^"']+)["']/.exec(attributes)?.[1]
  return formId && version ? { formId, version } : null
}

/** The problem's field errors as `field: message` lines (XForm paths), and the problem without them for the alert. */
export function publishErrors(problem: Problem): { fields: { field: string; message: string }[]; rest: Problem } {
  return {
    fields: problem.errors.map((e) => ({ field: e.field, message: e.message })),
    rest: { ...problem, errors: [] },
  }
}
