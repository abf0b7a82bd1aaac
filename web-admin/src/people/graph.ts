/**
 * The person–enterprise graph as the page grows it: the start's neighbourhood first, then one hop
 * around each node the user expands. Nodes and edges are merged by id (an edge by from, to and type),
 * so expanding twice or meeting a node again never duplicates it. Pure functions, tested alone.
 */
import type { Party } from './api'
import type { GraphEdge, GraphNode } from './types'

export interface GraphState {
  nodes: ReadonlyMap<string, GraphNode>
  edges: ReadonlyMap<string, GraphEdge>
  /** Nodes whose neighbourhood was loaded. */
  expanded: ReadonlySet<string>
  /** True once the server cut an answer at its node limit. */
  truncated: boolean
}

export const EDGE_TYPES = ['legal_representative', 'shareholder', 'executive', 'employee', 'household'] as const
export type EdgeType = (typeof EDGE_TYPES)[number]

export function isEdgeType(value: string): value is EdgeType {
  return (EDGE_TYPES as readonly string[]).includes(value)
}

export const EMPTY_GRAPH: GraphState = { nodes: new Map(), edges: new Map(), expanded: new Set(), truncated: false }

export function edgeKey(edge: GraphEdge): string {
  return `${edge.from}|${edge.to}|${edge.type}`
}

/**
 * Adds an answer around `center`. A node seen before keeps its first hop count (its distance from
 * where the user started); new nodes count from the center's hop.
 */
export function mergeGraph(
  state: GraphState,
  center: string,
  answer: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[]; truncated?: boolean },
): GraphState {
  const nodes = new Map(state.nodes)
  const base = state.nodes.get(center)?.hop ?? 0
  for (const node of answer.nodes) {
    const before = nodes.get(node.id)
    nodes.set(node.id, before ? { ...node, hop: before.hop } : { ...node, hop: base + node.hop })
  }
  const edges = new Map(state.edges)
  for (const edge of answer.edges) {
    edges.set(edgeKey(edge), edge)
  }
  return {
    nodes,
    edges,
    expanded: new Set([...state.expanded, center]),
    truncated: state.truncated || (answer.truncated ?? false),
  }
}

/** The API party of a node: persons by record id, enterprises by credit code (null when unknown). */
export function partyOf(node: GraphNode): Party | null {
  if (node.id.startsWith('P') && /^P\d+$/.test(node.id)) {
    return { person: Number(node.id.slice(1)) }
  }
  return node.id.startsWith('E') && node.creditCode ? { enterprise: node.creditCode } : null
}

/** How many neighbours of `id` the graph holds (to tell the user what an expansion added). */
export function degree(state: GraphState, id: string): number {
  let n = 0
  for (const edge of state.edges.values()) {
    if (edge.from === id || edge.to === id) {
      n += 1
    }
  }
  return n
}

export interface ChartNode {
  id: string
  name: string
  category: number
  symbolSize: number
  value: string
  itemStyle?: { borderColor: string; borderWidth: number }
}

export interface ChartLink {
  source: string
  target: string
  value: string
  lineStyle?: { color: string; width: number }
}

/** ECharts graph series data; `highlight` (a found path) is drawn thicker and in red. */
export function chartData(
  state: GraphState,
  edgeLabel: (edge: GraphEdge) => string,
  highlight: ReadonlySet<string> = new Set(),
): { nodes: ChartNode[]; links: ChartLink[] } {
  const nodes = [...state.nodes.values()].map((node): ChartNode => {
    const chart: ChartNode = {
      id: node.id,
      name: node.label ?? node.id,
      category: node.kind === 'enterprise' ? 1 : 0,
      symbolSize: node.hop === 0 ? 46 : state.expanded.has(node.id) ? 34 : 26,
      value: node.kind === 'enterprise' ? (node.creditCode ?? '') : (node.idNumber ?? ''),
    }
    if (highlight.has(node.id)) {
      chart.itemStyle = { borderColor: '#f56c6c', borderWidth: 4 }
    }
    return chart
  })
  const links = [...state.edges.values()].map((edge): ChartLink => {
    const link: ChartLink = { source: edge.from, target: edge.to, value: edgeLabel(edge) }
    if (highlight.has(edge.from) && highlight.has(edge.to)) {
      link.lineStyle = { color: '#f56c6c', width: 3 }
    }
    return link
  })
  return { nodes, links }
}
