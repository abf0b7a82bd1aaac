import { describe, expect, it } from 'vitest'
import { chartData, degree, EMPTY_GRAPH, mergeGraph, partyOf } from './graph'
import type { GraphEdge, GraphNode } from './types'

const person = (id: number, hop: number, label = `P${id}`): GraphNode => ({ id: `P${id}`, kind: 'person', label, hop })
const firm = (id: number, hop: number): GraphNode => ({ id: `E${id}`, kind: 'enterprise', label: `E${id}`, creditCode: `CC${id}`, hop })
const edge = (from: string, to: string, type = 'shareholder'): GraphEdge => ({ from, to, type, sharePct: null, source: 'x' })

describe('mergeGraph', () => {
  const start = mergeGraph(EMPTY_GRAPH, 'P1', { nodes: [person(1, 0), firm(7, 1)], edges: [edge('P1', 'E7')], truncated: false })

  it('takes the start neighbourhood as it comes and marks the start expanded', () => {
    expect([...start.nodes.keys()]).toEqual(['P1', 'E7'])
    expect(start.expanded.has('P1')).toBe(true)
    expect(start.expanded.has('E7')).toBe(false)
  })

  it('expanding a node adds its neighbours one hop further, without duplicating nodes or edges', () => {
    const grown = mergeGraph(start, 'E7', {
      nodes: [firm(7, 0), person(1, 1), person(2, 1)],
      edges: [edge('P1', 'E7'), edge('P2', 'E7', 'legal_representative')],
    })
    expect(grown.nodes.size).toBe(3)
    expect(grown.edges.size).toBe(2)
    expect(grown.nodes.get('P1')?.hop).toBe(0)
    expect(grown.nodes.get('E7')?.hop).toBe(1)
    expect(grown.nodes.get('P2')?.hop).toBe(2)
    expect(degree(grown, 'E7')).toBe(2)
    expect(grown.expanded).toEqual(new Set(['P1', 'E7']))
  })

  it('two edge types between the same pair stay two edges', () => {
    const both = mergeGraph(start, 'P1', { nodes: [], edges: [edge('P1', 'E7', 'legal_representative')] })
    expect(both.edges.size).toBe(2)
  })

  it('remembers that an answer was truncated', () => {
    const cut = mergeGraph(start, 'E7', { nodes: [], edges: [], truncated: true })
    expect(mergeGraph(cut, 'P1', { nodes: [], edges: [], truncated: false }).truncated).toBe(true)
  })
})

describe('partyOf', () => {
  it('names persons by id and enterprises by credit code', () => {
    expect(partyOf(person(42, 0))).toEqual({ person: 42 })
    expect(partyOf(firm(7, 0))).toEqual({ enterprise: 'CC7' })
    expect(partyOf({ id: 'E9', hop: 1 })).toBeNull()
  })
})

describe('chartData', () => {
  it('draws enterprises in their own category, the start biggest and a path in red', () => {
    const g = mergeGraph(EMPTY_GRAPH, 'P1', { nodes: [person(1, 0), firm(7, 1), person(3, 1)], edges: [edge('P1', 'E7'), edge('P3', 'E7')] })
    const { nodes, links } = chartData(g, (e) => e.type, new Set(['P1', 'E7']))
    expect(nodes.map((n) => [n.id, n.category, n.symbolSize])).toEqual([
      ['P1', 0, 46],
      ['E7', 1, 26],
      ['P3', 0, 26],
    ])
    expect(nodes[0]!.itemStyle?.borderColor).toBe('#f56c6c')
    expect(nodes[2]!.itemStyle).toBeUndefined()
    expect(links.map((l) => [l.source, l.target, l.value, l.lineStyle !== undefined])).toEqual([
      ['P1', 'E7', 'shareholder', true],
      ['P3', 'E7', 'shareholder', false],
    ])
  })
})
