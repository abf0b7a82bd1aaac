package cn.citygrid.forms.xform;

import org.javarosa.core.model.Constants;

/**
 * The kind of answer a question takes, as the payload spells it. {@link #id()} is the XForms
 * name ({@code int}, {@code select1}, {@code geopoint} …); binary answers are split by the
 * upload's media type so the phone knows whether to open the camera or the recorder.
 */
public enum AnswerType {
    TEXT("text"), INTEGER("int"), DECIMAL("decimal"), BOOLEAN("boolean"),
    DATE("date"), TIME("time"), DATE_TIME("dateTime"),
    SELECT_ONE("select1"), SELECT_MULTIPLE("select"),
    GEOPOINT("geopoint"), GEOTRACE("geotrace"), GEOSHAPE("geoshape"),
    BARCODE("barcode"), IMAGE("image"), AUDIO("audio"), VIDEO("video"), FILE("file");

    private final String id;

    AnswerType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean isBinary() {
        return this == IMAGE || this == AUDIO || this == VIDEO || this == FILE;
    }

    public boolean isNumber() {
        return this == INTEGER || this == DECIMAL;
    }

    /** From JavaRosa's data type of the node and control type of its question (-1 without one). */
    static AnswerType of(int dataType, int controlType) {
        return switch (dataType) {
            case Constants.DATATYPE_INTEGER, Constants.DATATYPE_LONG -> INTEGER;
            case Constants.DATATYPE_DECIMAL -> DECIMAL;
            case Constants.DATATYPE_BOOLEAN -> BOOLEAN;
            case Constants.DATATYPE_DATE -> DATE;
            case Constants.DATATYPE_TIME -> TIME;
            case Constants.DATATYPE_DATE_TIME -> DATE_TIME;
            case Constants.DATATYPE_CHOICE -> SELECT_ONE;
            case Constants.DATATYPE_MULTIPLE_ITEMS -> SELECT_MULTIPLE;
            case Constants.DATATYPE_GEOPOINT -> GEOPOINT;
            case Constants.DATATYPE_GEOTRACE -> GEOTRACE;
            case Constants.DATATYPE_GEOSHAPE -> GEOSHAPE;
            case Constants.DATATYPE_BARCODE -> BARCODE;
            case Constants.DATATYPE_BINARY -> binary(controlType);
            default -> controlType == Constants.CONTROL_SELECT_ONE ? SELECT_ONE
                    : controlType == Constants.CONTROL_SELECT_MULTI ? SELECT_MULTIPLE : TEXT;
        };
    }

    private static AnswerType binary(int controlType) {
        return switch (controlType) {
            case Constants.CONTROL_IMAGE_CHOOSE -> IMAGE;
            case Constants.CONTROL_AUDIO_CAPTURE -> AUDIO;
            case Constants.CONTROL_VIDEO_CAPTURE -> VIDEO;
            default -> FILE;
        };
    }
}
