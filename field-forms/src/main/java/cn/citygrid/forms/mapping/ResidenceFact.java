package cn.citygrid.forms.mapping;

import java.util.Objects;

/**
 * Who lives in a house: confirmed, added, or moved out. {@code kind} is
 * owner|tenant|resident|other ({@code grid.residence.kind}); {@code present} is false when the
 * person was not met (or not asked because they moved out).
 */
public record ResidenceFact(String houseId, PersonRef person, String kind, boolean present, boolean movedOut)
        implements DomainFact {

    public ResidenceFact {
        Objects.requireNonNull(houseId, "houseId");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(kind, "kind");
    }
}
