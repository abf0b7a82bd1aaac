import { h } from 'vue'
import { ElNotification } from 'element-plus'
import { ApiError, type Problem } from '@/api/problem'
import { i18n } from '@/i18n'
import ProblemDetails from './ProblemDetails.vue'

/** Any error as a problem: API errors carry one; anything else is a bug, shown without its internals. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) {
    return error.problem
  }
  const t = i18n.global.t
  return {
    type: 'urn:citygrid:client:unexpected-error',
    title: t('errors.unknownTitle'),
    status: 0,
    detail: t('errors.unknownDetail'),
    errors: [],
  }
}

/** Shows an error as a notification. Session expiry is skipped: the sign-in page explains it. */
export function notifyError(error: unknown): void {
  if (error instanceof ApiError && error.sessionExpired) {
    return
  }
  if (!(error instanceof ApiError)) {
    console.error(error)
  }
  const problem = toProblem(error)
  ElNotification({
    type: 'error',
    title: problem.title,
    message: h(ProblemDetails, { problem }),
    duration: 8000,
  })
}
