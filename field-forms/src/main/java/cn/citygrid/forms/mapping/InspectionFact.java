package cn.citygrid.forms.mapping;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An inspection to attach to its target: {@code targetType} house|place|enterprise and its id
 * (house or place id, or credit code); {@code deadline} is null unless rectification was ordered;
 * {@code items} are the checklist answers as in the payload, in form order.
 */
public record InspectionFact(String targetType, String targetId, String result, LocalDate deadline,
        Map<String, Object> items) implements DomainFact {

    public InspectionFact {
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(result, "result");
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }
}
