package cn.citygrid.sync.protocol.checkpoint;

import java.time.Instant;
import java.util.List;

/**
 * A checkpoint whose log signature verified, with the cosignatures of configured witnesses that verified.
 *
 * @param checkpoint   the parsed body
 * @param note         the whole signed note
 * @param cosignatures one entry per verified witness line, in note order
 */
public record VerifiedCheckpoint(Checkpoint checkpoint, SignedNote note, List<Cosignature> cosignatures) {
    /** A verified witness cosignature and the time it states. */
    public record Cosignature(String witness, Instant time) {
    }

    public VerifiedCheckpoint {
        cosignatures = List.copyOf(cosignatures);
    }
}
