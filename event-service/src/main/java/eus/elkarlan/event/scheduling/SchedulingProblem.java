package eus.elkarlan.event.scheduling;

import java.util.List;
import java.util.Set;

/**
 * One instance of the B2B meeting scheduling problem, in solver terms: slots are numbered
 * 1..{@code slotSessions.size()}, participants and meetings by their position in the lists.
 *
 * @param slotSessions per slot (index 0 = slot 1): {@code MORNING} or {@code AFTERNOON}
 * @param tables       at most this many meetings in one slot
 * @param participants who meets
 * @param meetings     the accepted meetings to place
 * @param preferredTables per meeting index, the table it should keep when free (a published schedule)
 */
public record SchedulingProblem(List<String> slotSessions, int tables, List<Participant> participants,
        List<Meeting> meetings, java.util.Map<Integer, Integer> preferredTables) {

    public SchedulingProblem {
        slotSessions = List.copyOf(slotSessions);
        participants = List.copyOf(participants);
        meetings = List.copyOf(meetings);
        preferredTables = preferredTables == null ? java.util.Map.of() : java.util.Map.copyOf(preferredTables);
    }

    public SchedulingProblem(List<String> slotSessions, int tables, List<Participant> participants,
            List<Meeting> meetings) {
        this(slotSessions, tables, participants, meetings, java.util.Map.of());
    }

    public int slotCount() {
        return slotSessions.size();
    }

    /**
     * @param delegates   how many meetings the participant can hold at once
     * @param unavailable slot indexes (1-based) it cannot attend
     * @param fixedTable  its own table (a booth), or {@code null}
     */
    public record Participant(String id, int delegates, Set<Integer> unavailable, Integer fixedTable) {
        public Participant {
            unavailable = Set.copyOf(unavailable);
        }
    }

    /**
     * @param a         index of one participant
     * @param b         index of the other
     * @param session   {@code MORNING}, {@code AFTERNOON} or {@code ANY} (hard)
     * @param fixedSlot a slot the meeting must keep, or {@code null}
     */
    public record Meeting(String id, int a, int b, String session, Integer fixedSlot) {
    }

    /** Whether meeting {@code m} may take slot {@code s} (1-based), ignoring the other meetings. */
    public boolean allowed(int m, int s) {
        Meeting meeting = meetings.get(m);
        if (meeting.fixedSlot() != null && meeting.fixedSlot() != s) {
            return false;
        }
        String session = meeting.session();
        if (session != null && !"ANY".equals(session) && !session.equals(slotSessions.get(s - 1))) {
            return false;
        }
        return !participants.get(meeting.a()).unavailable().contains(s)
                && !participants.get(meeting.b()).unavailable().contains(s);
    }
}
