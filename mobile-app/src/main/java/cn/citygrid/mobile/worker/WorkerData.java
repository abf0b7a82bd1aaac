package cn.citygrid.mobile.worker;

import static cn.citygrid.mobile.api.JsonView.list;
import static cn.citygrid.mobile.api.JsonView.object;
import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.forms.builtin.BuiltInForms;
import cn.citygrid.sync.client.engine.SyncEngine;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import cn.citygrid.sync.client.pull.Replica;
import cn.citygrid.sync.protocol.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's offline picture, read from the synced replica and the phone's own outbox: grids, buildings,
 * houses, residents (masked as the server sent them), tasks, and the visits this phone recorded. Reads are
 * SQLite and JSON parsing: call them off the FX thread. A snapshot per call; cheap enough for one grid.
 */
public final class WorkerData {
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private final SyncEngine engine;

    public WorkerData(SyncEngine engine) {
        this.engine = engine;
    }

    private Replica replica() {
        return engine.replica();
    }

    public List<Map<String, Object>> grids() {
        return replica().all("grid");
    }

    public List<Map<String, Object>> buildings() {
        return replica().all("building");
    }

    public List<Map<String, Object>> houses() {
        return replica().all("house");
    }

    public Optional<Map<String, Object>> house(String id) {
        return replica().get("house", id);
    }

    public Optional<Map<String, Object>> building(String id) {
        return replica().get("building", id);
    }

    /** Residents whose {@code houses} name this house, with the kind of their residence there. */
    public List<Map<String, Object>> residentsOf(String houseId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : replica().all("resident")) {
            for (Object h : list(r.get("houses"))) {
                if (houseId.equals(text(object(h), "houseId"))) {
                    Map<String, Object> copy = new java.util.LinkedHashMap<>(r);
                    copy.put("kind", text(object(h), "kind"));
                    out.add(copy);
                }
            }
        }
        return out;
    }

    public List<Map<String, Object>> tasks() {
        List<Map<String, Object>> tasks = new ArrayList<>(replica().all("task"));
        tasks.sort(Comparator.comparing(t -> text(t, "due")));
        return tasks;
    }

    /** Open tasks due today or earlier (or without a due date), not yet done on this phone. */
    public List<Map<String, Object>> todaysTasks(LocalDate today) {
        Map<String, List<Instant>> visits = visitTimes();
        return tasks().stream().filter(t -> isOpen(t) && !doneHere(t, visits))
                .filter(t -> text(t, "due").isEmpty() || !due(t).isAfter(today)).toList();
    }

    /** Every open task not yet done on this phone. */
    public List<Map<String, Object>> openTasks() {
        Map<String, List<Instant>> visits = visitTimes();
        return tasks().stream().filter(t -> isOpen(t) && !doneHere(t, visits)).toList();
    }

    /** Household visits recorded on this phone, newest first, per house id. */
    public Map<String, List<OutboxEntry>> visitsByHouse() {
        Map<String, List<OutboxEntry>> out = new HashMap<>();
        for (OutboxEntry e : engine.outbox()) {
            houseOf(e).ifPresent(h -> out.computeIfAbsent(h, k -> new ArrayList<>()).add(0, e));
        }
        return out;
    }

    /** The house a record is about ({@code /visit/house_id} or {@code /house/house_id}), if any. */
    public static Optional<String> houseOf(OutboxEntry e) {
        Map<String, Object> payload = object(object(Json.parse(e.envelope())).get("payload"));
        for (String group : List.of("visit", "house")) {
            String id = text(object(payload.get(group)), "house_id");
            if (!id.isEmpty()) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** How a house looks on the map. */
    public VisitStatus statusOf(String houseId, Map<String, List<OutboxEntry>> visits, List<Map<String, Object>> openTasks,
                                LocalDate today) {
        List<OutboxEntry> v = visits.getOrDefault(houseId, List.of());
        boolean recent = v.stream().anyMatch(e -> e.form().id().equals(BuiltInForms.HOUSEHOLD_VISIT)
                && !e.capturedAt().atZone(CHINA).toLocalDate().isBefore(today.minusDays(30)));
        if (recent) {
            return VisitStatus.VISITED;
        }
        return openTasks.stream().filter(t -> houseId.equals(text(t, "houseId")))
                .map(t -> !text(t, "due").isEmpty() && due(t).isBefore(today) ? VisitStatus.OVERDUE : VisitStatus.DUE)
                .min(Comparator.naturalOrder()).orElse(VisitStatus.NONE);
    }

    private Map<String, List<Instant>> visitTimes() {
        Map<String, List<Instant>> out = new HashMap<>();
        for (OutboxEntry e : engine.outbox()) {
            houseOf(e).ifPresent(h -> out.computeIfAbsent(e.form().id() + "|" + h, k -> new ArrayList<>()).add(e.capturedAt()));
        }
        return out;
    }

    /** A task counts as done here once this phone holds a record of its form for its house, captured within 30 days of its due date. */
    private static boolean doneHere(Map<String, Object> task, Map<String, List<Instant>> visits) {
        List<Instant> times = visits.getOrDefault(text(task, "formId") + "|" + text(task, "houseId"), List.of());
        Instant since = text(task, "due").isEmpty() ? Instant.EPOCH : due(task).minusDays(30).atStartOfDay(CHINA).toInstant();
        return times.stream().anyMatch(t -> !t.isBefore(since));
    }

    private static boolean isOpen(Map<String, Object> task) {
        String s = text(task, "status");
        return s.isEmpty() || s.equals("open") || s.equals("assigned") || s.equals("in_progress");
    }

    private static LocalDate due(Map<String, Object> task) {
        String d = text(task, "due");
        return LocalDate.parse(d.length() > 10 ? d.substring(0, 10) : d);
    }
}
