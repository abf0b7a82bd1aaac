package cn.citygrid.backend.governance;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The quality rules from governance/rules.yaml, loaded once. */
public record QualityRules(List<Rule> rules) {

  /** One rule; {@code params} holds min/max/target/fields as the YAML gives them. */
  public record Rule(String id, String kind, String field, List<String> fields, Double min, Double max,
      String target, String zh, String en) {}

  public static QualityRules load() {
    try (InputStream in = QualityRules.class.getResourceAsStream("/governance/rules.yaml")) {
      Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) doc.get("rules");
      return new QualityRules(list.stream().map(QualityRules::rule).toList());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("governance/rules.yaml is missing or malformed: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Rule rule(Map<String, Object> m) {
    return new Rule((String) m.get("id"), (String) m.get("kind"), (String) m.get("field"),
        (List<String>) m.getOrDefault("fields", List.of()), number(m.get("min")), number(m.get("max")),
        (String) m.get("target"), (String) m.get("zh"), (String) m.get("en"));
  }

  private static Double number(Object o) {
    return o == null ? null : ((Number) o).doubleValue();
  }

  public List<Rule> ofKind(String kind) {
    return rules.stream().filter(r -> r.kind().equals(kind)).toList();
  }

  public Rule byId(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no rule " + id));
  }
}
