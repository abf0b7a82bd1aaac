package cn.citygrid.sync.protocol.verify;

import cn.citygrid.sync.protocol.cert.Sm2Certificate;
import cn.citygrid.sync.protocol.checkpoint.Checkpoint;
import cn.citygrid.sync.protocol.checkpoint.CheckpointVerifier;
import cn.citygrid.sync.protocol.checkpoint.NoteVerifier;
import cn.citygrid.sync.protocol.checkpoint.SignedNote;
import cn.citygrid.sync.protocol.checkpoint.VerifiedCheckpoint;
import cn.citygrid.sync.protocol.crypto.Sm2PublicKey;
import cn.citygrid.sync.protocol.receipt.Receipt;
import cn.citygrid.sync.protocol.record.LogEntry;
import java.util.List;
import java.util.function.Supplier;

/**
 * The pieces of a bundle, each parsed on first use. The step that first touches a piece sees its real parse
 * error (and fails); later steps needing it get {@link Blocked} (and are skipped).
 */
final class BundleContext {
    /** A step cannot run because a piece it needs failed in an earlier step. */
    static final class Blocked extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Blocked(String piece) {
            super("needs the " + piece + ", which failed above");
        }
    }

    private static final class Piece<T> {
        private final String name;
        private final Supplier<T> parse;
        private T value;
        private boolean failed;

        Piece(String name, Supplier<T> parse) {
            this.name = name;
            this.parse = parse;
        }

        T get() {
            if (failed) {
                throw new Blocked(name);
            }
            if (value == null) {
                try {
                    value = parse.get();
                } catch (RuntimeException e) {
                    failed = true;
                    throw e;
                }
            }
            return value;
        }
    }

    final AuditBundle bundle;
    final Piece<LogEntry> entry;
    final Piece<Sm2Certificate> deviceCert;
    final Piece<Sm2Certificate> caCert;
    final Piece<Receipt> receipt;
    final Piece<Checkpoint> checkpoint;
    final Piece<NoteVerifier> logKey;
    final Piece<VerifiedCheckpoint> logSigned;

    BundleContext(AuditBundle b) {
        this.bundle = b;
        entry = new Piece<>("envelope", () -> LogEntry.fromJson(b.entry()));
        deviceCert = new Piece<>("device certificate", () -> Sm2Certificate.fromPem(b.deviceCertificate()));
        caCert = new Piece<>("CA certificate", () -> Sm2Certificate.fromPem(b.caCertificate()));
        receipt = new Piece<>("receipt", () -> Receipt.fromJson(b.receipt()));
        checkpoint = new Piece<>("checkpoint", () -> Checkpoint.parse(SignedNote.parse(receipt().checkpoint()).text()));
        logKey = new Piece<>("log key", () -> new NoteVerifier(b.logKeyName(), Sm2PublicKey.fromPem(b.logPublicKey())));
        logSigned = new Piece<>("checkpoint signature",
                () -> CheckpointVerifier.verify(receipt().checkpoint(), logKey(), List.of()));
    }

    LogEntry entry() {
        return entry.get();
    }

    Sm2Certificate deviceCert() {
        return deviceCert.get();
    }

    Sm2Certificate caCert() {
        return caCert.get();
    }

    Receipt receipt() {
        return receipt.get();
    }

    Checkpoint checkpoint() {
        return checkpoint.get();
    }

    NoteVerifier logKey() {
        return logKey.get();
    }

    VerifiedCheckpoint logSigned() {
        return logSigned.get();
    }
}
