package cn.citygrid.sync.protocol.verify;

import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointVerifier;
import cn.citygrid.sync.protocol.crypto.Hex;
import cn.citygrid.sync.protocol.merkle.MerkleVerifier;
import cn.citygrid.sync.protocol.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.List;

/** The optional consistency step: the receipt's checkpoint is a prefix of a later log-signed checkpoint. */
final class ConsistencyCheck {
    private ConsistencyCheck() {
    }

    static String check(BundleContext c) {
        if (c.bundle.consistency().isEmpty()) {
            return "no later checkpoint in the bundle: nothing to check";
        }
        AuditBundle.LaterCheckpoint later = c.bundle.consistency().get();
        Checkpoint first = c.logSigned().checkpoint();
        Checkpoint second = CheckpointVerifier.verify(later.checkpoint(), c.logKey(), List.of()).checkpoint();
        if (!second.origin().equals(first.origin())) {
            throw new IllegalStateException("later checkpoint origin " + second.origin() + " is not " + first.origin());
        }
        List<byte[]> proof = new ArrayList<>();
        for (int i = 0; i < later.proof().size(); i++) {
            String h = later.proof().get(i);
            if (!Hex.isHex(h, 32)) {
                throw new IllegalStateException("consistency.proof[" + i + "]: got '" + h + "', want 64 lowercase hex");
            }
            proof.add(Hex.decode(h));
        }
        MerkleVerifier.verifyConsistency(TreeHasher.SM3, first.size(), second.size(), proof, first.root(),
                second.root());
        return "tree of " + first.size() + " is a prefix of the log-signed tree of " + second.size();
    }
}
