package cn.citygrid.forms.mapping;

import java.util.Objects;

/** A care flag seen on a visit (elderly_alone, disabled, low_income, veteran, left_behind_child …). */
public record CareFlagFact(PersonRef person, String flag) implements DomainFact {

    public CareFlagFact {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(flag, "flag");
    }
}
