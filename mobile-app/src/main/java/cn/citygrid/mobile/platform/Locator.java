package cn.citygrid.mobile.platform;

import cn.citygrid.mobile.config.GeoPoint;
import java.util.Optional;

/** Where the phone is now, if known. */
public interface Locator {
    Optional<GeoPoint> current();

    /** A fixed position: the desktop stand-in for GPS (from configuration) and tests. */
    static Locator fixed(GeoPoint p) {
        return () -> Optional.of(p);
    }
}
