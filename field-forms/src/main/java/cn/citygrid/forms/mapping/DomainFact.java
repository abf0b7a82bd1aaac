package cn.citygrid.forms.mapping;

/**
 * A fact about the person–house grid (or an event, inspection or check-in) that one validated
 * record states. The server applies facts with the record's provenance (the signed record id and
 * the {@code field_visit} source); facts themselves carry only what the form said.
 */
public sealed interface DomainFact
        permits ResidenceFact, CareFlagFact, PhoneFact, EventFact, InspectionFact, CheckInFact {

    /** The fact type's name as mapping files spell it ({@code residence}, {@code careFlag} …). */
    default String type() {
        return FactType.of(this).id();
    }
}
