import { splitFieldErrors, type Problem } from '@/api/problem'
import type { CreateTaskRequest, TaskKind } from './api'

export const TASK_FIELDS = ['kind', 'title', 'assignee', 'houseId', 'placeId', 'formId', 'due'] as const
export type TaskField = (typeof TASK_FIELDS)[number]

export interface TaskForm {
  kind: TaskKind
  title: string
  assignee: string
  target: 'house' | 'place'
  targetId: string
  /** `formId@version` from the form picker, or empty. */
  form: string
  due: string
}

export function emptyTaskForm(): TaskForm {
  return { kind: 'visit', title: '', assignee: '', target: 'house', targetId: '', form: '', due: '' }
}

/** The request: one of houseId or placeId, blanks left out (the server checks and explains the rest). */
export function taskRequest(form: TaskForm): CreateTaskRequest {
  const targetId = form.targetId.trim()
  const at = form.form.lastIndexOf('@')
  return {
    kind: form.kind,
    title: form.title.trim(),
    assignee: form.assignee.trim(),
    ...(targetId ? (form.target === 'house' ? { houseId: targetId } : { placeId: targetId }) : {}),
    ...(at > 0 ? { formId: form.form.slice(0, at), formVersion: form.form.slice(at + 1) } : {}),
    ...(form.due ? { due: form.due } : {}),
  }
}

/**
 * Field messages for the dispatch dialog. The server names `houseId` for "give one of houseId or
 * placeId" and either for a bad id: both land on the one target field; `formVersion` on the form.
 */
export function taskFormErrors(problem: Problem): { byField: Partial<Record<TaskField | 'target', string>>; rest: Problem | null } {
  const renamed = {
    ...problem,
    errors: problem.errors.map((e) => ({
      ...e,
      field: e.field === 'houseId' || e.field === 'placeId' ? 'target' : e.field === 'formVersion' ? 'formId' : e.field,
    })),
  }
  return splitFieldErrors(renamed, [...TASK_FIELDS, 'target'] as const)
}

/** The statuses a task may be moved to from its current one (reopen a closed or cancelled task). */
export function nextStatuses(status: string): ('open' | 'done' | 'cancelled')[] {
  return status === 'open' ? ['done', 'cancelled'] : ['open']
}
