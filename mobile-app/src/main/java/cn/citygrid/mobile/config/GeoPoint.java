package cn.citygrid.mobile.config;

import java.util.Locale;

/** A WGS 84 / CGCS2000 point in degrees (the two differ by centimetres, below a phone's GPS error). */
public record GeoPoint(double lon, double lat, double accuracyM) {
    public GeoPoint {
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("got lon " + lon + " lat " + lat + ", want degrees in range");
        }
    }

    /** "lon,lat" as written in configuration. */
    public static GeoPoint parse(String text) {
        String[] p = text.split(",");
        if (p.length != 2) {
            throw new IllegalArgumentException("got '" + text + "', want lon,lat");
        }
        return new GeoPoint(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()), 10);
    }

    /** The XForms geopoint answer: {@code "lat lon alt accuracy"}. */
    public String toGeopoint() {
        return String.format(Locale.ROOT, "%.7f %.7f 0 %.1f", lat, lon, accuracyM);
    }

    /** Reads an XForms geopoint answer back. */
    public static GeoPoint fromGeopoint(String answer) {
        String[] p = answer.trim().split("\\s+");
        return new GeoPoint(Double.parseDouble(p[1]), Double.parseDouble(p[0]), p.length > 3 ? Double.parseDouble(p[3]) : 0);
    }
}
