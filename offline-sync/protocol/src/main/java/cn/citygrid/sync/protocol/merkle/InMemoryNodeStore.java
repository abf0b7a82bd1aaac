package cn.citygrid.sync.protocol.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link NodeStore} in memory, filled append-only from {@link MerkleAppender} output. For tests and small
 * tools; not thread-safe.
 */
public final class InMemoryNodeStore implements NodeStore {
    private final List<List<byte[]>> levels = new ArrayList<>();

    /** Stores {@code nodes}; each must be the next node of its level (or repeat a stored one identically). */
    public void putAll(List<PerfectNode> nodes) {
        nodes.forEach(this::put);
    }

    /** Stores one node; see {@link #putAll(List)}. */
    public void put(PerfectNode node) {
        while (levels.size() <= node.level()) {
            levels.add(new ArrayList<>());
        }
        List<byte[]> level = levels.get(node.level());
        if (node.index() == level.size()) {
            level.add(node.hash());
        } else if (node.index() > level.size()) {
            throw new IllegalArgumentException("got node index " + node.index() + " at level " + node.level()
                    + ", want " + level.size() + " (nodes are stored in order)");
        } else if (!java.util.Arrays.equals(level.get((int) node.index()), node.hash())) {
            throw new IllegalArgumentException("node (" + node.level() + ", " + node.index()
                    + ") is already stored with a different hash");
        }
    }

    @Override
    public byte[] node(int level, long index) {
        if (level >= levels.size() || index >= levels.get(level).size() || index < 0) {
            throw new IllegalStateException("no stored node at level " + level + ", index " + index);
        }
        return levels.get(level).get((int) index).clone();
    }
}
