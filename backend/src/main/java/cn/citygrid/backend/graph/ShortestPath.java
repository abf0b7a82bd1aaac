package cn.citygrid.backend.graph;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Bidirectional breadth-first search: expand the smaller side one hop at a time until the sides meet. */
final class ShortestPath {
  record Path(List<String> nodes, List<GraphModel.Edge> edges) {}

  private final GraphRepository graph;
  private final int maxHops;
  private final Map<String, GraphModel.Edge> parentA = new HashMap<>();
  private final Map<String, GraphModel.Edge> parentB = new HashMap<>();

  ShortestPath(GraphRepository graph, int maxHops) {
    this.graph = graph;
    this.maxHops = maxHops;
  }

  Future<Path> find(String from, String to) {
    if (from.equals(to)) {
      return Future.succeededFuture(new Path(List.of(from), List.of()));
    }
    parentA.put(from, null);
    parentB.put(to, null);
    return step(new LinkedHashSet<>(Set.of(from)), new LinkedHashSet<>(Set.of(to)), 0);
  }

  private Future<Path> step(Set<String> frontA, Set<String> frontB, int hops) {
    if (hops >= maxHops || frontA.isEmpty() || frontB.isEmpty()) {
      return Future.succeededFuture(new Path(List.of(), List.of()));
    }
    boolean fromA = frontA.size() <= frontB.size();
    Set<String> front = fromA ? frontA : frontB;
    Map<String, GraphModel.Edge> mine = fromA ? parentA : parentB;
    Map<String, GraphModel.Edge> theirs = fromA ? parentB : parentA;
    return graph.edges(GraphService.ids(front, true), GraphService.ids(front, false)).compose(edges -> {
      Set<String> next = new LinkedHashSet<>();
      for (GraphModel.Edge e : edges) {
        String here = front.contains(e.from()) ? e.from() : e.to();
        String there = e.other(here);
        if (mine.containsKey(there)) {
          continue;
        }
        mine.put(there, e);
        if (theirs.containsKey(there)) {
          return Future.succeededFuture(join(there));
        }
        next.add(there);
      }
      return fromA ? step(next, frontB, hops + 1) : step(frontA, next, hops + 1);
    });
  }

  /** Walks from the meeting node back to both ends. */
  private Path join(String meet) {
    List<String> nodes = new ArrayList<>();
    List<GraphModel.Edge> edges = new ArrayList<>();
    for (String n = meet; n != null; ) {
      nodes.add(n);
      GraphModel.Edge e = parentA.get(n);
      if (e != null) {
        edges.add(e);
      }
      n = e == null ? null : e.other(n);
    }
    Collections.reverse(nodes);
    Collections.reverse(edges);
    for (String n = meet; parentB.get(n) != null; ) {
      GraphModel.Edge e = parentB.get(n);
      edges.add(e);
      n = e.other(n);
      nodes.add(n);
    }
    return new Path(nodes, edges);
  }
}
