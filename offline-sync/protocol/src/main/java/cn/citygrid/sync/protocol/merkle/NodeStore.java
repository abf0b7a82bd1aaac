package cn.citygrid.sync.protocol.merkle;

/**
 * Read access to stored perfect-subtree hashes (see {@link PerfectNode}). Proof generation reads O(log n) of
 * them and never recomputes the tree.
 */
@FunctionalInterface
public interface NodeStore {
    /**
     * Hash of the perfect subtree covering leaves [index·2^level, (index+1)·2^level).
     * Precondition: that subtree is complete in the stored tree; implementations throw if the node is missing.
     */
    byte[] node(int level, long index);
}
