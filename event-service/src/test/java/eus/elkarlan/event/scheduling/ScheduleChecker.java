package eus.elkarlan.event.scheduling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An independent check of a schedule, written without the solver's code: every hard rule and the
 * break count recomputed from the placements alone. Returns the list of violations (empty = valid).
 */
public final class ScheduleChecker {

    private ScheduleChecker() {
    }

    public static List<String> violations(SchedulingProblem problem, ScheduleResult result, int fairness) {
        List<String> errors = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Map<Integer, Integer> perSlot = new HashMap<>();
        Map<String, Integer> perParticipantSlot = new HashMap<>();
        Map<String, Integer> tableUse = new HashMap<>();
        List<TreeSet<Integer>> busy = new ArrayList<>();
        for (int p = 0; p < problem.participants().size(); p++) {
            busy.add(new TreeSet<>());
        }
        for (ScheduleResult.Placement placement : result.placements()) {
            int m = placement.meeting();
            int s = placement.slot();
            if (!seen.add(m)) {
                errors.add("meeting " + m + " placed twice");
            }
            if (s < 1 || s > problem.slotCount()) {
                errors.add("meeting " + m + " in slot " + s + " outside the grid");
                continue;
            }
            SchedulingProblem.Meeting meeting = problem.meetings().get(m);
            String slotSession = problem.slotSessions().get(s - 1);
            if (!"ANY".equals(meeting.session()) && meeting.session() != null
                    && !meeting.session().equals(slotSession)) {
                errors.add("meeting " + m + " wants " + meeting.session() + " but is in slot " + s);
            }
            if (meeting.fixedSlot() != null && meeting.fixedSlot() != s) {
                errors.add("meeting " + m + " left its fixed slot");
            }
            if (placement.table() < 1 || placement.table() > problem.tables()) {
                errors.add("meeting " + m + " at table " + placement.table() + " outside 1.." + problem.tables());
            }
            if (tableUse.merge(s + "/" + placement.table(), 1, Integer::sum) > 1) {
                errors.add("table " + placement.table() + " double-booked in slot " + s);
            }
            perSlot.merge(s, 1, Integer::sum);
            for (int p : new int[] { meeting.a(), meeting.b() }) {
                SchedulingProblem.Participant participant = problem.participants().get(p);
                if (participant.unavailable().contains(s)) {
                    errors.add("participant " + p + " unavailable in slot " + s + " (meeting " + m + ")");
                }
                int count = perParticipantSlot.merge(p + "/" + s, 1, Integer::sum);
                if (count > Math.max(1, participant.delegates())) {
                    errors.add("participant " + p + " has " + count + " meetings in slot " + s);
                }
                busy.get(p).add(s);
            }
            Integer fixedA = problem.participants().get(meeting.a()).fixedTable();
            Integer fixedB = problem.participants().get(meeting.b()).fixedTable();
            if (fixedA != null && placement.table() != fixedA && (fixedB == null || placement.table() != fixedB)) {
                errors.add("meeting " + m + " not at the fixed table " + fixedA);
            }
        }
        perSlot.forEach((s, count) -> {
            if (count > problem.tables()) {
                errors.add("slot " + s + " holds " + count + " meetings for " + problem.tables() + " tables");
            }
        });
        for (ScheduleResult.Unscheduled u : result.unscheduled()) {
            if (!seen.add(u.meeting())) {
                errors.add("meeting " + u.meeting() + " both placed and unscheduled");
            }
        }
        if (seen.size() != problem.meetings().size()) {
            errors.add("some meetings are neither placed nor listed as unscheduled");
        }
        int total = 0;
        int max = Integer.MIN_VALUE;
        int min = Integer.MAX_VALUE;
        for (int p = 0; p < busy.size(); p++) {
            TreeSet<Integer> slots = busy.get(p);
            int breaks = 0;
            Integer previous = null;
            for (int s : slots) {
                if (previous != null && s - previous > 1) {
                    breaks++;
                }
                previous = s;
            }
            total += breaks;
            if (hasMeetings(problem, p)) {
                max = Math.max(max, breaks);
                min = Math.min(min, breaks);
            }
        }
        if (total != result.breaks()) {
            errors.add("reported " + result.breaks() + " breaks, recounted " + total);
        }
        if (fairness >= 0 && !result.fairnessRelaxed() && max != Integer.MIN_VALUE && max - min > fairness) {
            errors.add("fairness broken: max " + max + " − min " + min + " > " + fairness);
        }
        return errors;
    }

    private static boolean hasMeetings(SchedulingProblem problem, int p) {
        for (SchedulingProblem.Meeting m : problem.meetings()) {
            if (m.a() == p || m.b() == p) {
                return true;
            }
        }
        return false;
    }
}
