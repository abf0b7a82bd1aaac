package cn.citygrid.mobile.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Dates and times as the phone shows them (China time). */
public final class Format {
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(CHINA);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);

    private Format() {
    }

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    public static String full(Instant t) {
        return t == null ? "—" : FULL.format(t);
    }
}
