package cn.citygrid.backend.graph;

/** Nodes are "P<person id>" and "E<enterprise id>"; edges carry their type and the source that asserted them. */
final class GraphModel {
  private GraphModel() {}

  /** {@code type}: legal_representative, shareholder, executive, employee, household. */
  record Edge(String from, String to, String type, Double sharePct, String source) {
    String other(String node) {
      return from.equals(node) ? to : from;
    }

    String key() {
      return from + "|" + to + "|" + type;
    }
  }

  static boolean isPerson(String node) {
    return node.charAt(0) == 'P';
  }

  static long id(String node) {
    return Long.parseLong(node.substring(1));
  }
}
