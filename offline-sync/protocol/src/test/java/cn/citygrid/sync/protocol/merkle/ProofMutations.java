package cn.citygrid.sync.protocol.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Every single-step corruption of a proof's hash list: bit flips, dropped, added and reordered hashes. */
final class ProofMutations {
    private ProofMutations() {
    }

    static Map<String, List<byte[]>> of(List<byte[]> proof, Random random) {
        Map<String, List<byte[]>> out = new LinkedHashMap<>();
        for (int i = 0; i < proof.size(); i++) {
            atIndex(proof, i, random, out);
        }
        byte[] extra = new byte[32];
        random.nextBytes(extra);
        List<byte[]> appended = copy(proof);
        appended.add(extra);
        out.put("append a hash", appended);
        List<byte[]> prepended = copy(proof);
        prepended.add(0, extra);
        out.put("prepend a hash", prepended);
        if (!proof.isEmpty()) {
            List<byte[]> duplicated = copy(proof);
            duplicated.add(proof.get(proof.size() - 1));
            out.put("repeat the last hash", duplicated);
        }
        return out;
    }

    /** Flip a random bit of proof[i], drop proof[i], swap proof[i] with proof[i+1]. */
    private static void atIndex(List<byte[]> proof, int i, Random random, Map<String, List<byte[]>> out) {
        List<byte[]> flipped = copy(proof);
        byte[] h = flipped.get(i).clone();
        int bit = random.nextInt(h.length * 8);
        h[bit / 8] ^= (byte) (1 << (bit % 8));
        flipped.set(i, h);
        out.put("flip bit " + bit + " of proof[" + i + "]", flipped);
        List<byte[]> dropped = copy(proof);
        dropped.remove(i);
        out.put("drop proof[" + i + "]", dropped);
        if (i + 1 < proof.size() && !Arrays.equals(proof.get(i), proof.get(i + 1))) {
            List<byte[]> swapped = copy(proof);
            swapped.set(i, proof.get(i + 1));
            swapped.set(i + 1, proof.get(i));
            out.put("swap proof[" + i + "] and proof[" + (i + 1) + "]", swapped);
        }
    }

    private static List<byte[]> copy(List<byte[]> proof) {
        return new ArrayList<>(proof);
    }
}
