package cn.citygrid.mobile.grid;

import static cn.citygrid.mobile.api.JsonView.list;
import static cn.citygrid.mobile.api.JsonView.lonLat;
import static cn.citygrid.mobile.api.JsonView.object;
import static cn.citygrid.mobile.api.JsonView.text;

import cn.citygrid.mobile.worker.VisitStatus;
import cn.citygrid.mobile.worker.WorkerData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the offline map draws, in lon/lat, read from the replica in the background: grid outlines (GeoJSON
 * Polygon or MultiPolygon rings), buildings (a point) and their houses with their visit status. Houses without a
 * location of their own sit at their building.
 */
public record MapData(List<Grid> grids, List<Building> buildings) {
    public record Grid(String code, String name, List<List<double[]>> rings) {}

    public record House(String id, String label, VisitStatus status) {}

    public record Building(String id, String name, double[] lonLat, List<House> houses) {}

    public static MapData load(WorkerData data, LocalDate today) {
        List<Grid> grids = new ArrayList<>();
        for (Map<String, Object> g : data.grids()) {
            grids.add(new Grid(text(g, "code"), text(g, "name"), rings(object(g.get("geometry")))));
        }
        var visits = data.visitsByHouse();
        var open = data.openTasks();
        Map<String, Building> buildings = new LinkedHashMap<>();
        for (Map<String, Object> b : data.buildings()) {
            double[] at = lonLat(b, "location");
            if (at != null) {
                buildings.put(text(b, "id"), new Building(text(b, "id"), text(b, "name"), at, new ArrayList<>()));
            }
        }
        for (Map<String, Object> h : data.houses()) {
            Building b = buildings.get(text(h, "buildingId"));
            if (b == null) {
                double[] at = lonLat(h, "location");
                if (at == null) {
                    continue;
                }
                b = new Building("h" + text(h, "id"), text(h, "address"), at, new ArrayList<>());
                buildings.put(b.id(), b);
            }
            String id = text(h, "id");
            b.houses().add(new House(id, label(h), data.statusOf(id, visits, open, today)));
        }
        return new MapData(grids, List.copyOf(buildings.values()));
    }

    /** "3单元 5楼 502" from unit, floor, room; the address when those are missing. */
    static String label(Map<String, Object> h) {
        String room = text(h, "room");
        return room.isEmpty() ? text(h, "address") : String.join(" ", List.of(text(h, "unit"), text(h, "floor"), room)).trim();
    }

    private static List<List<double[]>> rings(Map<String, Object> geometry) {
        List<List<double[]>> out = new ArrayList<>();
        String type = text(geometry, "type");
        List<Object> polygons = type.equals("MultiPolygon") ? list(geometry.get("coordinates"))
                : type.equals("Polygon") ? List.of(geometry.get("coordinates")) : List.of();
        for (Object polygon : polygons) {
            List<Object> rings = list(polygon);
            if (!rings.isEmpty()) {
                List<double[]> ring = new ArrayList<>();
                for (Object p : list(rings.get(0))) {
                    List<Object> xy = list(p);
                    if (xy.size() >= 2 && xy.get(0) instanceof BigDecimal x && xy.get(1) instanceof BigDecimal y) {
                        ring.add(new double[] {x.doubleValue(), y.doubleValue()});
                    }
                }
                out.add(ring);
            }
        }
        return out;
    }
}
