package cn.citygrid.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.citygrid.geo.testing.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class ChinaOffsetsTest {
  /** Every 0.5° across the box the offsets apply in: 123 × 99 points. */
  private static List<LonLat> chinaGrid() {
    List<LonLat> points = new ArrayList<>();
    for (double lon = 73.75; lon < 135.0; lon += 0.5) {
      for (double lat = 3.9; lat < 53.5; lat += 0.5) {
        points.add(new LonLat(lon, lat));
      }
    }
    return points;
  }

  @Test
  void gcj02ToBd09_matchesThePublishedBeijingRailwayStationPair() {
    // GCJ-02 (116.42703, 39.90245) ↔ BD-09 (116.43351, 39.90851), published to 5 decimals from
    // Baidu's own service; the public formula reproduces Baidu to about 1e-5° (~1 m), hence 1e-5.
    LonLat bd = ChinaOffsets.gcj02ToBd09(116.42703, 39.90245);
    assertThat(bd.lon()).isCloseTo(116.43351, within(1e-5));
    assertThat(bd.lat()).isCloseTo(39.90851, within(1e-5));
    LonLat gcj = ChinaOffsets.bd09ToGcj02(116.43351, 39.90851);
    assertThat(gcj.lon()).isCloseTo(116.42703, within(1e-5));
    assertThat(gcj.lat()).isCloseTo(39.90245, within(1e-5));
  }

  @Test
  void forwardFormulas_agreeWithTheCoordtransformPackageAcrossChina() throws Exception {
    List<LonLat> points = chinaGrid();
    JsonArray input = new JsonArray();
    points.forEach(p -> input.add(new JsonArray().add(p.lon()).add(p.lat())));
    JsonObject ref = new JsonObject(Node.run("coordtransform-reference.cjs", input.encode()));
    double worst = 0;
    for (int i = 0; i < points.size(); i++) {
      LonLat p = points.get(i);
      worst = Math.max(worst, gap(ChinaOffsets.wgs84ToGcj02(p.lon(), p.lat()), ref.getJsonArray("wgs84togcj02").getJsonArray(i)));
      worst = Math.max(worst, gap(ChinaOffsets.gcj02ToBd09(p.lon(), p.lat()), ref.getJsonArray("gcj02tobd09").getJsonArray(i)));
      worst = Math.max(worst, gap(ChinaOffsets.bd09ToGcj02(p.lon(), p.lat()), ref.getJsonArray("bd09togcj02").getJsonArray(i)));
    }
    assertThat(worst).as("largest difference in degrees from coordtransform").isLessThan(1e-12);
  }

  @Test
  void gcj02_roundTripsBelowOneCentimetreEverywhereInTheBox() {
    double worst = 0;
    double largestOffset = 0;
    for (LonLat w : chinaGrid()) {
      LonLat g = ChinaOffsets.wgs84ToGcj02(w.lon(), w.lat());
      worst = Math.max(worst, w.metresTo(ChinaOffsets.gcj02ToWgs84(g.lon(), g.lat())));
      largestOffset = Math.max(largestOffset, w.metresTo(g));
    }
    System.out.printf("GCJ-02 round trip: max error %.2e m over %d points (offset up to %.0f m)%n",
        worst, chinaGrid().size(), largestOffset);
    assertThat(worst).isLessThan(0.01);
    assertThat(largestOffset).as("the offset is real, so the round trip is not trivially exact").isGreaterThan(100);
  }

  @Test
  void wgs84ToBd09_roundTripsBelowOneMetreEverywhereInTheBox() {
    double worst = 0;
    for (LonLat w : chinaGrid()) {
      LonLat bd = CrsTransform.transform(w, Crs.WGS84, Crs.BD09);
      worst = Math.max(worst, w.metresTo(CrsTransform.transform(bd, Crs.BD09, Crs.CGCS2000)));
    }
    System.out.printf("BD-09 round trip (published approximate inverse): max error %.3f m%n", worst);
    assertThat(worst).isLessThan(1.0);
  }

  @Test
  void outsideChina_everyConversionIsTheIdentity() {
    List<LonLat> abroad = List.of(new LonLat(-0.1276, 51.5072), new LonLat(151.2093, -33.8688),
        new LonLat(139.6917, 35.6895), new LonLat(73.66, 30.0), new LonLat(100.0, 53.55), new LonLat(135.05, 40));
    for (LonLat p : abroad) {
      for (Crs from : Crs.values()) {
        for (Crs to : Crs.values()) {
          assertThat(CrsTransform.transform(p, from, to)).as("%s %s→%s", p, from, to).isEqualTo(p);
        }
      }
    }
  }

  @Test
  void justInsideTheBox_theOffsetApplies() {
    assertThat(ChinaOffsets.outOfChina(73.661, 30.0)).isFalse();
    assertThat(ChinaOffsets.wgs84ToGcj02(73.661, 30.0)).isNotEqualTo(new LonLat(73.661, 30.0));
  }

  @Test
  void transformGeometry_movesEveryVertexAndSetsTheTargetSrid() {
    GeometryFactory f = new GeometryFactory();
    Geometry line = f.createLineString(new Coordinate[] {new Coordinate(114.05, 22.54), new Coordinate(114.06, 22.55)});
    Geometry gcj = CrsTransform.transform(line, Crs.CGCS2000, Crs.GCJ02);
    assertThat(gcj.getCoordinates()[1]).isEqualTo(CrsTransform.transform(new Coordinate(114.06, 22.55), Crs.WGS84, Crs.GCJ02));
    Geometry back = CrsTransform.transform(gcj, Crs.GCJ02, Crs.CGCS2000);
    assertThat(back.getSRID()).isEqualTo(4490);
    assertThat(back.getCoordinates()[0].distance(new Coordinate(114.05, 22.54))).isLessThan(1e-8);
    assertThat(line.getCoordinates()[0]).as("input untouched").isEqualTo(new Coordinate(114.05, 22.54));
  }

  private static double gap(LonLat ours, JsonArray theirs) {
    return Math.max(Math.abs(ours.lon() - theirs.getDouble(0)), Math.abs(ours.lat() - theirs.getDouble(1)));
  }
}
