package cn.citygrid.sync.protocol.placecode;

/** The outcome of reading a scanned code: a verified {@link PlaceCode}, or a refusal saying why. */
public sealed interface PlaceCodeCheck {
    /** The code is well-formed and signed by the key it names. */
    record Valid(PlaceCode code) implements PlaceCodeCheck {
    }

    /**
     * The code must not be trusted: {@code why} for the words a person reads (apps and the server say it in
     * their own languages), {@code reason} the precise English detail, fit to log and to show an operator.
     */
    record Refused(Why why, String reason) implements PlaceCodeCheck {
    }

    /** Why a code is refused. */
    enum Why {
        /** Not a CityGrid code at all (another QR code). */
        NOT_OURS,
        /** Ours in form but damaged: segments, encoding or payload do not parse. */
        MALFORMED,
        /** Signed by a key the reader does not trust. */
        UNKNOWN_KEY,
        /** Signed by a key the platform retired: a genuine label that must be reprinted. */
        RETIRED_KEY,
        /** The signature does not verify: altered or forged. */
        FORGED
    }
}
