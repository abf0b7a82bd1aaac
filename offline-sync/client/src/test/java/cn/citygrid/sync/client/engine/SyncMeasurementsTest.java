package cn.citygrid.sync.client.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.sync.client.fake.TestPhone;
import cn.citygrid.sync.protocol.json.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints figures (never asserts them): capture rate, and a first pull of one grid with 5,000 residents. */
class SyncMeasurementsTest {
    @TempDir
    Path dir;

    @Test
    void captureRate_signedAndCommittedRecordsPerSecond() throws Exception {
        try (TestPhone phone = TestPhone.start(dir)) {
            for (int i = 0; i < 200; i++) {
                phone.captureVisit(i); // warm-up: JIT, Bouncy Castle tables
            }
            int n = 2_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                phone.captureVisit(i);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("MEASURE capture: %d records signed (SM2) and committed one transaction each "
                    + "(WAL, synchronous=FULL) in %.2f s = %.0f records/s%n", n, seconds, n / seconds);
            assertThat(phone.engine.outbox()).hasSize(n + 200);
        }
    }

    @Test
    void firstPull_ofAGridWith5000Residents() throws Exception {
        try (TestPhone phone = TestPhone.start(dir, Duration.ZERO, c -> c.withPageSize(500))) {
            long bytes = seedGrid(phone, 5_000, 1_700);
            long start = System.nanoTime();
            SyncReport r = phone.engine.syncNow();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(r.changesApplied()).isEqualTo(5_000 + 1_700 + 1);
            assertThat(phone.engine.replica().count("resident")).isEqualTo(5_000);
            System.out.printf("MEASURE pull: first sync of 1 grid, 1,700 houses, 5,000 residents (%d changes, "
                    + "%.1f MB of change JSON, %d pages of 500, gzip over local HTTP) into SQLite in %.2f s%n",
                    r.changesApplied(), bytes / 1e6, phone.server.feed.pagesServed(), seconds);
            long queryStart = System.nanoTime();
            int inHouse = phone.engine.replica().where("house", "buildingId", "b7").size();
            System.out.printf("MEASURE replica query: houses of one building by json_extract over %d rows in %.1f ms (%d found)%n",
                    1_700, (System.nanoTime() - queryStart) / 1e6, inHouse);
        }
    }

    /** Realistic rows: a resident is ~450-600 bytes of JSON (masked ID number and phone, houses, care flags). */
    private static long seedGrid(TestPhone phone, int residents, int houses) {
        long bytes = 0;
        String grid = "440304001002003";
        phone.server.feed.upsert("grid", grid, Map.of("code", grid, "name", "莲花社区第三网格", "communityCode", "440304001002"));
        for (int h = 0; h < houses; h++) {
            Map<String, Object> house = new LinkedHashMap<>();
            house.put("id", "h" + h);
            house.put("buildingId", "b" + h / 60);
            house.put("gridCode", grid);
            house.put("unit", "1单元");
            house.put("floor", BigDecimal.valueOf(1 + h % 30));
            house.put("room", (1 + h % 30) + "0" + (1 + h % 4));
            house.put("address", "广东省深圳市福田区莲花街道彩田路" + (3000 + h / 60) + "号" + (h / 60) + "栋" + (1 + h % 30) + "0" + (1 + h % 4));
            house.put("usage", "residential");
            house.put("areaM2", new BigDecimal("86.5"));
            house.put("location", List.of(new BigDecimal("114.0596"), new BigDecimal("22.5430")));
            phone.server.feed.upsert("house", "h" + h, house);
            bytes += Json.write(house).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        for (int i = 0; i < residents; i++) {
            Map<String, Object> p = resident(i, houses);
            phone.server.feed.upsert("resident", "p" + i, p);
            bytes += Json.write(p).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    private static Map<String, Object> resident(int i, int houses) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", "p" + i);
        p.put("name", "张" + "伟芳娜敏静丽强磊军洋".charAt(i % 10) + "明");
        p.put("gender", i % 2 == 0 ? "1" : "2");
        p.put("birthYear", BigDecimal.valueOf(1940 + i % 80));
        p.put("ethnicity", "01");
        p.put("idNumber", "440304********" + String.format("%03d", i % 1000) + "X");
        p.put("phone", "138****" + String.format("%04d", i % 10000));
        p.put("registeredRegion", "440304");
        p.put("houses", List.of(Map.of("houseId", "h" + i % houses, "kind", i % 3 == 0 ? "owner" : "resident",
                "since", "2019-0" + (1 + i % 9) + "-01")));
        p.put("careFlags", i % 17 == 0 ? List.of("elderly-alone", "low-income") : List.of());
        p.put("household", Map.of("no", "HH" + (100000 + i / 3), "relation", i % 3 == 0 ? "02" : "10"));
        p.put("updatedAt", "2026-11-27T04:45:07.123Z");
        return p;
    }
}
