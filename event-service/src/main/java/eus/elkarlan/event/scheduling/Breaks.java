package eus.elkarlan.event.scheduling;

import java.util.BitSet;

/** Counts breaks as the benchmark defines them: maximal runs of idle slots between two meetings. */
public final class Breaks {

    private Breaks() {
    }

    /** Breaks of one participant whose busy slots (1-based indexes) are set. */
    public static int of(BitSet busy) {
        int runs = 0;
        int previous = -2;
        for (int s = busy.nextSetBit(0); s >= 0; s = busy.nextSetBit(s + 1)) {
            if (s != previous + 1) {
                runs++;
            }
            previous = s;
        }
        return Math.max(0, runs - 1);
    }
}
