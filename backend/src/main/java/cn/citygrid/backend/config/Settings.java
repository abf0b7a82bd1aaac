package cn.citygrid.backend.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The raw configuration: defaults, then an optional YAML file, then {@code GRID_*} environment
 * variables on top. Typed getters fail with a {@link ConfigException} naming the key, its
 * environment variable and the offending value.
 */
public final class Settings {
  /** Environment variable naming the YAML file; not a key itself. */
  public static final String CONFIG_FILE_ENV = "GRID_CONFIG";

  private final Map<ConfigKey, String> values;
  private final Map<ConfigKey, String> sources;

  private Settings(Map<ConfigKey, String> values, Map<ConfigKey, String> sources) {
    this.values = values;
    this.sources = sources;
  }

  public static Settings load(Map<String, String> env) {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    Map<ConfigKey, String> sources = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      values.put(key, key.defaultValue());
      sources.put(key, "default");
    }
    String file = env.get(CONFIG_FILE_ENV);
    if (file != null && !file.isBlank()) {
      readYaml(Path.of(file)).forEach((k, v) -> {
        values.put(k, v);
        sources.put(k, file);
      });
    }
    env.forEach((name, value) -> ConfigKey.byEnvName(name).ifPresent(k -> {
      values.put(k, value);
      sources.put(k, name);
    }));
    return new Settings(values, sources);
  }

  /** For tests: defaults overridden by the given keys. */
  public static Settings of(Map<ConfigKey, String> overrides) {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    Map<ConfigKey, String> sources = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      values.put(key, overrides.getOrDefault(key, key.defaultValue()));
      sources.put(key, overrides.containsKey(key) ? "override" : "default");
    }
    return new Settings(values, sources);
  }

  static Map<ConfigKey, String> readYaml(Path file) {
    Object root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw new ConfigException(CONFIG_FILE_ENV + ": cannot read " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw new ConfigException(CONFIG_FILE_ENV + ": " + file + " is not valid YAML: " + e.getMessage());
    }
    Map<ConfigKey, String> out = new EnumMap<>(ConfigKey.class);
    if (root != null) {
      flatten("", root, file, out);
    }
    return out;
  }

  private static void flatten(String prefix, Object node, Path file, Map<ConfigKey, String> out) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, file, out));
      return;
    }
    ConfigKey key = ConfigKey.byKey(prefix).orElseThrow(() ->
        new ConfigException(prefix + ": unknown configuration key in " + file));
    if (node instanceof List<?>) {
      throw new ConfigException(prefix + ": expected a single value in " + file + ", got a list");
    }
    out.put(key, node == null ? "" : String.valueOf(node));
  }

  public String string(ConfigKey key) {
    return values.get(key);
  }

  public int integer(ConfigKey key, int min, int max) {
    return (int) longValue(key, min, max);
  }

  public long longValue(ConfigKey key, long min, long max) {
    String raw = values.get(key).trim();
    try {
      long v = Long.parseLong(raw);
      if (v < min || v > max) {
        throw invalid(key, "an integer from " + min + " to " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw invalid(key, "an integer from " + min + " to " + max);
    }
  }

  public Duration duration(ConfigKey key) {
    try {
      Duration d = Duration.parse(values.get(key).trim());
      if (d.isNegative() || d.isZero()) {
        throw invalid(key, "a positive ISO-8601 duration such as PT15M");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw invalid(key, "a positive ISO-8601 duration such as PT15M");
    }
  }

  public <E extends Enum<E>> E choice(ConfigKey key, Class<E> type) {
    String raw = values.get(key).trim();
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(raw)) {
        return e;
      }
    }
    throw invalid(key, "one of " + List.of(type.getEnumConstants()).toString().toLowerCase());
  }

  /** A message that names the key, where its value came from, the value and what was expected. */
  public ConfigException invalid(ConfigKey key, String expected) {
    return new ConfigException(key.key() + " (" + key.envName() + ", from " + sources.get(key)
        + "): expected " + expected + ", got '" + values.get(key) + "'");
  }
}
