package cn.citygrid.forms.xform;

import static cn.citygrid.forms.xform.FormParseException.Reason.REJECTED_BY_JAVAROSA;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.javarosa.core.model.CoreModelModule;
import org.javarosa.core.services.PrototypeManager;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.instance.InstanceInitializationFactory;
import org.javarosa.core.util.externalizable.DeserializationException;
import org.javarosa.core.util.externalizable.ExtUtil;
import org.javarosa.model.xform.XFormsModule;
import org.javarosa.xform.util.XFormUtils;

/**
 * The one door to JavaRosa's parser. A JavaRosa {@link FormDef} is mutable and not thread-safe, so
 * every validation and every session gets its own: read back from the form's serialised FormDef
 * (as ODK Collect caches forms), not parsed again from XML. Parsing is serialised because the
 * parser keeps static caches; reading back is not.
 */
final class JavaRosa {

    private static final Object PARSER = new Object();

    static {
        // registers the XForms answer parser that TreeElement.populate needs to restore an instance,
        // and the model classes a serialised FormDef names
        new XFormsModule().registerModule();
        PrototypeManager.registerPrototypes(CoreModelModule.classNames);
        PrototypeManager.registerPrototypes(externalizables().toArray(String[]::new));
    }

    /**
     * Every concrete Externalizable class of JavaRosa's jar: a serialised FormDef names its parts
     * (XPath expressions and functions, bindings, actions) by a hash that only registered classes resolve.
     */
    private static java.util.List<String> externalizables() {
        java.util.List<String> names = new java.util.ArrayList<>();
        try {
            java.net.URL jar = FormDef.class.getProtectionDomain().getCodeSource().getLocation();
            try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(jar.openStream())) {
                for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    String n = e.getName();
                    if (!n.startsWith("org/javarosa/") || !n.endsWith(".class") || n.contains("$")) {
                        continue;
                    }
                    String name = n.substring(0, n.length() - 6).replace('/', '.');
                    try {
                        Class<?> c = Class.forName(name, false, JavaRosa.class.getClassLoader());
                        if (org.javarosa.core.util.externalizable.Externalizable.class.isAssignableFrom(c) && !c.isInterface()
                                && !java.lang.reflect.Modifier.isAbstract(c.getModifiers()) && hasNoArgConstructor(c)) {
                            names.add(name);
                        }
                    } catch (ClassNotFoundException | LinkageError skipped) {
                        // a class of an optional dependency: not part of any form we serialise
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // without the scan, reading back fails and newFormDef() parses the XML instead
        }
        return names;
    }

    private static boolean hasNoArgConstructor(Class<?> c) {
        try {
            c.getConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
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

    /** A parsed form as bytes: reading these back costs a fraction of parsing the XML, and takes no lock. */
    static byte[] serialise(FormDef form) {
        return ExtUtil.serialize(form);
    }

    /** A fresh FormDef from {@link #serialise} bytes. */
    static FormDef deserialise(byte[] bytes) {
        try {
            return (FormDef) ExtUtil.deserialize(bytes, FormDef.class, ExtUtil.defaultPrototypes());
        } catch (IOException | DeserializationException e) {
            throw new IllegalStateException("a serialised form no longer reads", e);
        }
    }

    static void initialise(FormDef form, boolean newInstance) {
        form.initialize(newInstance, new InstanceInitializationFactory());
    }
}
