package cn.citygrid.forms.xform;

import static cn.citygrid.forms.Payloads.with;
import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.forms.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RecordValidatorConcurrencyTest {

    @Test
    void validatingFromManyThreads_givesTheSameResultsAsOneThread() throws Exception {
        FormDefinition form = TestForms.parse("/forms/household-visit.xml");
        Map<String, Object> valid = Json.payload("household-visit");
        Map<String, Object> invalid = with(valid, "/members/0/phone", "123");
        RecordValidator validator = new RecordValidator();
        ValidationResult validAlone = validator.validate(form, valid, List.of("door.jpg"));
        ValidationResult invalidAlone = validator.validate(form, invalid, List.of("door.jpg"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ValidationResult>> results = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                Map<String, Object> payload = i % 2 == 0 ? valid : invalid;
                results.add(pool.submit(() -> validator.validate(form, payload, List.of("door.jpg"))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? validAlone : invalidAlone);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
