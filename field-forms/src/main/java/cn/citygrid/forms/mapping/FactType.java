package cn.citygrid.forms.mapping;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;

/** The fact types a mapping may produce, with the fields each takes and needs. */
enum FactType {
    RESIDENCE("residence", ResidenceFact.class, Set.of("houseId", "person", "kind", "present", "movedOut"),
            Set.of("houseId", "person", "kind"),
            v -> new ResidenceFact(v.text("houseId"), v.person("person"), v.text("kind"), v.flag("present"), v.flag("movedOut"))),
    CARE_FLAG("careFlag", CareFlagFact.class, Set.of("person", "flag"), Set.of("person", "flag"),
            v -> new CareFlagFact(v.person("person"), v.text("flag"))),
    PHONE("phone", PhoneFact.class, Set.of("person", "phone"), Set.of("person", "phone"),
            v -> new PhoneFact(v.person("person"), v.text("phone"))),
    EVENT("event", EventFact.class, Set.of("category", "description", "lon", "lat", "urgency", "attachmentNames"),
            Set.of("category", "description", "lon", "lat", "urgency"),
            v -> new EventFact(v.text("category"), v.text("description"), v.number("lon"), v.number("lat"),
                    v.text("urgency"), v.texts("attachmentNames"))),
    INSPECTION("inspection", InspectionFact.class, Set.of("targetType", "targetId", "result", "deadline", "items"),
            Set.of("targetType", "targetId", "result"),
            v -> new InspectionFact(v.text("targetType"), v.text("targetId"), v.text("result"), v.date("deadline"),
                    v.object("items"))),
    CHECK_IN("checkIn", CheckInFact.class, Set.of("placeCode", "lon", "lat"), Set.of("placeCode", "lon", "lat"),
            v -> new CheckInFact(v.text("placeCode"), v.number("lon"), v.number("lat")));

    private final String id;
    private final Class<? extends DomainFact> type;
    private final Set<String> fields;
    private final Set<String> required;
    private final Function<FactValues, DomainFact> build;

    FactType(String id, Class<? extends DomainFact> type, Set<String> fields, Set<String> required,
            Function<FactValues, DomainFact> build) {
        this.id = id;
        this.type = type;
        this.fields = fields;
        this.required = required;
        this.build = build;
    }

    String id() {
        return id;
    }

    Set<String> fields() {
        return fields;
    }

    Set<String> required() {
        return required;
    }

    DomainFact build(FactValues values) {
        return build.apply(values);
    }

    static FactType named(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new MappingException("unknown fact \"" + id + "\"; known: "
                        + Arrays.stream(values()).map(FactType::id).toList()));
    }

    static FactType of(DomainFact fact) {
        return Arrays.stream(values()).filter(t -> t.type.isInstance(fact)).findFirst().orElseThrow();
    }
}
