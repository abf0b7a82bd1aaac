package cn.citygrid.sync.protocol.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Appends leaves to an RFC 9162 tree held as a compact range: the roots of the perfect subtrees along the right
 * border, one per set bit of the size, largest (leftmost) first. Each append returns the perfect nodes it
 * completed — exactly what a log must persist — so a server appending 1,024 leaves writes only new nodes and
 * never rereads or rehashes old ones.
 *
 * <p>Invariant: {@code borderRoots().size() == Long.bitCount(size())}. Not thread-safe (a log has one writer).
 */
public final class MerkleAppender {
    private final Hasher hasher;
    private final List<byte[]> border;
    private long size;

    /** An appender for the empty tree. */
    public MerkleAppender(Hasher hasher) {
        this(hasher, 0, List.of());
    }

    private MerkleAppender(Hasher hasher, long size, List<byte[]> borderRoots) {
        this.hasher = hasher;
        this.size = size;
        this.border = new ArrayList<>();
        borderRoots.forEach(h -> border.add(h.clone()));
    }

    /**
     * Resumes a tree of {@code size} leaves from its border roots (largest subtree first).
     *
     * @throws IllegalArgumentException unless there is one root of the hasher's size per set bit of size
     */
    public static MerkleAppender resume(Hasher hasher, long size, List<byte[]> borderRoots) {
        if (size < 0 || borderRoots.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("got " + borderRoots.size() + " border roots for size " + size
                    + ", want " + Long.bitCount(Math.max(size, 0)) + " (one per set bit)");
        }
        for (byte[] h : borderRoots) {
            if (h.length != hasher.size()) {
                throw new IllegalArgumentException("got border root of " + h.length + " bytes, want " + hasher.size());
            }
        }
        return new MerkleAppender(hasher, size, borderRoots);
    }

    /** Resumes from the border nodes of a stored tree of {@code size} leaves. */
    public static MerkleAppender fromStore(Hasher hasher, NodeStore store, long size) {
        List<byte[]> roots = new ArrayList<>();
        for (PerfectNode position : borderPositions(size)) {
            roots.add(store.node(position.level(), position.index()));
        }
        return resume(hasher, size, roots);
    }

    /** Positions (hash left empty) of the right-border perfect subtrees of a tree of {@code size}, left first. */
    public static List<PerfectNode> borderPositions(long size) {
        List<PerfectNode> out = new ArrayList<>();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                out.add(new PerfectNode(level, start >>> level, new byte[0]));
                start += 1L << level;
            }
        }
        return out;
    }

    /** Result of an append: where the leaf went, the perfect nodes completed by it (leaf first), the new root. */
    public record Appended(long index, List<PerfectNode> newNodes, byte[] root) {
    }

    /** Appends one leaf hash (e.g. {@code hasher.hashLeaf(data)}). */
    public Appended append(byte[] leafHash) {
        long index = size;
        List<PerfectNode> created = push(leafHash);
        return new Appended(index, List.copyOf(created), root());
    }

    /** Appends leaf hashes in order; returns every completed node and the final root once. */
    public Appended appendAll(List<byte[]> leafHashes) {
        long first = size;
        List<PerfectNode> created = new ArrayList<>();
        for (byte[] leaf : leafHashes) {
            created.addAll(push(leaf));
        }
        return new Appended(first, List.copyOf(created), root());
    }

    private List<PerfectNode> push(byte[] leafHash) {
        if (leafHash.length != hasher.size()) {
            throw new IllegalArgumentException("got leaf hash of " + leafHash.length + " bytes, want " + hasher.size());
        }
        List<PerfectNode> created = new ArrayList<>();
        byte[] h = leafHash.clone();
        created.add(new PerfectNode(0, size, h));
        int level = 0;
        for (long n = size; (n & 1) == 1; n >>>= 1) {
            h = hasher.hashChildren(border.remove(border.size() - 1), h);
            level++;
            created.add(new PerfectNode(level, size >>> level, h));
        }
        border.add(h);
        size++;
        return created;
    }

    /** Root of the current tree ({@link Hasher#emptyRoot()} when empty). */
    public byte[] root() {
        if (border.isEmpty()) {
            return hasher.emptyRoot();
        }
        byte[] r = border.get(border.size() - 1);
        for (int i = border.size() - 2; i >= 0; i--) {
            r = hasher.hashChildren(border.get(i), r);
        }
        return r.clone();
    }

    public long size() {
        return size;
    }

    /** Copies of the border roots, largest subtree first. */
    public List<byte[]> borderRoots() {
        return border.stream().map(byte[]::clone).toList();
    }

    @Override
    public String toString() {
        return "MerkleAppender[size=" + size + ", border=" + border.stream().map(Arrays::hashCode).toList() + "]";
    }
}
