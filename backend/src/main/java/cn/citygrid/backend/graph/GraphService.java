package cn.citygrid.backend.graph;

import cn.citygrid.backend.auth.Principal;
import cn.citygrid.backend.auth.Role;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Text;
import cn.citygrid.backend.portrait.Disclosure;
import cn.citygrid.backend.portrait.PersonPortraits;
import cn.citygrid.backend.portrait.Purpose;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 人企立方: the person–enterprise graph around a party (up to 3 hops) and the shortest connection
 * between two parties (used to flag conflicts of interest). Persons are labelled masked unless the
 * caller's role and purpose disclose names and the person is in the caller's scope.
 */
public final class GraphService {
  static final int MAX_NODES = 600;
  static final Text NOT_FOUND = Text.of("对象不存在或不在管辖范围内", "No such party in your scope");

  private final GraphRepository graph;
  private final PersonPortraits persons;

  public GraphService(io.vertx.sqlclient.Pool pool, PersonPortraits persons) {
    this.graph = new GraphRepository(pool);
    this.persons = persons;
  }

  /** A party: "P<person id>" or "E<enterprise id>"; enterprises may be named by credit code. */
  public Future<String> node(Principal caller, Long personId, String creditCode) {
    if (personId != null) {
      return persons.inScope(caller, personId).map(in -> {
        if (!in) {
          throw DomainException.notFound(NOT_FOUND);
        }
        return "P" + personId;
      });
    }
    return graph.enterprise(creditCode).map(e -> {
      if (e == null || !inScope(caller, e.getString("grid_code"))) {
        throw DomainException.notFound(NOT_FOUND);
      }
      return "E" + e.getLong("id");
    });
  }

  public Future<JsonObject> neighbourhood(Principal caller, String start, int hops, Purpose purpose, String rid) {
    Map<String, Integer> depth = new LinkedHashMap<>(Map.of(start, 0));
    Map<String, GraphModel.Edge> edges = new LinkedHashMap<>();
    return expand(Set.of(start), 1, hops, depth, edges)
        .compose(truncated -> describe(caller, depth, edges.values(), purpose)
            .compose(d -> log(caller, d, purpose, "graph", rid)
                .map(d.json().put("start", start).put("hops", hops).put("truncated", truncated))));
  }

  private Future<Boolean> expand(Set<String> frontier, int hop, int hops, Map<String, Integer> depth,
      Map<String, GraphModel.Edge> edges) {
    if (hop > hops || frontier.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return graph.edges(ids(frontier, true), ids(frontier, false)).compose(found -> {
      Set<String> next = new LinkedHashSet<>();
      for (GraphModel.Edge e : found) {
        edges.putIfAbsent(e.key(), e);
        for (String n : List.of(e.from(), e.to())) {
          if (!depth.containsKey(n)) {
            if (depth.size() >= MAX_NODES) {
              return Future.succeededFuture(true);
            }
            depth.put(n, hop);
            next.add(n);
          }
        }
      }
      return expand(next, hop + 1, hops, depth, edges);
    });
  }

  /** The shortest connection between two parties, searching from both ends, up to {@code maxHops}. */
  public Future<JsonObject> path(Principal caller, String from, String to, int maxHops, Purpose purpose, String rid) {
    return new ShortestPath(graph, maxHops).find(from, to).compose(path -> {
      Map<String, Integer> nodes = new LinkedHashMap<>();
      for (int i = 0; i < path.nodes().size(); i++) {
        nodes.put(path.nodes().get(i), i);
      }
      return describe(caller, nodes, path.edges(), purpose).compose(d -> {
        // the two ends are read even when no connection is found: that answer is about them too
        List.of(from, to).stream().filter(GraphModel::isPerson)
            .forEach(p -> d.persons().putIfAbsent(GraphModel.id(p), Set.of()));
        return log(caller, d, purpose, "graph-path", rid).map(d.json().put("from", from).put("to", to)
            .put("found", !path.nodes().isEmpty()).put("length", path.edges().size()));
      });
    });
  }

  /** The answer, and each person in it with the fields it shows in clear (for the access log). */
  private record Described(JsonObject json, Map<Long, Set<Disclosure.Field>> persons) {}

  private Future<Described> describe(Principal caller, Map<String, Integer> depth, java.util.Collection<GraphModel.Edge> edges,
      Purpose purpose) {
    boolean names = Disclosure.clear(caller, purpose).contains(Disclosure.Field.NAME);
    Map<Long, Set<Disclosure.Field>> shown = new LinkedHashMap<>();
    Future<List<Row>> people = graph.persons(ids(depth.keySet(), true));
    Future<List<Row>> firms = graph.enterprises(ids(depth.keySet(), false));
    return Future.all(people, firms).map(all -> {
      Map<String, JsonObject> nodes = new HashMap<>();
      for (Row r : people.result()) {
        boolean show = names && inScope(caller, r.getString("grid_code"));
        shown.put(r.getLong("id"), show ? Set.of(Disclosure.Field.NAME) : Set.of());
        nodes.put("P" + r.getLong("id"), new JsonObject().put("kind", "person")
            .put("label", show ? r.getString("name") : Disclosure.maskName(r.getString("name")))
            .put("idNumber", r.getString("id_number_mask")).put("gridCode", r.getString("grid_code")));
      }
      for (Row r : firms.result()) {
        nodes.put("E" + r.getLong("id"), new JsonObject().put("kind", "enterprise").put("label", r.getString("name"))
            .put("creditCode", r.getString("credit_code")).put("gridCode", r.getString("grid_code")));
      }
      JsonArray nodeList = new JsonArray();
      depth.forEach((id, hop) -> nodeList.add(nodes.getOrDefault(id, new JsonObject()).put("id", id).put("hop", hop)));
      JsonArray edgeList = new JsonArray();
      edges.forEach(e -> edgeList.add(new JsonObject().put("from", e.from()).put("to", e.to()).put("type", e.type())
          .put("sharePct", e.sharePct()).put("source", e.source())));
      return new Described(new JsonObject().put("nodes", nodeList).put("edges", edgeList), shown);
    });
  }

  private static boolean inScope(Principal caller, String gridCode) {
    return caller.has(Role.ADMIN) || gridCode != null && caller.covers(gridCode);
  }

  /** Every person the answer names is a read of their data, logged with what it shows in clear. */
  private Future<Void> log(Principal caller, Described d, Purpose purpose, String action, String rid) {
    return persons.logReads(caller, d.persons(), purpose, action, rid);
  }

  static List<Long> ids(java.util.Collection<String> nodes, boolean persons) {
    return nodes.stream().filter(n -> GraphModel.isPerson(n) == persons).map(GraphModel::id).toList();
  }
}
