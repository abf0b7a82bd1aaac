package cn.citygrid.mobile.platform;

import cn.citygrid.mobile.config.GeoPoint;
import com.gluonhq.attach.position.Position;
import com.gluonhq.attach.position.PositionService;
import java.util.Optional;

/** GPS through Gluon Attach position (Android, iOS); started once, read when a form asks. */
final class AttachLocator implements Locator {
    private final PositionService service;

    AttachLocator(PositionService service) {
        this.service = service;
        service.start();
    }

    @Override
    public Optional<GeoPoint> current() {
        Position p = service.getPosition();
        return p == null ? Optional.empty() : Optional.of(new GeoPoint(p.getLongitude(), p.getLatitude(), 10));
    }
}
