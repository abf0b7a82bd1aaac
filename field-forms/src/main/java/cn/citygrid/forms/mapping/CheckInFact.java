package cn.citygrid.forms.mapping;

import java.util.Objects;

/** A worker's check-in at a place code, at WGS 84 {@code lon}/{@code lat}. */
public record CheckInFact(String placeCode, double lon, double lat) implements DomainFact {

    public CheckInFact {
        Objects.requireNonNull(placeCode, "placeCode");
    }
}
