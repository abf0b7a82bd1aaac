package cn.citygrid.sync.protocol.checkpoint;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: text ending in a newline, a blank line, then one or more signature lines
 * {@code — <key name> <base64(key hash ‖ signature)>}. The signed text includes its final newline but not the
 * blank line; it is separated from the signatures by the note's last blank line.
 *
 * <p>Parsing checks form only (no control characters but newline, at most {@value #MAX_SIGNATURES} signature
 * lines, well-formed lines); which signatures verify is up to {@link CheckpointVerifier}. Immutable.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
    /** More signature lines than this make the note malformed (C2SP requires accepting at least 16). */
    public static final int MAX_SIGNATURES = 64;
    private static final String PREFIX = "\u2014 ";

    public SignedNote {
        if (!text.endsWith("\n")) {
            throw new NoteException("note text: got text without a final newline, want newline-terminated text");
        }
        signatures = List.copyOf(signatures);
    }

    /** The whole note: text, blank line, signature lines. */
    public String format() {
        StringBuilder sb = new StringBuilder(text).append('\n');
        signatures.forEach(s -> sb.append(s.line()));
        return sb.toString();
    }

    /** This note with {@code signature} appended. */
    public SignedNote with(NoteSignature signature) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new SignedNote(text, all);
    }

    /**
     * Parses a signed note.
     *
     * @throws NoteException naming the first malformed part
     */
    public static SignedNote parse(String note) {
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if ((c < 0x20 && c != '\n') || c == 0x7f) {
                throw new NoteException(String.format("note: got control character U+%04X at %d, want none but newline",
                        (int) c, i));
            }
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new NoteException("note: got no blank line followed by newline-terminated signature lines");
        }
        String text = note.substring(0, split + 1);
        List<String> lines = Arrays.asList(note.substring(split + 2, note.length() - 1).split("\n", -1));
        if (lines.size() > MAX_SIGNATURES) {
            throw new NoteException("note: got " + lines.size() + " signature lines, want at most " + MAX_SIGNATURES);
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            signatures.add(signatureLine(lines.get(i), i));
        }
        return new SignedNote(text, signatures);
    }

    private static NoteSignature signatureLine(String line, int n) {
        String where = "signature line " + (n + 1);
        if (!line.startsWith(PREFIX)) {
            throw new NoteException(where + ": got '" + line + "', want '— <key name> <base64>'");
        }
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new NoteException(where + ": got '" + line + "', want exactly '— <key name> <base64>'");
        }
        String b64 = rest.substring(space + 1);
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new NoteException(where + ": signature is not base64");
        }
        if (raw.length < 5 || !Base64.getEncoder().encodeToString(raw).equals(b64)) {
            throw new NoteException(where + ": got " + raw.length + " bytes of base64, want canonical base64 of a "
                    + "4-byte key hash and a signature");
        }
        ByteBuffer buf = ByteBuffer.wrap(raw);
        int keyHash = buf.getInt();
        byte[] sig = new byte[buf.remaining()];
        buf.get(sig);
        return new NoteSignature(rest.substring(0, space), keyHash, sig);
    }
}
