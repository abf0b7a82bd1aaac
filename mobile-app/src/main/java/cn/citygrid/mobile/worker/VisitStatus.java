package cn.citygrid.mobile.worker;

/** A house's colour on the map, most urgent first: overdue task, task due, visited within 30 days, nothing. */
public enum VisitStatus {
    OVERDUE("#c62828"), DUE("#ef6c00"), VISITED("#2e7d32"), NONE("#90a4ae");

    private final String colour;

    VisitStatus(String colour) {
        this.colour = colour;
    }

    public String colour() {
        return colour;
    }

    /** The message key of its legend text. */
    public String key() {
        return "visit.status." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
