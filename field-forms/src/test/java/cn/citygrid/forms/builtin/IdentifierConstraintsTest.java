package cn.citygrid.forms.builtin;

import static cn.citygrid.forms.Payloads.with;
import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.forms.Json;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.RecordValidator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ID number (GB 11643) and credit code (GB 32100) check characters are computed in XPath
 * inside the forms; these tests cross-check the XPath against plain Java reference implementations
 * kept here, on generated identifiers with every possible check character.
 */
class IdentifierConstraintsTest {

    static final String ID_CHECK = "10X98765432";
    static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final int[] CODE_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    static char idCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11);
    }

    static char codeCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CODE_ALPHABET.indexOf(first17.charAt(i)) * CODE_WEIGHTS[i];
        }
        return CODE_ALPHABET.charAt((31 - sum % 31) % 31);
    }

    @Test
    void idNumberConstraint_agreesWithTheReference_forEveryCheckCharacter() {
        FormDefinition form = BuiltInForms.form(BuiltInForms.HOUSEHOLD_VISIT);
        Map<String, Object> visit = Json.payload(BuiltInForms.HOUSEHOLD_VISIT);
        Random random = new Random(11643);
        for (int i = 0; i < 60; i++) {
            String first17 = String.format("4403%02d%04d%02d%02d%03d", 1 + random.nextInt(9), 1950 + random.nextInt(70),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(1000));
            char right = idCheck(first17);
            char wrong = ID_CHECK.charAt((ID_CHECK.indexOf(right) + 1 + random.nextInt(10)) % 11);
            assertThat(valid(form, with(visit, "/members/1/id_number", first17 + right))).as(first17 + right).isTrue();
            assertThat(valid(form, with(visit, "/members/1/id_number", first17 + wrong))).as(first17 + wrong).isFalse();
        }
    }

    @Test
    void creditCodeConstraint_agreesWithTheReference() {
        FormDefinition form = BuiltInForms.form(BuiltInForms.INSPECTION);
        Map<String, Object> inspection = Json.payload(BuiltInForms.INSPECTION);
        Random random = new Random(32100);
        for (int i = 0; i < 60; i++) {
            StringBuilder first17 = new StringBuilder("91440300");
            while (first17.length() < 17) {
                first17.append(CODE_ALPHABET.charAt(random.nextInt(31)));
            }
            char right = codeCheck(first17.toString());
            char wrong = CODE_ALPHABET.charAt((CODE_ALPHABET.indexOf(right) + 1 + random.nextInt(30)) % 31);
            assertThat(valid(form, with(inspection, "/target/credit_code", first17.toString() + right))).isTrue();
            assertThat(valid(form, with(inspection, "/target/credit_code", first17.toString() + wrong))).isFalse();
        }
    }

    private static boolean valid(FormDefinition form, Map<String, Object> payload) {
        List<String> attachments = form.id().equals(BuiltInForms.INSPECTION)
                ? List.of("extinguisher.jpg", "signature.png") : List.of("door.jpg");
        return new RecordValidator().validate(form, payload, attachments).valid();
    }
}
