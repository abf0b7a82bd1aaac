package cn.citygrid.sync.protocol.merkle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9162 §2.1 written out literally (MTH, PATH, SUBPROOF over leaf ranges), for cross-checking the real code.
 * Subtree hashes are memoized by range only to keep the test fast; the recursion is the RFC's.
 */
final class NaiveMerkleTree {
    private final Hasher hasher;
    private final List<byte[]> leaves;
    private final Map<Long, byte[]> memo = new HashMap<>();

    NaiveMerkleTree(Hasher hasher, List<byte[]> leafData) {
        this.hasher = hasher;
        this.leaves = leafData;
    }

    byte[] root(int n) {
        return mth(0, n);
    }

    List<byte[]> inclusion(int m, int n) {
        return path(m, 0, n);
    }

    List<byte[]> consistency(int m, int n) {
        return subproof(m, 0, n, true);
    }

    private byte[] mth(int from, int to) {
        long key = ((long) from << 32) | to;
        byte[] cached = memo.get(key);
        if (cached != null) {
            return cached;
        }
        int n = to - from;
        byte[] h;
        if (n == 0) {
            h = hasher.emptyRoot();
        } else if (n == 1) {
            h = hasher.hashLeaf(leaves.get(from));
        } else {
            int k = largestPowerOfTwoBelow(n);
            h = hasher.hashChildren(mth(from, from + k), mth(from + k, to));
        }
        memo.put(key, h);
        return h;
    }

    private List<byte[]> path(int m, int from, int to) {
        int n = to - from;
        List<byte[]> out = new ArrayList<>();
        if (n == 1) {
            return out;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            out.addAll(path(m, from, from + k));
            out.add(mth(from + k, to));
        } else {
            out.addAll(path(m - k, from + k, to));
            out.add(mth(from, from + k));
        }
        return out;
    }

    private List<byte[]> subproof(int m, int from, int to, boolean b) {
        int n = to - from;
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(from, to));
            }
            return out;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            out.addAll(subproof(m, from, from + k, b));
            out.add(mth(from + k, to));
        } else {
            out.addAll(subproof(m - k, from + k, to, false));
            out.add(mth(from, from + k));
        }
        return out;
    }

    static int largestPowerOfTwoBelow(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }
}
