package cn.citygrid.forms.mapping;

import java.util.List;
import java.util.Objects;

/** An event to open (事件上报), at WGS 84 {@code lon}/{@code lat} as the phone measured it. */
public record EventFact(String category, String description, double lon, double lat, String urgency,
        List<String> attachmentNames) implements DomainFact {

    public EventFact {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(urgency, "urgency");
        attachmentNames = List.copyOf(attachmentNames);
    }
}
