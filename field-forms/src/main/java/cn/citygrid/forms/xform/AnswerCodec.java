package cn.citygrid.forms.xform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.javarosa.core.model.data.IAnswerData;

/**
 * Converts one answer between its payload JSON value and its XForms text, strictly: a value of
 * the wrong JSON type or spelling is refused, never coerced. Numbers are JSON numbers, selects
 * with several answers are arrays of choice values, everything else is a string (geopoints as
 * {@code "lat lon alt accuracy"}, binaries as the attachment's file name).
 */
final class AnswerCodec {

    /** The JSON value does not fit the answer type. */
    static final class WrongType extends Exception {
        WrongType() {
            super(null, null, false, false);
        }
    }

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern TIME = Pattern.compile(
            "([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,3})?)?(Z|[+-]([01]\\d|2[0-3]):?[0-5]\\d)?");
    private static final Pattern CHOICE = Pattern.compile("\\S+");
    private static final Pattern FILE_NAME = Pattern.compile("[^/\\\\\\p{Cntrl}]{1,255}");

    private AnswerCodec() {}

    /** XForms text of a payload value; null for an absent answer (null, "" or []). */
    static String toText(Object json, AnswerType type) throws WrongType {
        if (json == null || "".equals(json) || json instanceof List<?> l && l.isEmpty()) {
            return null;
        }
        return switch (type) {
            case INTEGER -> integer(json);
            case DECIMAL -> decimal(json);
            case BOOLEAN -> String.valueOf(as(json, Boolean.class));
            case SELECT_MULTIPLE -> choices(json);
            case SELECT_ONE -> matching(as(json, String.class), CHOICE);
            case DATE -> date(as(json, String.class));
            case TIME -> matching(as(json, String.class), TIME);
            case DATE_TIME -> dateTime(as(json, String.class));
            case GEOPOINT -> geo(as(json, String.class), 1, false);
            case GEOTRACE -> geo(as(json, String.class), 2, false);
            case GEOSHAPE -> geo(as(json, String.class), 4, true);
            case IMAGE, AUDIO, VIDEO, FILE -> matching(as(json, String.class), FILE_NAME);
            case TEXT, BARCODE -> as(json, String.class);
        };
    }

    /** The payload value of a JavaRosa answer; null for no answer. */
    static Object toJson(IAnswerData data, AnswerType type) {
        if (data == null || data.uncast().getString() == null || data.uncast().getString().isEmpty()) {
            return null;
        }
        String text = data.uncast().getString();
        return switch (type) {
            case INTEGER -> Long.parseLong(text.trim());
            case DECIMAL -> number(new BigDecimal(text.trim()));
            case BOOLEAN -> Boolean.valueOf(text.trim());
            case SELECT_MULTIPLE -> List.of(text.trim().split("\\s+"));
            default -> text;
        };
    }

    static Message expected(AnswerType type) {
        return switch (type) {
            case INTEGER -> new Message("应为整数", "expected an integer (JSON number)");
            case DECIMAL -> new Message("应为数字", "expected a number (JSON number)");
            case BOOLEAN -> new Message("应为 true 或 false", "expected true or false");
            case SELECT_ONE -> new Message("应为一个选项值", "expected one choice value (string)");
            case SELECT_MULTIPLE -> new Message("应为不重复的选项值数组", "expected an array of distinct choice values");
            case DATE -> new Message("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD");
            case TIME -> new Message("应为时间 HH:MM:SS", "expected a time HH:MM:SS with an optional offset");
            case DATE_TIME -> new Message("应为带时区的日期时间（ISO 8601）", "expected an ISO 8601 date-time with offset");
            case GEOPOINT -> new Message("应为位置“纬度 经度 高程 精度”", "expected a geopoint \"lat lon alt accuracy\"");
            case GEOTRACE -> new Message("应为至少两个点的轨迹（点之间用分号分隔）", "expected a geotrace of 2 or more points separated by ';'");
            case GEOSHAPE -> new Message("应为首尾相同、至少四个点的闭合区域", "expected a closed geoshape of 4 or more points, first equal to last");
            case IMAGE, AUDIO, VIDEO, FILE -> new Message("应为附件文件名", "expected an attachment file name");
            case TEXT, BARCODE -> new Message("应为文本", "expected a string");
        };
    }

    private static <T> T as(Object json, Class<T> type) throws WrongType {
        if (!type.isInstance(json)) {
            throw new WrongType();
        }
        return type.cast(json);
    }

    private static String matching(String text, Pattern pattern) throws WrongType {
        if (!pattern.matcher(text).matches()) {
            throw new WrongType();
        }
        return text;
    }

    private static String integer(Object json) throws WrongType {
        BigDecimal value = exact(json);
        try {
            return String.valueOf(value.intValueExact());   // JavaRosa keeps int answers in an int
        } catch (ArithmeticException e) {
            throw new WrongType();
        }
    }

    private static String decimal(Object json) throws WrongType {
        return exact(json).toPlainString();
    }

    private static BigDecimal exact(Object json) throws WrongType {
        if (json instanceof BigDecimal d) {
            return d;
        }
        if (json instanceof Integer || json instanceof Long || json instanceof Short || json instanceof BigInteger) {
            return new BigDecimal(json.toString());
        }
        if ((json instanceof Double || json instanceof Float) && Double.isFinite(((Number) json).doubleValue())) {
            return new BigDecimal(json.toString());
        }
        throw new WrongType();
    }

    private static Object number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String choices(Object json) throws WrongType {
        List<?> values = as(json, List.class);
        List<String> texts = new ArrayList<>();
        for (Object v : values) {
            texts.add(matching(as(v, String.class), CHOICE));
        }
        if (new HashSet<>(texts).size() != texts.size()) {
            throw new WrongType();
        }
        return String.join(" ", texts);
    }

    private static String date(String text) throws WrongType {
        try {
            LocalDate.parse(text, DATE);
            return text;
        } catch (DateTimeParseException e) {
            throw new WrongType();
        }
    }

    private static String dateTime(String text) throws WrongType {
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return text;
        } catch (DateTimeParseException e) {
            throw new WrongType();
        }
    }

    private static String geo(String text, int minPoints, boolean closed) throws WrongType {
        List<String> points = Arrays.stream(text.split(";")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        if (points.size() < minPoints || (minPoints == 1 && points.size() != 1)) {
            throw new WrongType();
        }
        List<List<Double>> parsed = new ArrayList<>();
        for (String p : points) {
            parsed.add(point(p));
        }
        if (closed && !parsed.get(0).subList(0, 2).equals(parsed.get(parsed.size() - 1).subList(0, 2))) {
            throw new WrongType();
        }
        return String.join(";", points);
    }

    private static List<Double> point(String text) throws WrongType {
        String[] parts = text.split("\\s+");
        if (parts.length < 2 || parts.length > 4) {
            throw new WrongType();
        }
        List<Double> values = new ArrayList<>();
        for (String part : parts) {
            try {
                values.add(Double.parseDouble(part));
            } catch (NumberFormatException e) {
                throw new WrongType();
            }
        }
        boolean inRange = Math.abs(values.get(0)) <= 90 && Math.abs(values.get(1)) <= 180
                && values.stream().allMatch(Double::isFinite) && (values.size() < 4 || values.get(3) >= 0);
        if (!inRange) {
            throw new WrongType();
        }
        return values;
    }
}
