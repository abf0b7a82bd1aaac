export const QUALITY_TABS = ['metrics', 'issues', 'orders', 'reviews'] as const
export type QualityTab = (typeof QUALITY_TABS)[number]

export function qualityTabOf(value: string | undefined): QualityTab {
  return (QUALITY_TABS as readonly string[]).includes(value ?? '') ? (value as QualityTab) : 'metrics'
}
