package eus.elkarlan.matching.company;

import java.util.Arrays;

/**
 * What the ranking's first pass reads of every candidate, packed by ordinal into one flat array
 * (four longs per company): a pass over thousands of candidates then reads one or two cache lines
 * per candidate, instead of following each candidate's objects. Written under the
 * {@link CompanyDirectory}'s write lock, read under its read lock.
 */
public final class CompanyColumns {

    private static final int STRIDE = 4;
    // [0] region << 32 | division; [1] languages | (size + 1) << 16 | offers << 24 | needs << 44;
    // [2] union of the offers' stem masks; [3] union of the needs' stem masks
    private long[] data = new long[64 * STRIDE];

    void set(int ordinal, PackedProfile p) {
        if ((ordinal + 1) * STRIDE > data.length) {
            data = Arrays.copyOf(data, Math.max((ordinal + 1) * STRIDE, data.length * 2));
        }
        int at = ordinal * STRIDE;
        data[at] = ((long) p.region << 32) | (p.division & 0xffffffffL);
        data[at + 1] = (p.languages & 0xffffL) | (long) ((p.size + 1) & 0xff) << 16
                | (long) Math.min(p.offers.count, 0xfffff) << 24 | (long) Math.min(p.needs.count, 0xfffff) << 44;
        data[at + 2] = p.offers.stemUnion;
        data[at + 3] = p.needs.stemUnion;
    }

    /** See {@link PackedProfile#region}. */
    public int region(int ordinal) {
        return (int) (data[ordinal * STRIDE] >>> 32);
    }

    /** See {@link PackedProfile#division}. */
    public int division(int ordinal) {
        return (int) data[ordinal * STRIDE];
    }

    /** See {@link PackedProfile#languages}. */
    public int languages(int ordinal) {
        return (int) (data[ordinal * STRIDE + 1] & 0xffff);
    }

    /** See {@link PackedProfile#size}. */
    public int size(int ordinal) {
        return (int) ((data[ordinal * STRIDE + 1] >>> 16) & 0xff) - 1;
    }

    /** Number of offers (capped at about a million). */
    public int offerCount(int ordinal) {
        return (int) ((data[ordinal * STRIDE + 1] >>> 24) & 0xfffff);
    }

    /** Number of needs (capped at about a million). */
    public int needCount(int ordinal) {
        return (int) ((data[ordinal * STRIDE + 1] >>> 44) & 0xfffff);
    }

    /** The union of the stem masks of the company's offers. */
    public long offerStems(int ordinal) {
        return data[ordinal * STRIDE + 2];
    }

    /** The union of the stem masks of the company's needs. */
    public long needStems(int ordinal) {
        return data[ordinal * STRIDE + 3];
    }
}
