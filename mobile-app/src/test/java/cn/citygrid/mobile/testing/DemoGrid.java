package cn.citygrid.mobile.testing;

import cn.citygrid.sync.client.fake.FakeChangeFeed;
import cn.citygrid.sync.protocol.crypto.Sm2;
import cn.citygrid.sync.protocol.crypto.Sm2KeyPair;
import cn.citygrid.sync.protocol.placecode.PlaceCode;
import cn.citygrid.sync.protocol.placecode.PlaceCodes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small grid as the sync feed delivers it (docs/sync-protocol.md §5): one unit grid in 福田区 around the civic
 * centre, 6 buildings of 6 homes, two residents per home (ID numbers and phones masked), three tasks (due today,
 * overdue, next week) and the place-code key, whose private half issues test QR codes.
 */
public final class DemoGrid {
    public static final String GRID = "440304001002003";
    public static final String HOUSE_DUE_TODAY = "1001";
    public static final String HOUSE_OVERDUE = "1007";
    public static final String PLACE = "7001";
    public final Sm2KeyPair codeKey = Sm2.generateKeyPair();
    private static final double LON = 114.0560;
    private static final double LAT = 22.5410;

    public void publish(FakeChangeFeed feed) {
        feed.upsert("grid", GRID, Map.of("code", GRID, "name", "莲花社区第三网格", "communityCode", "440304001002",
                "geometry", Map.of("type", "Polygon", "coordinates", List.of(List.of(pt(0, 0), pt(0.006, 0), pt(0.007, 0.005),
                        pt(0.001, 0.006), pt(0, 0))))));
        int house = 1001;
        for (int b = 0; b < 6; b++) {
            String building = "B" + (b + 1);
            double lon = LON + 0.0012 + (b % 3) * 0.0018;
            double lat = LAT + 0.0013 + (b / 3) * 0.0025;
            feed.upsert("building", building, Map.of("id", building, "gridCode", GRID, "name", "福中三路 8 号 " + (b + 1) + " 栋",
                    "road", "福中三路", "roadNumber", "8", "floors", num(6), "units", num(1),
                    "address", "深圳市福田区福中三路 8 号 " + (b + 1) + " 栋", "location", pt(lon - LON, lat - LAT)));
            for (int h = 0; h < 6; h++, house++) {
                String id = Integer.toString(house);
                String room = (h + 1) + "0" + (h % 2 + 1);
                feed.upsert("house", id, Map.of("id", id, "buildingId", building, "gridCode", GRID, "unit", "1单元",
                        "floor", (h + 1) + "楼", "room", room, "address", "深圳市福田区福中三路 8 号 " + (b + 1) + " 栋 1 单元 " + room,
                        "usage", "住宅", "areaM2", num(86)));
                resident(feed, house * 10 + 1, "王" + NAMES.get(house % NAMES.size()), "M", 1958 + house % 30, id, "owner",
                        house % 5 == 0 ? List.of("elderly_alone") : List.of());
                resident(feed, house * 10 + 2, "李" + NAMES.get((house + 3) % NAMES.size()), "F", 1985 + house % 10, id,
                        "tenant", List.of());
            }
        }
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        task(feed, "T1", "入户走访：2 栋 101", HOUSE_DUE_TODAY, today);
        task(feed, "T2", "入户走访：2 栋 1 单元（逾期）", HOUSE_OVERDUE, today.minusDays(3));
        task(feed, "T3", "入户走访：3 栋 301", "1015", today.plusDays(7));
        feed.upsert("placecode-key", codeKey.publicKey().keyId(), Map.of("kid", codeKey.publicKey().keyId(),
                "publicKey", codeKey.publicKey().toPem(), "validFrom", "2026-01-01", "validUntil", "2030-01-01"));
    }

    /** A code the platform signed (as the backend's place-code routes do). */
    public String code(PlaceCode.Kind kind, String id) {
        return PlaceCodes.issue(codeKey.privateKey(), new PlaceCode(kind, id, LocalDate.of(2026, 11, 1),
                codeKey.publicKey().keyId()));
    }

    private static final List<String> NAMES = List.of("建国", "秀英", "志强", "桂兰", "海涛", "丽娟", "国庆");

    private static void resident(FakeChangeFeed feed, int id, String name, String gender, int born, String house,
                                 String kind, List<String> flags) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", Integer.toString(id));
        r.put("name", name);
        r.put("gender", gender);
        r.put("birthYear", num(born));
        r.put("idNumber", "440304********" + String.format("%04d", id % 10000));
        r.put("phone", "138****" + String.format("%04d", id % 10000));
        r.put("houses", List.of(Map.of("houseId", house, "kind", kind)));
        r.put("careFlags", flags);
        feed.upsert("resident", Integer.toString(id), r);
    }

    private static void task(FakeChangeFeed feed, String id, String title, String house, LocalDate due) {
        feed.upsert("task", id, Map.of("id", id, "kind", "visit", "title", title, "status", "open", "due", due.toString(),
                "houseId", house, "formId", "household-visit", "formVersion", "2026112701"));
    }

    private static List<Object> pt(double dLon, double dLat) {
        return List.of(BigDecimal.valueOf(LON + dLon).setScale(6, java.math.RoundingMode.HALF_UP),
                BigDecimal.valueOf(LAT + dLat).setScale(6, java.math.RoundingMode.HALF_UP));
    }

    private static BigDecimal num(int n) {
        return BigDecimal.valueOf(n);
    }
}
