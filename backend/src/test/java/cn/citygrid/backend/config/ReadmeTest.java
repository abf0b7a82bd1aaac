package cn.citygrid.backend.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the catalogue of keys, no more and no less. */
class ReadmeTest {
  @Test
  void configurationTable_listsEveryKeyWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher rows = Pattern.compile("^\\| `(GRID_[A-Z0-9_]+)` \\| `([^`]+)` \\| (`[^`]*`|—) \\|", Pattern.MULTILINE).matcher(readme);
    Set<String> documented = new TreeSet<>();
    while (rows.find()) {
      ConfigKey key = ConfigKey.byEnvName(rows.group(1)).orElse(null);
      assertThat(key).as("README documents %s, which the backend does not read", rows.group(1)).isNotNull();
      assertThat(rows.group(2)).isEqualTo(key.key());
      String expectedDefault = key.defaultValue().isEmpty() ? "—" : "`" + key.defaultValue() + "`";
      assertThat(rows.group(3)).as("default of %s", key.envName()).isEqualTo(expectedDefault);
      documented.add(rows.group(1));
    }
    Set<String> keys = new TreeSet<>();
    Arrays.stream(ConfigKey.values()).forEach(k -> keys.add(k.envName()));
    assertThat(documented).isEqualTo(keys);
  }
}
