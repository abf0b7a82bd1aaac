import { describe, expect, it } from 'vitest'
import { emptyTaskForm, nextStatuses, taskFormErrors, taskRequest } from './taskForm'

describe('taskRequest', () => {
  it('sends the house or the place, the form as id and version, and leaves blanks out', () => {
    const form = { ...emptyTaskForm(), title: ' 入户走访 ', assignee: ' worker ', targetId: ' 42 ', form: 'household-visit@2026112701', due: '2026-12-01' }
    expect(taskRequest(form)).toEqual({
      kind: 'visit',
      title: '入户走访',
      assignee: 'worker',
      houseId: '42',
      formId: 'household-visit',
      formVersion: '2026112701',
      due: '2026-12-01',
    })
    expect(taskRequest({ ...emptyTaskForm(), target: 'place', targetId: '7' })).toEqual({ kind: 'visit', title: '', assignee: '', placeId: '7' })
  })
})

describe('taskFormErrors', () => {
  it('puts houseId and placeId errors on the target field and keeps unknown ones for the alert', () => {
    const problem = {
      type: 'urn:citygrid:problem:validation',
      title: '请求有误',
      status: 422,
      errors: [
        { field: 'houseId', code: 'required', message: '请给出 houseId 或 placeId 之一' },
        { field: 'assignee', code: 'scope', message: '不负责该网格' },
        { field: 'odd', code: 'x', message: '其他' },
      ],
    }
    const { byField, rest } = taskFormErrors(problem)
    expect(byField).toEqual({ target: '请给出 houseId 或 placeId 之一', assignee: '不负责该网格' })
    expect(rest?.errors).toEqual([{ field: 'odd', code: 'x', message: '其他' }])
  })
})

describe('nextStatuses', () => {
  it('closes or cancels an open task and reopens the others', () => {
    expect(nextStatuses('open')).toEqual(['done', 'cancelled'])
    expect(nextStatuses('done')).toEqual(['open'])
    expect(nextStatuses('cancelled')).toEqual(['open'])
  })
})
