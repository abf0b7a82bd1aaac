import { api } from '@/api'

export const TASK_KINDS = ['visit', 'house-inspection', 'inspection', 'event', 'other'] as const
export type TaskKind = (typeof TASK_KINDS)[number]
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value)
}

export interface Task {
  id: number
  kind: TaskKind
  title: string
  status: TaskStatus
  /** `YYYY-MM-DD` or null. */
  due: string | null
  gridCode: string
  houseId: number | null
  placeId: number | null
  formId: string | null
  formVersion: string | null
  assignee: string
  assigneeName: string
  createdAt: string
  updatedAt: string
  /** The record that did the work, when a phone closed it. */
  doneRecordId: string | null
  address: string | null
}

/** `GET /api/v1/tasks` pages without a total: there is a next page while a page comes back full. */
export interface TaskPage {
  page: number
  size: number
  items: Task[]
}

export interface CreateTaskRequest {
  kind: TaskKind
  title: string
  assignee: string
  houseId?: string
  placeId?: string
  formId?: string
  formVersion?: string
  due?: string
}

export interface UpdateTaskRequest {
  status?: TaskStatus
  assignee?: string
}

export const tasksApi = {
  page: (status: TaskStatus | undefined, page: number, size: number) => api.get<TaskPage>('/api/v1/tasks', { status, page, size }),
  create: (request: CreateTaskRequest) => api.post<Task>('/api/v1/tasks', request),
  update: (id: number, request: UpdateTaskRequest) => api.put<Task>(`/api/v1/tasks/${id}`, request),
}
