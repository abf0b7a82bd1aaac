/**
 * The quality table: one row for the whole platform, then one per department source, each metric
 * judged against the target (≥ 90 %). A rate the server could not compute yet (nothing counted) is
 * neither met nor missed: it is shown as unknown, never as a pass.
 */
import { METRICS, type Metric, type QualityMetrics, type Rate, type Rates } from './api'

export type Verdict = 'met' | 'missed' | 'unknown'

export interface MetricCell extends Rate {
  verdict: Verdict
}

export interface MetricRow {
  /** 'overall' or the source's name. */
  key: string
  title: string
  department: string | null
  rows: number | null
  cells: Record<Metric, MetricCell>
  missed: number
}

export function verdict(rate: number | null | undefined, target: number): Verdict {
  if (rate === null || rate === undefined) {
    return 'unknown'
  }
  return rate >= target ? 'met' : 'missed'
}

function row(key: string, title: string, department: string | null, rates: Rates, target: number): MetricRow {
  const cells = {} as Record<Metric, MetricCell>
  let missed = 0
  for (const metric of METRICS) {
    const r: Rate = rates[metric] ?? { rate: null, part: 0, whole: 0 }
    const v = verdict(r.rate, target)
    cells[metric] = { ...r, verdict: v }
    missed += v === 'missed' ? 1 : 0
  }
  return { key, title, department, rows: rates.rows ?? null, cells, missed }
}

export function metricRows(metrics: QualityMetrics, overallTitle: string): MetricRow[] {
  return [
    row('overall', overallTitle, null, metrics.overall, metrics.target),
    ...metrics.sources.map((s) => row(s.source, s.title, s.department, s, metrics.target)),
  ]
}
