package cn.citygrid.sync.protocol.merkle;

import cn.citygrid.sync.protocol.crypto.Hex;
import java.util.Arrays;

/**
 * The hash of a perfect subtree: the one covering leaves [index·2^level, (index+1)·2^level). Level 0 nodes are
 * leaf hashes. Once the tree has grown past it such a node never changes, which is why a log stores exactly
 * these. Compares by value.
 */
public record PerfectNode(int level, long index, byte[] hash) {
    public PerfectNode {
        if (level < 0 || level > 63 || index < 0) {
            throw new IllegalArgumentException("got node (level " + level + ", index " + index
                    + "), want level 0..63 and index >= 0");
        }
        hash = hash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PerfectNode n && n.level == level && n.index == index && Arrays.equals(n.hash, hash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * level + Long.hashCode(index)) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "PerfectNode[level=" + level + ", index=" + index + ", hash=" + Hex.encode(hash) + "]";
    }
}
