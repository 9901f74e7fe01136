package eus.elkarlan.matching.company;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Interned taxonomy concepts with their parent (given by the dot prefix: {@code cybersecurity} is
 * the parent of {@code cybersecurity.audit}) and depth. Grows as snapshots bring new codes; never
 * shrinks (codes are not personal data). Not thread-safe: guarded by the {@link CompanyDirectory}.
 */
public final class ConceptTable {

    private static final int[] NONE = new int[0];

    private final Map<String, Integer> ids = new HashMap<>();
    private String[] codes = new String[64];
    private int[] parents = new int[64];
    private int[] depths = new int[64];
    private int[] roots = new int[64];
    private int[][] children = new int[64][];
    private int size;

    /** The id of a code, interning it and its ancestors. */
    public int intern(String code) {
        Integer existing = ids.get(code);
        if (existing != null) {
            return existing;
        }
        int dot = code.lastIndexOf('.');
        int parent = dot < 0 ? -1 : intern(code.substring(0, dot));
        if (size == codes.length) {
            codes = Arrays.copyOf(codes, size * 2);
            parents = Arrays.copyOf(parents, size * 2);
            depths = Arrays.copyOf(depths, size * 2);
            roots = Arrays.copyOf(roots, size * 2);
            children = Arrays.copyOf(children, size * 2);
        }
        int id = size++;
        codes[id] = code;
        parents[id] = parent;
        depths[id] = parent < 0 ? 0 : depths[parent] + 1;
        roots[id] = parent < 0 ? id : roots[parent];
        children[id] = NONE;
        if (parent >= 0) {
            int[] siblings = children[parent];
            children[parent] = Arrays.copyOf(siblings, siblings.length + 1);
            children[parent][siblings.length] = id;
        }
        ids.put(code, id);
        return id;
    }

    public String code(int id) {
        return codes[id];
    }

    public int parent(int id) {
        return parents[id];
    }

    public int depth(int id) {
        return depths[id];
    }

    /**
     * Writes into {@code out}, from {@code count} on, every concept at most {@code maxSteps} steps
     * from {@code id} in the tree (itself included), and returns the new count; grows {@code out[0]}
     * when needed. Each concept is written once: a tree has one path between two nodes.
     */
    public int within(int id, int maxSteps, int[][] out, int count) {
        return walk(id, -1, maxSteps, out, count);
    }

    private int walk(int id, int from, int stepsLeft, int[][] out, int count) {
        if (count == out[0].length) {
            out[0] = Arrays.copyOf(out[0], Math.max(16, count * 2));
        }
        out[0][count++] = id;
        if (stepsLeft == 0) {
            return count;
        }
        int parent = parents[id];
        if (parent >= 0 && parent != from) {
            count = walk(parent, id, stepsLeft - 1, out, count);
        }
        for (int child : children[id]) {
            if (child != from) {
                count = walk(child, id, stepsLeft - 1, out, count);
            }
        }
        return count;
    }

    /** The top-level family of a concept. */
    public int root(int id) {
        return roots[id];
    }

    public int size() {
        return size;
    }

    /** The lowest common ancestor (or self) of two concepts, -1 when they share no root. */
    public int lowestCommonAncestor(int a, int b) {
        while (depths[a] > depths[b]) {
            a = parents[a];
        }
        while (depths[b] > depths[a]) {
            b = parents[b];
        }
        while (a != b) {
            a = parents[a];
            b = parents[b];
            if (a < 0 || b < 0) {
                return -1;
            }
        }
        return a;
    }
}
