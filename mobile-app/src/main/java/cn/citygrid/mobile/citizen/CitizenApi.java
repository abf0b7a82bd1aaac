package cn.citygrid.mobile.citizen;

import cn.citygrid.mobile.account.Session;
import cn.citygrid.mobile.api.JsonView;
import cn.citygrid.mobile.config.GeoPoint;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The citizen services (智慧APP) over the platform API. {@code /api/v1/me/data-access} is the backend's; the
 * household, feedback, check-in and report routes are the contract this app proposes (mobile-app/README.md,
 * "Citizen API") until the backend serves them. Blocking: call from the background.
 */
public final class CitizenApi {
    static final String HOUSEHOLD = "/api/v1/me/household";
    static final String FEEDBACK = "/api/v1/me/household/feedback";
    static final String CHECK_INS = "/api/v1/me/check-ins";
    static final String REPORTS = "/api/v1/me/reports";
    static final String DATA_ACCESS = "/api/v1/me/data-access";
    private final Session session;

    public CitizenApi(Session session) {
        this.session = session;
    }

    /** {@code {house: {id, address, gridCode}, members: [{name, relation, idNumber, phone}]}}, masked by the server. */
    public Map<String, Object> household() {
        return JsonView.object(session.get(HOUSEHOLD));
    }

    /** "This is wrong": becomes a data-quality issue; answers {@code {issueId, status}}. */
    public Map<String, Object> feedback(String message) {
        return JsonView.object(session.post(FEEDBACK, Map.of("message", message)));
    }

    /** Checks in at a place with the scanned code (the server verifies it again) and the phone's position. */
    public Map<String, Object> checkIn(String code, GeoPoint at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("location", location(at));
        return JsonView.object(session.post(CHECK_INS, body));
    }

    /** 随手拍: an issue with a photo (JPEG bytes) and the phone's position; becomes an event. */
    public Map<String, Object> report(String category, String description, GeoPoint at, byte[] jpeg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", category);
        body.put("description", description);
        body.put("location", location(at));
        body.put("photo", Map.of("mediaType", "image/jpeg", "data", Base64.getEncoder().encodeToString(jpeg)));
        return JsonView.object(session.post(REPORTS, body));
    }

    /** One page of reads of my data: {@code items: [{at, role, purpose, action}]}. */
    public List<Object> dataAccess(int page) {
        return JsonView.list(JsonView.object(session.get(DATA_ACCESS + "?page=" + page + "&size=50")).get("items"));
    }

    private static Map<String, Object> location(GeoPoint at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lon", BigDecimal.valueOf(at.lon()));
        m.put("lat", BigDecimal.valueOf(at.lat()));
        return m;
    }
}
