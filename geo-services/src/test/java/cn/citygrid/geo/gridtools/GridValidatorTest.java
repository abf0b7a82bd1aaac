package cn.citygrid.geo.gridtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.citygrid.geo.crs.Crs;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class GridValidatorTest {
  static final String COMMUNITY = "440304001001";
  static final Geometry COMMUNITY_SHAPE = wkt("POLYGON((114 22.5, 114.05 22.5, 114.05 22.55, 114 22.55, 114 22.5))");
  final GridValidator validator = new GridValidator(1.0, 10.0);

  static Geometry wkt(String wkt) {
    try {
      Geometry g = new WKTReader(GridFeatures.CGCS2000).read(wkt);
      return g;
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ImportedGrid grid(String seq, String wkt) {
    return new ImportedGrid(COMMUNITY + seq, "网格" + seq, wkt(wkt), "feature " + seq);
  }

  List<Finding> validate(ImportedGrid... grids) {
    return validator.validate(List.of(grids), List.of(), Map.of(COMMUNITY, COMMUNITY_SHAPE));
  }

  @Test
  void fixtureThatTilesItsCommunity_hasNoFindings() throws Exception {
    String json = new String(getClass().getResourceAsStream("/gridtools/grids.geojson").readAllBytes(), StandardCharsets.UTF_8);
    List<ImportedGrid> grids = GridFeatures.fromGeoJson(new JsonObject(json), ImportOptions.defaults(Crs.CGCS2000));
    assertThat(validator.validate(grids, List.of(), Map.of(COMMUNITY, COMMUNITY_SHAPE))).isEmpty();
  }

  @Test
  void bowtie_isInvalidWithTheSelfIntersectionPoint() {
    List<Finding> f = validate(grid("001", "POLYGON((114 22.5, 114.05 22.55, 114.05 22.5, 114 22.55, 114 22.5))"));
    assertThat(f).extracting(Finding::kind).containsExactly("geometry-invalid");
    assertThat(f.get(0).en()).contains("Self-intersection");
    assertThat(f.get(0).zh()).contains("自相交");
    assertThat(f.get(0).geometry().getCoordinate().x).isCloseTo(114.025, within(1e-9));
    assertThat(f.get(0).toJson().getJsonObject("geometry").getString("type")).isEqualTo("Point");
  }

  /** Rings JTS cannot even build are findings of their grid, drawn where they are, not a refusal of the whole file. */
  @Test
  void aRingNotClosed_andATooShortRing_areEachReportedWithTheRingAsGiven() {
    JsonObject fc = new JsonObject("""
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"code": "440304001001001"}, "geometry": {"type": "Polygon",
            "coordinates": [[[114, 22.5], [114.05, 22.5], [114.05, 22.55], [114, 22.55]]]}},
          {"type": "Feature", "properties": {"code": "440304001001002"}, "geometry": {"type": "MultiPolygon",
            "coordinates": [[[[114, 22.5], [114.01, 22.5], [114, 22.5]]]]}},
          {"type": "Feature", "properties": {"code": "440304001001003"}, "geometry": {"type": "Polygon",
            "coordinates": [[[114, 22.5], [114.05, 22.5], [114.05, 22.55], [114, 22.5]]]}}]}""");
    List<Finding> f = validator.validate(GridFeatures.fromGeoJson(fc, ImportOptions.defaults(Crs.CGCS2000)), List.of(),
        Map.of(COMMUNITY, COMMUNITY_SHAPE));
    assertThat(f).filteredOn(x -> x.kind().equals("geometry-invalid")).extracting(Finding::gridCode)
        .containsExactly("440304001001001", "440304001001002");
    assertThat(f.get(0).zh()).contains("feature 1").contains("环未闭合");
    assertThat(f.get(0).en()).contains("ring not closed");
    assertThat(f.get(0).toJson().getJsonObject("geometry").getString("type")).isEqualTo("LineString");
    assertThat(f.get(0).geometry().getNumPoints()).isEqualTo(4);
    assertThat(f.get(1).zh()).contains("点数太少");
    assertThat(f.get(1).geometry().getCoordinates()[1].x).isEqualTo(114.01);
    assertThat(f).as("the valid triangle is still checked against the others")
        .noneMatch(x -> "440304001001003".equals(x.gridCode()) && x.kind().equals("geometry-invalid"));
  }

  @Test
  void overlapAboveTolerance_isAnErrorCarryingTheSharedArea() {
    List<Finding> f = validate(
        grid("001", "POLYGON((114 22.5, 114.03 22.5, 114.03 22.55, 114 22.55, 114 22.5))"),
        grid("002", "POLYGON((114.025 22.5, 114.05 22.5, 114.05 22.55, 114.025 22.55, 114.025 22.5))"));
    assertThat(f).extracting(Finding::kind).containsExactly("overlap");
    // 0.005° × 0.05° at 22.5° N ≈ 514 m × 5529 m
    assertThat(f.get(0).areaM2()).isCloseTo(0.005 * 111_320 * Math.cos(Math.toRadians(22.525)) * 0.05 * 110_574, within(1.0));
    assertThat(f.get(0).geometry().getEnvelopeInternal().getMinX()).isCloseTo(114.025, within(1e-9));
  }

  @Test
  void overlapBelowTolerance_isIgnored() {
    // a 1e-9° sliver along the shared edge: ~0.1 mm × 5.5 km ≈ 0.6 m²
    assertThat(validate(
        grid("001", "POLYGON((114 22.5, 114.025000001 22.5, 114.025000001 22.55, 114 22.55, 114 22.5))"),
        grid("002", "POLYGON((114.025 22.5, 114.05 22.5, 114.05 22.55, 114.025 22.55, 114.025 22.5))")))
        .isEmpty();
  }

  @Test
  void uncoveredPartOfTheCommunity_isAGapWarning() {
    List<Finding> f = validate(
        grid("001", "POLYGON((114 22.5, 114.02 22.5, 114.02 22.55, 114 22.55, 114 22.5))"),
        grid("002", "POLYGON((114.025 22.5, 114.05 22.5, 114.05 22.55, 114.025 22.55, 114.025 22.5))"));
    assertThat(f).extracting(Finding::kind).containsExactly("gap");
    assertThat(f.get(0).severity()).isEqualTo(Finding.Severity.WARNING);
    assertThat(f.get(0).gridCode()).isEqualTo(COMMUNITY);
    assertThat(f.get(0).geometry().getEnvelopeInternal().getMinX()).isCloseTo(114.02, within(1e-9));
  }

  @Test
  void existingGridsOfTheCommunity_countForOverlapsAndGaps() {
    ImportedGrid stored = grid("002", "POLYGON((114.02 22.5, 114.05 22.5, 114.05 22.55, 114.02 22.55, 114.02 22.5))");
    ImportedGrid imported = grid("001", "POLYGON((114 22.5, 114.025 22.5, 114.025 22.55, 114 22.55, 114 22.5))");
    List<Finding> f = validator.validate(List.of(imported), List.of(stored), Map.of(COMMUNITY, COMMUNITY_SHAPE));
    assertThat(f).extracting(Finding::kind).containsExactly("overlap");
    assertThat(f.get(0).en()).contains(COMMUNITY + "001").contains(COMMUNITY + "002");
  }

  @Test
  void badCodesAndUnknownCommunities_areErrors() {
    List<Finding> f = validator.validate(List.of(
        new ImportedGrid("12345", "x", COMMUNITY_SHAPE, "feature 1"),
        new ImportedGrid("440399999999001", "y", COMMUNITY_SHAPE, "feature 2"),
        new ImportedGrid(COMMUNITY + "001", "z", COMMUNITY_SHAPE, "feature 3"),
        new ImportedGrid(COMMUNITY + "001", "z", COMMUNITY_SHAPE, "feature 4")), List.of(), Map.of(COMMUNITY, COMMUNITY_SHAPE));
    assertThat(f).extracting(Finding::kind).containsExactly("code-invalid", "community-unknown", "code-duplicate");
  }

  @Test
  void gridSpillingOutOfItsCommunity_isAnError() {
    List<Finding> f = validate(grid("001", "POLYGON((114 22.5, 114.06 22.5, 114.06 22.55, 114 22.55, 114 22.5))"));
    assertThat(f).extracting(Finding::kind).contains("outside-community");
  }
}
