package cn.citygrid.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridConfigTest {
  static final Map<String, String> KEYS = Map.of(
      "GRID_DATA_KEYS", "k1:AAECAwQFBgcICQoLDA0ODw==",
      "GRID_DATA_INDEX_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

  static Map<String, String> env(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(KEYS);
    env.putAll(more);
    return env;
  }

  @Test
  void defaults_whenNothingIsSet_areTheDocumentedOnes() {
    GridConfig c = GridConfig.load(env(Map.of()));
    assertThat(c.mode()).isEqualTo(GridConfig.Mode.PRODUCTION);
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.http().host()).isEqualTo("127.0.0.1");
    assertThat(c.db().port()).isEqualTo(55432);
    assertThat(c.db().user()).isEqualTo("citygrid");
    assertThat(c.auth().accessTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.dataKeys().keyRing().activeKeyId()).isEqualTo("k1");
  }

  @Test
  void yamlFile_overridesDefaults_andEnvironmentOverridesYaml(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("grid.yaml");
    Files.writeString(yaml, "http:\n  port: 9090\n  host: 0.0.0.0\nauth:\n  access-ttl: PT5M\n");
    GridConfig c = GridConfig.load(env(Map.of("GRID_CONFIG", yaml.toString(), "GRID_HTTP_PORT", "9191")));
    assertThat(c.http().port()).isEqualTo(9191);
    assertThat(c.http().host()).isEqualTo("0.0.0.0");
    assertThat(c.auth().accessTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void invalidValue_failsNamingKeyEnvironmentVariableAndValue() {
    assertThatThrownBy(() -> GridConfig.load(env(Map.of("GRID_HTTP_PORT", "eighty"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port").hasMessageContaining("GRID_HTTP_PORT").hasMessageContaining("'eighty'");
    assertThatThrownBy(() -> GridConfig.load(env(Map.of("GRID_AUTH_ACCESS_TTL", "15 minutes"))))
        .hasMessageContaining("auth.access-ttl");
    assertThatThrownBy(() -> GridConfig.load(env(Map.of("GRID_MODE", "staging"))))
        .hasMessageContaining("mode").hasMessageContaining("demo");
    assertThatThrownBy(() -> GridConfig.load(env(Map.of("GRID_DB_URL", "mysql://x/y"))))
        .hasMessageContaining("db.url");
  }

  @Test
  void missingOrShortDataKeys_failNamingTheKey() {
    assertThatThrownBy(() -> GridConfig.load(Map.of())).hasMessageContaining("data.keys");
    assertThatThrownBy(() -> GridConfig.load(env(Map.of("GRID_DATA_KEYS", "k1:AAEC"))))
        .hasMessageContaining("GRID_DATA_KEYS");
    assertThatThrownBy(() -> GridConfig.load(env(Map.of("GRID_DATA_ACTIVE_KEY", "k9"))))
        .hasMessageContaining("data.active-key");
  }

  @Test
  void unknownYamlKey_failsNamingIt(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("grid.yaml");
    Files.writeString(yaml, "http:\n  prot: 9090\n");
    assertThatThrownBy(() -> GridConfig.load(env(Map.of("GRID_CONFIG", yaml.toString()))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.prot");
  }

  @Test
  void dbUrl_credentialsComeFromTheUrlUnlessOverridden() {
    GridConfig c = GridConfig.load(env(Map.of("GRID_DB_URL", "postgresql://app:s3cr%40t@db.example:6432/grid")));
    assertThat(c.db().user()).isEqualTo("app");
    assertThat(c.db().password()).isEqualTo("s3cr@t");
    assertThat(c.db().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/grid");
    GridConfig o = GridConfig.load(env(Map.of("GRID_DB_URL", "postgresql://app:x@db/grid", "GRID_DB_USER", "other")));
    assertThat(o.db().user()).isEqualTo("other");
  }

  @Test
  void dataKeys_areNeverPrinted() {
    assertThat(GridConfig.load(env(Map.of())).toString()).doesNotContain("AAECAwQFBgcICQoLDA0ODw");
  }
}
