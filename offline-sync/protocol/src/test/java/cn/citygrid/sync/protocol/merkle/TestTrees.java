package cn.citygrid.sync.protocol.merkle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds stored trees for tests. */
final class TestTrees {
    final Hasher hasher;
    final List<byte[]> leafData = new ArrayList<>();
    final InMemoryNodeStore store = new InMemoryNodeStore();
    final MerkleAppender appender;
    final List<byte[]> roots = new ArrayList<>();

    TestTrees(Hasher hasher) {
        this.hasher = hasher;
        this.appender = new MerkleAppender(hasher);
        roots.add(hasher.emptyRoot());
    }

    /** A tree of {@code size} leaves with distinct pseudo-random data; remembers the root of every prefix. */
    static TestTrees random(Hasher hasher, int size, long seed) {
        TestTrees t = new TestTrees(hasher);
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            byte[] data = new byte[1 + random.nextInt(24)];
            random.nextBytes(data);
            t.add(ByteBuffer.allocate(data.length + 4).putInt(i).put(data).array());
        }
        return t;
    }

    void add(byte[] data) {
        leafData.add(data);
        MerkleAppender.Appended a = appender.append(hasher.hashLeaf(data));
        store.putAll(a.newNodes());
        roots.add(a.root());
    }

    byte[] leafHash(long index) {
        return store.node(0, index);
    }

    int size() {
        return leafData.size();
    }
}
