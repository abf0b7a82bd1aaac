package cn.citygrid.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.geo.GeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrsTest {
  @ParameterizedTest
  @CsvSource({
      "cgcs2000, CGCS2000", "EPSG:4490, CGCS2000", "4490, CGCS2000", "epsg:4490, CGCS2000",
      "urn:ogc:def:crs:EPSG::4490, CGCS2000", "http://www.opengis.net/def/crs/EPSG/0/4326, WGS84",
      "wgs84, WGS84", "WGS-84, WGS84", "EPSG:4326, WGS84", "4326, WGS84",
      "gcj02, GCJ02", "GCJ-02, GCJ02", "gcj_02, GCJ02", "bd09, BD09", "BD-09, BD09", "bd09ll, BD09", "' Bd09 ', BD09"})
  void parse_acceptsNamesAndEpsgCodesCaseInsensitively(String value, Crs expected) {
    assertThat(Crs.parse(value)).isEqualTo(expected);
  }

  @Test
  void parse_whenAbsent_defaultsToStorageCrs() {
    assertThat(Crs.parse(null)).isEqualTo(Crs.CGCS2000);
    assertThat(Crs.parse("  ")).isEqualTo(Crs.CGCS2000);
  }

  @Test
  void parse_whenUnknown_failsNamingTheValueAndTheAcceptedOnes() {
    assertThatThrownBy(() -> Crs.parse("EPSG:3857"))
        .isInstanceOfSatisfying(GeoException.class, e -> {
          assertThat(e.kind()).isEqualTo(GeoException.Kind.INVALID);
          assertThat(e.code()).isEqualTo("crs-unknown");
          assertThat(e.enMessage()).contains("EPSG:3857").contains("GCJ02").contains("EPSG:4490");
          assertThat(e.zhMessage()).contains("不支持的坐标系").contains("EPSG:3857");
          assertThat(e.details().getString("crs")).isEqualTo("EPSG:3857");
        });
  }

  @Test
  void epsgCodes_areTheRegisteredOnes() {
    assertThat(Crs.CGCS2000.epsg()).isEqualTo(4490);
    assertThat(Crs.WGS84.epsg()).isEqualTo(4326);
    assertThat(Crs.GCJ02.epsg()).isZero();
  }
}
