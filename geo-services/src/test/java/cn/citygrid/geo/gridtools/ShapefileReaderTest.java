package cn.citygrid.geo.gridtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cn.citygrid.geo.GeoException;
import cn.citygrid.geo.crs.Crs;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/** Against shapefiles written by GDAL (src/test/resources/gridtools/README.md), compared with their GeoJSON source. */
class ShapefileReaderTest {
  static byte[] resource(String name) throws Exception {
    try (InputStream in = ShapefileReaderTest.class.getResourceAsStream("/gridtools/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"grids-utf8.zip", "grids-gbk.zip", "grids-gbk-nocpg.zip"})
  void gdalShapefile_readsLikeItsGeoJsonSource(String zip) throws Exception {
    List<ImportedGrid> fromShp = GridFeatures.fromShapefileZip(resource(zip), ImportOptions.defaults(Crs.CGCS2000));
    JsonObject source = new JsonObject(new String(resource("grids.geojson"), StandardCharsets.UTF_8));
    List<ImportedGrid> fromJson = GridFeatures.fromGeoJson(source, ImportOptions.defaults(Crs.CGCS2000));
    assertThat(fromShp).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(fromShp.get(i).code()).isEqualTo(fromJson.get(i).code());
      assertThat(fromShp.get(i).name()).isEqualTo(fromJson.get(i).name());
      assertThat(fromShp.get(i).geometry().equalsTopo(fromJson.get(i).geometry())).as(fromShp.get(i).code()).isTrue();
    }
    assertThat(fromShp.get(0).name()).isEqualTo("长城一网格");
  }

  @Test
  void multiPolygonAndHole_comeBackAsSuch() throws Exception {
    List<ShapefileReader.Feature> features = ShapefileReader.readZip(resource("grids-utf8.zip"), GridFeatures.CGCS2000);
    assertThat(features.get(0).geometry()).isInstanceOf(MultiPolygon.class);
    assertThat(features.get(0).geometry().getNumGeometries()).isEqualTo(2);
    Polygon withHole = (Polygon) features.get(1).geometry();
    assertThat(withHole.getNumInteriorRing()).isEqualTo(1);
    assertThat(withHole.getArea()).isCloseTo(0.025 * 0.05 - 0.005 * 0.005, within(1e-12));
  }

  @Test
  void dbfAttributes_areTypedAndNamed() throws Exception {
    Map<String, Object> attrs = ShapefileReader.readZip(resource("grids-gbk.zip"), GridFeatures.CGCS2000).get(0).attributes();
    assertThat(attrs).containsEntry("CODE", "440304001001001").containsEntry("NAME", "长城一网格");
    // GDAL writes 123.456 as "123.456000000000003" (its double formatting); we read what is there
    assertThat((BigDecimal) attrs.get("AREA_HA")).isCloseTo(new BigDecimal("123.456"), within(new BigDecimal("1e-9")));
  }

  @Test
  void notAZipOrNoShp_isAClearError() {
    assertThatThrownBy(() -> ShapefileReader.readZip("plain text".getBytes(StandardCharsets.UTF_8), GridFeatures.CGCS2000))
        .isInstanceOfSatisfying(GeoException.class, e -> assertThat(e.code()).isEqualTo("shapefile-invalid"));
  }

  @Test
  void gcj02Input_isConvertedToCgcs2000() throws Exception {
    Geometry cgcs = GridFeatures.fromShapefileZip(resource("grids-utf8.zip"), ImportOptions.defaults(Crs.CGCS2000)).get(2).geometry();
    Geometry fromGcj = GridFeatures.fromShapefileZip(resource("grids-utf8.zip"), ImportOptions.defaults(Crs.GCJ02)).get(2).geometry();
    // read as GCJ-02, the strip moves back by the offset (a few hundred metres) towards the south-west
    assertThat(fromGcj.getSRID()).isEqualTo(4490);
    assertThat(cgcs.getCentroid().getX() - fromGcj.getCentroid().getX()).isBetween(0.003, 0.008);
    assertThat(cgcs.getCentroid().getY() - fromGcj.getCentroid().getY()).isBetween(-0.005, 0.005);
  }
}
