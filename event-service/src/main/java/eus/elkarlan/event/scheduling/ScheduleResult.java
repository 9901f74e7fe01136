package eus.elkarlan.event.scheduling;

import java.util.List;

/**
 * A schedule found by {@link MeetingScheduler}, possibly not final.
 *
 * @param placements      placed meetings (meeting index, slot 1-based, table 1-based)
 * @param unscheduled     meetings that could not be placed, with the reason
 * @param breaks          total breaks (runs of idle slots strictly between two meetings of a participant)
 * @param optimal         whether the solver proved no schedule places more meetings with fewer breaks
 * @param fairnessRelaxed whether the fairness bound had to be dropped to find any schedule
 * @param bestBound       the solver's lower bound on breaks (for the meetings placed)
 * @param seconds         wall time spent so far
 */
public record ScheduleResult(List<Placement> placements, List<Unscheduled> unscheduled, int breaks, boolean optimal,
        boolean fairnessRelaxed, long bestBound, double seconds) {

    public record Placement(int meeting, int slot, int table) {
    }

    public record Unscheduled(int meeting, String reason) {
    }
}
