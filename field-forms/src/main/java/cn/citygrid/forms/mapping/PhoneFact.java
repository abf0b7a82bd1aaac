package cn.citygrid.forms.mapping;

import java.util.Objects;

/** A phone number a person gave on a visit. */
public record PhoneFact(PersonRef person, String phone) implements DomainFact {

    public PhoneFact {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(phone, "phone");
    }
}
