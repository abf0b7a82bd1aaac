/** Shapes of the portrait, search and graph answers (backend portrait/ and graph/ packages). */

export interface Coded {
  code: string
  name: string
  nameEn: string
}

export interface PersonHit {
  id: number
  name: string
  idNumber: string
  gender: string | null
  birthDate: string | null
  address: string | null
}

/** GET /api/v1/houses?q=: no personal data, only how many live there. */
export interface HouseHit {
  id: number
  address: string
  gridCode: string
  usage: string | null
  areaM2: string | null
  residents: number
}

/** GET /api/v1/enterprises?q=: registration facts only. */
export interface EnterpriseHit {
  creditCode: string
  name: string
  kind: string | null
  industry: string | null
  status: string | null
  address: string | null
  gridCode: string | null
}

/** GET /api/v1/persons, /houses, /enterprises: pages that only say whether there is more (a search never counts). */
export interface SearchPage<T> {
  page: number
  size: number
  more: boolean
  items: T[]
}

export interface Provenance {
  source: string
  batch: number | null
  row: number | null
  trust: number
  at: string
  visit: boolean
}

export interface PersonPortrait {
  person: {
    id: number
    name: string
    idNumber: string
    phone: string | null
    gender: Coded | null
    birthDate: string | null
    age: number | null
    ethnicity: Coded | null
    registeredRegion: string | null
    careFlags: Coded[]
    confirmedAt: string | null
  }
  disclosure: { purpose: string; clear: string[] }
  household: {
    householdNo: string
    relation: Coded | null
    members: { personId: number; name: string; relation: Coded | null; birthYear: number | null }[]
  } | null
  residences: {
    houseId: number
    address: string
    gridCode: string
    gridName: string
    kind: string
    since: string | null
    until: string | null
    source: string | null
  }[]
  enterprises: { creditCode: string; name: string; relation: string; sharePct: number | null; title: string | null; source: string | null }[]
  visits: { recordId: string; form: string; capturedAt: string; houseId: string }[]
  issues: { id: number; rule: string; field: string | null; message: string; source: string; createdAt: string }[]
  provenance: Record<string, Provenance>
}

export interface EnterprisePerson {
  personId: number
  name: string
  idNumber: string
  relation: string
  sharePct: number | null
  title: string | null
  since: string | null
  source: string | null
}

export interface EnterprisePortrait {
  enterprise: {
    id: number
    creditCode: string
    name: string
    kind: string | null
    industry: string | null
    registeredAt: string | null
    registeredCapital: string | null
    status: string | null
    address: string | null
    gridCode: string | null
    gridName: string | null
  }
  legalRepresentative: EnterprisePerson | null
  shareholders: EnterprisePerson[]
  executives: EnterprisePerson[]
  employeeCount: number
  inspections: { recordId: string; form: string; capturedAt: string }[]
  riskTags: { code: string; reason: string }[]
  /** Per registered fact (enterprise_name, industry, …); empty for facts no import has set. */
  provenance: Record<string, Provenance>
  disclosure: { purpose: string; namesClear: boolean }
}

export interface GraphNode {
  /** "P<person id>" or "E<enterprise id>". */
  id: string
  kind?: 'person' | 'enterprise'
  label?: string
  idNumber?: string
  creditCode?: string
  gridCode?: string | null
  hop: number
}

export interface GraphEdge {
  from: string
  to: string
  /** legal_representative, shareholder, executive, employee, household */
  type: string
  sharePct: number | null
  source: string | null
}

export interface Neighbourhood {
  start: string
  hops: number
  truncated: boolean
  nodes: GraphNode[]
  edges: GraphEdge[]
}

export interface GraphPath {
  from: string
  to: string
  found: boolean
  length: number
  nodes: GraphNode[]
  edges: GraphEdge[]
}
