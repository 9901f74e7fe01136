package eus.elkarlan.event.scheduling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives every placed meeting a table once the slots are fixed: a participant with a fixed table (a
 * booth) keeps it; the others keep the table of their previous meeting when it is free, so people
 * move as little as possible. Fixed tables are never given to other meetings.
 */
final class TableAssigner {

    private TableAssigner() {
    }

    /** @param slotOf per meeting, its slot (1-based) or 0 when not placed; returns the table per meeting (0 = none) */
    static int[] assign(SchedulingProblem problem, int[] slotOf) {
        int tables = problem.tables();
        Set<Integer> reserved = new HashSet<>();
        for (SchedulingProblem.Participant p : problem.participants()) {
            if (p.fixedTable() != null && p.fixedTable() >= 1 && p.fixedTable() <= tables) {
                reserved.add(p.fixedTable());
            }
        }
        int[] lastTable = new int[problem.participants().size()];
        int[] tableOf = new int[slotOf.length];
        for (int s = 1; s <= problem.slotCount(); s++) {
            List<Integer> here = new ArrayList<>();
            for (int m = 0; m < slotOf.length; m++) {
                if (slotOf[m] == s) {
                    here.add(m);
                }
            }
            boolean[] used = new boolean[tables + 2];
            List<Integer> free = new ArrayList<>();
            List<Integer> kept = new ArrayList<>();
            for (int m : here) {
                Integer preferred = problem.preferredTables().get(m);
                if (preferred != null && preferred >= 1 && preferred <= tables && !used[preferred]
                        && fixedTableOf(problem, m, tables) == null && !reserved.contains(preferred)) {
                    used[preferred] = true;
                    tableOf[m] = preferred;
                    kept.add(m);
                }
            }
            for (int m : here) {
                if (kept.contains(m)) {
                    continue;
                }
                Integer fixed = fixedTableOf(problem, m, tables);
                if (fixed != null && !used[fixed]) {
                    used[fixed] = true;
                    tableOf[m] = fixed;
                } else {
                    free.add(m);
                }
            }
            // those who sat somewhere before choose first, so they can stay put
            free.sort(Comparator.comparingInt((Integer m) -> -(has(lastTable, problem, m))));
            List<Integer> rest = new ArrayList<>();
            for (int m : free) {
                SchedulingProblem.Meeting meeting = problem.meetings().get(m);
                int chosen = 0;
                for (int candidate : new int[] { lastTable[meeting.a()], lastTable[meeting.b()] }) {
                    if (candidate > 0 && !used[candidate] && !reserved.contains(candidate)) {
                        chosen = candidate;
                        break;
                    }
                }
                if (chosen > 0) {
                    used[chosen] = true;
                    tableOf[m] = chosen;
                } else {
                    rest.add(m);
                }
            }
            for (int m : rest) {
                int chosen = firstFree(used, reserved, tables, true);
                if (chosen == 0) {
                    chosen = firstFree(used, reserved, tables, false);
                }
                if (chosen > 0) {
                    used[chosen] = true;
                }
                tableOf[m] = chosen;
            }
            for (int m : here) {
                SchedulingProblem.Meeting meeting = problem.meetings().get(m);
                lastTable[meeting.a()] = tableOf[m];
                lastTable[meeting.b()] = tableOf[m];
            }
        }
        return tableOf;
    }

    private static int has(int[] lastTable, SchedulingProblem problem, int m) {
        SchedulingProblem.Meeting meeting = problem.meetings().get(m);
        return (lastTable[meeting.a()] > 0 ? 1 : 0) + (lastTable[meeting.b()] > 0 ? 1 : 0);
    }

    private static int firstFree(boolean[] used, Set<Integer> reserved, int tables, boolean skipReserved) {
        for (int t = 1; t <= tables; t++) {
            if (!used[t] && !(skipReserved && reserved.contains(t))) {
                return t;
            }
        }
        return 0;
    }

    static Integer fixedTableOf(SchedulingProblem problem, int m, int tables) {
        SchedulingProblem.Meeting meeting = problem.meetings().get(m);
        for (int party : Arrays.asList(meeting.a(), meeting.b())) {
            Integer fixed = problem.participants().get(party).fixedTable();
            if (fixed != null && fixed >= 1 && fixed <= tables) {
                return fixed;
            }
        }
        return null;
    }
}
