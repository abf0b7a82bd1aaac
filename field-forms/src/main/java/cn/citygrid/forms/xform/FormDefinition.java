package cn.citygrid.forms.xform;

import static cn.citygrid.forms.xform.FormParseException.Reason.REJECTED_BY_JAVAROSA;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.instance.TreeElement;

/**
 * One published form version: the XForm XML exactly as uploaded, its id and version (from the
 * primary instance's {@code <data id="…" version="…">}), title, languages and field shape.
 * Immutable and thread-safe. Parsing checks the document once (well-formed, XForms, id and
 * version, JavaRosa parses and initialises it); sessions then work on their own fresh JavaRosa
 * copies, validations on one copy per thread whose primary instance is put back as published before
 * each use.
 */
public final class FormDefinition {

    private final byte[] xml;
    /** Written once by whichever thread first needs it; every thread computes the same bytes. */
    private volatile byte[] serialised;
    /** Per thread: a FormDef for validations and its primary instance as published (see {@link #reusedFormDef}). */
    private final ThreadLocal<Reused> reused = new ThreadLocal<>();
    private final String sha256;
    private final XFormHeader header;
    private final Languages languages;
    private final Schema schema;
    private final Messages messages;

    private FormDefinition(byte[] xml, XFormHeader header, FormDef form) {
        this.xml = xml;
        this.sha256 = sha256(xml);
        this.header = header;
        this.languages = Languages.of(form.getLocalizer());
        this.schema = new Schema(form, header);
        this.messages = new Messages(header, form.getLocalizer(), languages);
    }

    /** Parses an uploaded XForm; the bytes are copied. */
    public static FormDefinition parse(byte[] xml) throws FormParseException {
        byte[] copy = xml.clone();
        XFormHeader header = XFormHeader.read(copy);
        FormDef form = JavaRosa.parse(copy);
        try {
            JavaRosa.initialise(form, true);
        } catch (RuntimeException | StackOverflowError e) {
            throw new FormParseException(REJECTED_BY_JAVAROSA, "initialising: " + e.getMessage(), e);
        }
        return new FormDefinition(copy, header, form);
    }

    public static FormDefinition parse(String xml) throws FormParseException {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    public String id() {
        return header.id();
    }

    public String version() {
        return header.version();
    }

    public String title() {
        return header.title();
    }

    /** The XML as published (a copy). */
    public byte[] xml() {
        return xml.clone();
    }

    /** Lowercase hex SHA-256 of the XML: two uploads are the same version only if these match. */
    public String sha256() {
        return sha256;
    }

    /** The form's itext languages as declared (e.g. {@code zh-CN}, {@code en}); empty without itext. */
    public List<String> languages() {
        return languages.all();
    }

    /** Every node of the primary instance in document order, groups before their children. */
    public List<FormField> fields() {
        return new ArrayList<>(schema.fields().values());
    }

    @Override
    public String toString() {
        return "FormDefinition[" + id() + "@" + version() + "]";
    }

    /** A fresh FormDef: parsed once per published version, then read back from its serialised bytes. */
    FormDef newFormDef() {
        byte[] bytes = serialised;
        if (bytes == null) {
            bytes = JavaRosa.serialise(JavaRosa.reparse(xml));
            serialised = bytes;
        }
        try {
            return JavaRosa.deserialise(bytes);
        } catch (IllegalStateException unreadable) {
            return JavaRosa.reparse(xml); // a part JavaRosa cannot read back: parse, as before
        }
    }

    private record Reused(FormDef form, TreeElement published) {}

    /**
     * This thread's FormDef for one validation, its primary instance put back to the published one
     * (the loader populates a copy of it, so the published tree itself is only read). Reading back the
     * serialised form took half of a record's validation; the instance is the only part of a FormDef a
     * validation changes (ReusedFormDefTest checks reused against fresh copies over a corpus of
     * payloads in turn). Not for sessions, which keep their FormDef.
     */
    FormDef reusedFormDef() {
        Reused r = reused.get();
        if (r == null) {
            FormDef form = newFormDef();
            r = new Reused(form, form.getMainInstance().getRoot().deepCopy(true));
            reused.set(r);
        }
        r.form().getMainInstance().setRoot(r.published());
        return r.form();
    }

    /** After a validation that failed inside JavaRosa: this thread starts from a fresh copy next time. */
    void discardReusedFormDef() {
        reused.remove();
    }

    Schema schema() {
        return schema;
    }

    Messages messages() {
        return messages;
    }

    Languages languageTags() {
        return languages;
    }

    Map<String, XFormHeader.Bind> binds() {
        return header.binds();
    }

    String rootName() {
        return schema.rootName();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
