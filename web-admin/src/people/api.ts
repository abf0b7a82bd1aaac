import { api } from '@/api'
import type { EnterpriseHit, EnterprisePortrait, GraphPath, HouseHit, Neighbourhood, PersonHit, PersonPortrait, SearchPage } from './types'

/** A party of the graph: a person by record id or an enterprise by credit code. */
export type Party = { person: number } | { enterprise: string }

function partyQuery(party: Party, prefix = ''): Record<string, string> {
  if ('person' in party) {
    return { [prefix ? `${prefix}Person` : 'person']: String(party.person) }
  }
  return { [prefix ? `${prefix}Enterprise` : 'enterprise']: party.enterprise }
}

export const peopleApi = {
  search: (q: string, purpose: string, page: number, size: number) =>
    api.get<SearchPage<PersonHit>>('/api/v1/persons', { q, purpose, page, size }),
  houses: (q: string, page: number, size: number) => api.get<SearchPage<HouseHit>>('/api/v1/houses', { q, page, size }),
  enterprises: (q: string, page: number, size: number) => api.get<SearchPage<EnterpriseHit>>('/api/v1/enterprises', { q, page, size }),
  person: (id: number, purpose: string) => api.get<PersonPortrait>(`/api/v1/persons/by-id/${id}`, { purpose }),
  enterprise: (creditCode: string, purpose: string) =>
    api.get<EnterprisePortrait>(`/api/v1/enterprises/${encodeURIComponent(creditCode)}`, { purpose }),
  neighbourhood: (party: Party, hops: number, purpose: string) =>
    api.get<Neighbourhood>('/api/v1/graph/neighbourhood', { ...partyQuery(party), hops, purpose }),
  path: (from: Party, to: Party, purpose: string) =>
    api.get<GraphPath>('/api/v1/graph/path', { ...partyQuery(from, 'from'), ...partyQuery(to, 'to'), purpose }),
}
