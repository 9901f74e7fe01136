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

    private final Map<String, Integer> ids = new HashMap<>();
    private String[] codes = new String[64];
    private int[] parents = new int[64];
    private int[] depths = new int[64];
    private int[] roots = new int[64];
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
        }
        int id = size++;
        codes[id] = code;
        parents[id] = parent;
        depths[id] = parent < 0 ? 0 : depths[parent] + 1;
        roots[id] = parent < 0 ? id : roots[parent];
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
