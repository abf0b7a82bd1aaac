package cn.citygrid.sync.protocol.placecode;

/** The outcome of reading a scanned code: a verified {@link PlaceCode}, or a refusal saying why. */
public sealed interface PlaceCodeCheck {
    /** The code is well-formed and signed by the key it names. */
    record Valid(PlaceCode code) implements PlaceCodeCheck {
    }

    /** The code must not be trusted; {@code reason} is fit to log and to show an operator. */
    record Refused(String reason) implements PlaceCodeCheck {
    }
}
