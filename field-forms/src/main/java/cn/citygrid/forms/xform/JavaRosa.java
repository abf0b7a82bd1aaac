package cn.citygrid.forms.xform;

import static cn.citygrid.forms.xform.FormParseException.Reason.REJECTED_BY_JAVAROSA;

import java.io.ByteArrayInputStream;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.instance.InstanceInitializationFactory;
import org.javarosa.model.xform.XFormsModule;
import org.javarosa.xform.util.XFormUtils;

/**
 * The one door to JavaRosa's parser. A JavaRosa {@link FormDef} is mutable and not thread-safe, so
 * every validation and every session gets its own, parsed from the published XML (a few
 * milliseconds for our forms). Parsing is serialised because the parser keeps static caches.
 */
final class JavaRosa {

    private static final Object PARSER = new Object();

    static {
        // registers the XForms answer parser that TreeElement.populate needs to restore an instance
        new XFormsModule().registerModule();
    }

    private JavaRosa() {}

    /** A parsed, not yet initialised form; throws when JavaRosa rejects the document. */
    static FormDef parse(byte[] xml) throws FormParseException {
        try {
            synchronized (PARSER) {
                return XFormUtils.getFormFromInputStream(new ByteArrayInputStream(xml));
            }
        } catch (Exception | StackOverflowError e) {
            throw new FormParseException(REJECTED_BY_JAVAROSA, String.valueOf(e.getMessage()), e);
        }
    }

    /** A form that parsed before: failing now is a bug, not bad input. */
    static FormDef reparse(byte[] xml) {
        try {
            return parse(xml);
        } catch (FormParseException e) {
            throw new IllegalStateException("a published form no longer parses", e);
        }
    }

    static void initialise(FormDef form, boolean newInstance) {
        form.initialize(newInstance, new InstanceInitializationFactory());
    }
}
