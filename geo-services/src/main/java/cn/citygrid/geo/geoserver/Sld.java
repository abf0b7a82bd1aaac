package cn.citygrid.geo.geoserver;

/** Minimal SLD 1.0.0 styles (OGC 02-070) for our layers. */
final class Sld {
  private Sld() {}

  private static String document(String name, String symbolizer) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
            xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
          <NamedLayer><Name>%s</Name><UserStyle><Title>%s</Title><FeatureTypeStyle><Rule>
        %s
          </Rule></FeatureTypeStyle></UserStyle></NamedLayer>
        </StyledLayerDescriptor>
        """.formatted(name, name, symbolizer);
  }

  static String polygon(String name, String stroke, String fill) {
    return document(name, """
            <PolygonSymbolizer>
              <Fill><CssParameter name="fill">%s</CssParameter><CssParameter name="fill-opacity">0.4</CssParameter></Fill>
              <Stroke><CssParameter name="stroke">%s</CssParameter><CssParameter name="stroke-width">1</CssParameter></Stroke>
            </PolygonSymbolizer>""".formatted(fill, stroke));
  }

  static String point(String name, String color, int size) {
    return document(name, """
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName>
              <Fill><CssParameter name="fill">%s</CssParameter></Fill></Mark><Size>%d</Size></Graphic>
            </PointSymbolizer>""".formatted(color, size));
  }
}
