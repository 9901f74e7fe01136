package eus.elkarlan.event.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MeetingSchedulerTests {

    private final MeetingScheduler scheduler = new MeetingScheduler();

    private static SchedulingProblem.Participant p(String id) {
        return new SchedulingProblem.Participant(id, 1, Set.of(), null);
    }

    private static SchedulingProblem.Meeting m(int a, int b) {
        return new SchedulingProblem.Meeting("m" + a + "-" + b, a, b, "ANY", null);
    }

    private static List<String> morning(int slots) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            s.add("MORNING");
        }
        return s;
    }

    private ScheduleResult solveChecked(SchedulingProblem problem, int fairness) {
        ScheduleResult result = scheduler.solve(problem, new MeetingScheduler.Options(10, fairness, 2));
        assertThat(ScheduleChecker.violations(problem, result, fairness)).isEmpty();
        return result;
    }

    @Test
    void triangleNeedsExactlyOneBreak() {
        SchedulingProblem problem = new SchedulingProblem(morning(3), 1, List.of(p("A"), p("B"), p("C")),
                List.of(m(0, 1), m(0, 2), m(1, 2)));
        ScheduleResult result = solveChecked(problem, 2);
        assertThat(result.unscheduled()).isEmpty();
        assertThat(result.breaks()).isEqualTo(1);
        assertThat(result.optimal()).isTrue();
    }

    @Test
    void delegatesHoldMeetingsAtOnce() {
        SchedulingProblem problem = new SchedulingProblem(morning(1), 2,
                List.of(new SchedulingProblem.Participant("A", 2, Set.of(), null), p("B"), p("C")),
                List.of(m(0, 1), m(0, 2)));
        ScheduleResult result = solveChecked(problem, 2);
        assertThat(result.unscheduled()).isEmpty();
        assertThat(result.placements()).extracting(ScheduleResult.Placement::slot).containsOnly(1);
    }

    @Test
    void listsWhatCannotBePlacedWithTheReason() {
        List<String> sessions = List.of("MORNING");
        SchedulingProblem problem = new SchedulingProblem(sessions, 1, List.of(p("A"), p("B"), p("C"), p("D")),
                List.of(m(0, 1), m(2, 3), new SchedulingProblem.Meeting("late", 0, 2, "AFTERNOON", null)));
        ScheduleResult result = solveChecked(problem, 2);
        assertThat(result.placements()).hasSize(1);
        assertThat(result.unscheduled()).extracting(ScheduleResult.Unscheduled::reason)
                .containsExactlyInAnyOrder(MeetingScheduler.NO_CAPACITY, MeetingScheduler.NO_COMMON_SLOT);
        assertThat(result.optimal()).isTrue();
    }

    @Test
    void respectsUnavailabilitySessionsAndFixedTables() {
        List<String> sessions = List.of("MORNING", "MORNING", "AFTERNOON", "AFTERNOON");
        SchedulingProblem problem = new SchedulingProblem(sessions, 3,
                List.of(new SchedulingProblem.Participant("A", 1, Set.of(1), 3), p("B"), p("C"),
                        new SchedulingProblem.Participant("D", 1, Set.of(3, 4), null)),
                List.of(m(0, 1), m(0, 2), new SchedulingProblem.Meeting("cd", 2, 3, "MORNING", null),
                        new SchedulingProblem.Meeting("ad", 0, 3, "ANY", null),
                        new SchedulingProblem.Meeting("bc", 1, 2, "MORNING", null)));
        ScheduleResult result = solveChecked(problem, 2);
        assertThat(result.unscheduled()).isEmpty();
        for (ScheduleResult.Placement placement : result.placements()) {
            SchedulingProblem.Meeting meeting = problem.meetings().get(placement.meeting());
            if (meeting.a() == 0 || meeting.b() == 0) {
                assertThat(placement.table()).isEqualTo(3);
            }
        }
    }

    @Test
    void matchesBruteForceOptimumOnRandomSmallInstances() {
        Random random = new Random(42);
        for (int round = 0; round < 12; round++) {
            int people = 4 + random.nextInt(3);
            int slots = 4 + random.nextInt(2);
            List<SchedulingProblem.Participant> participants = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                Set<Integer> off = random.nextInt(3) == 0 ? Set.of(1 + random.nextInt(slots)) : Set.of();
                participants.add(new SchedulingProblem.Participant("p" + i, 1, off, null));
            }
            List<SchedulingProblem.Meeting> meetings = new ArrayList<>();
            int count = 4 + random.nextInt(3);
            while (meetings.size() < count) {
                int a = random.nextInt(people);
                int b = random.nextInt(people);
                if (a != b && meetings.stream().noneMatch(x -> (x.a() == a && x.b() == b) || (x.a() == b && x.b() == a))) {
                    meetings.add(m(a, b));
                }
            }
            int tables = 1 + random.nextInt(2);
            SchedulingProblem problem = new SchedulingProblem(morning(slots), tables, participants, meetings);
            int fairness = random.nextInt(3);
            ScheduleResult result = solveChecked(problem, fairness);
            int[] best = bruteForce(problem, fairness);
            assertThat(result.placements().size()).as("placed, round " + round).isEqualTo(best[0]);
            assertThat(result.fairnessRelaxed()).as("fairness relaxed, round " + round).isEqualTo(best[2] == 0);
            assertThat(result.breaks()).as("breaks, round " + round).isEqualTo(best[1]);
            assertThat(result.optimal()).isTrue();
        }
    }

    /**
     * Lexicographic optimum by enumerating every assignment (0 = not placed): {most placed, fewest
     * breaks, 1 when fair}; a fair schedule beats an unfair one with as many meetings.
     */
    private static int[] bruteForce(SchedulingProblem problem, int fairness) {
        int n = problem.meetings().size();
        int slots = problem.slotCount();
        int[] slotOf = new int[n];
        int[] best = { -1, Integer.MAX_VALUE, 0 };
        int total = (int) Math.pow(slots + 1, n);
        for (int code = 0; code < total; code++) {
            int c = code;
            for (int i = 0; i < n; i++) {
                slotOf[i] = c % (slots + 1);
                c /= slots + 1;
            }
            if (!feasible(problem, slotOf)) {
                continue;
            }
            int placed = 0;
            for (int s : slotOf) {
                placed += s > 0 ? 1 : 0;
            }
            int[] breaks = breaksPerParticipant(problem, slotOf);
            int max = 0;
            int min = Integer.MAX_VALUE;
            int sum = 0;
            for (int p = 0; p < breaks.length; p++) {
                sum += breaks[p];
                if (hasMeeting(problem, p)) {
                    max = Math.max(max, breaks[p]);
                    min = Math.min(min, breaks[p]);
                }
            }
            int fair = min == Integer.MAX_VALUE || max - min <= fairness ? 1 : 0;
            if (placed > best[0] || (placed == best[0] && fair > best[2])
                    || (placed == best[0] && fair == best[2] && sum < best[1])) {
                best[0] = placed;
                best[1] = sum;
                best[2] = fair;
            }
        }
        return best;
    }

    private static boolean hasMeeting(SchedulingProblem problem, int p) {
        return problem.meetings().stream().anyMatch(m -> m.a() == p || m.b() == p);
    }

    private static boolean feasible(SchedulingProblem problem, int[] slotOf) {
        int[] perSlot = new int[problem.slotCount() + 1];
        BitSet seen = new BitSet();
        for (int m = 0; m < slotOf.length; m++) {
            int s = slotOf[m];
            if (s == 0) {
                continue;
            }
            SchedulingProblem.Meeting meeting = problem.meetings().get(m);
            if (!problem.allowed(m, s)) { // session, unavailability of either party
                return false;
            }
            if (++perSlot[s] > problem.tables()) {
                return false;
            }
            int keyA = meeting.a() * 100 + s;
            int keyB = meeting.b() * 100 + s;
            if (seen.get(keyA) || seen.get(keyB)) {
                return false;
            }
            seen.set(keyA);
            seen.set(keyB);
        }
        return true;
    }

    private static int[] breaksPerParticipant(SchedulingProblem problem, int[] slotOf) {
        int[] result = new int[problem.participants().size()];
        for (int p = 0; p < result.length; p++) {
            boolean[] busy = new boolean[problem.slotCount() + 2];
            for (int m = 0; m < slotOf.length; m++) {
                SchedulingProblem.Meeting meeting = problem.meetings().get(m);
                if (slotOf[m] > 0 && (meeting.a() == p || meeting.b() == p)) {
                    busy[slotOf[m]] = true;
                }
            }
            boolean started = false;
            boolean idle = false;
            for (int s = 1; s <= problem.slotCount(); s++) {
                if (busy[s]) {
                    if (started && idle) {
                        result[p]++;
                    }
                    started = true;
                    idle = false;
                } else if (started) {
                    idle = true;
                }
            }
        }
        return result;
    }

    @Test
    void benchmarkInstanceTic12IsScheduledCompletelyAndValid() throws Exception {
        Path file = Path.of("../../shared/benchmarks/b2bsp/tic-12.original.dzn");
        Assumptions.assumeTrue(Files.exists(file), "benchmark data not present");
        SchedulingProblem problem = DznInstance.read(file);
        assertThat(problem.meetings()).hasSize(125);
        assertThat(problem.participants()).hasSize(42);
        ScheduleResult result = scheduler.solve(problem, new MeetingScheduler.Options(15, 2, 2));
        assertThat(ScheduleChecker.violations(problem, result, 2)).isEmpty();
        assertThat(result.unscheduled()).isEmpty();
        // its optimum (0 breaks) is reached and known as such: the MaxSAT search proves it within a second
        assertThat(result.breaks()).isZero();
        assertThat(result.optimal()).isTrue();
    }

    /**
     * A job cancelled (a new job on the same event) stops at once, whichever phase runs: here the
     * annealing and the MaxSAT search on a hard instance given two minutes, cancelled after one second.
     */
    @Test
    void aCancelledSolveStopsWithinSecondsAndKeepsItsBestSchedule() throws Exception {
        Path file = Path.of("../../shared/benchmarks/b2bsp/forum-13crafb.original.dzn");
        Assumptions.assumeTrue(Files.exists(file), "benchmark data not present");
        SchedulingProblem problem = DznInstance.read(file);
        // cancelled one second after the first complete schedule (the annealing has started by then)
        java.util.concurrent.atomic.AtomicLong completeAt = new java.util.concurrent.atomic.AtomicLong();
        ScheduleResult result = scheduler.solve(problem, new MeetingScheduler.Options(120, 2, 2), r -> {
            if (r.unscheduled().isEmpty()) {
                completeAt.compareAndSet(0, System.nanoTime());
            }
        }, () -> completeAt.get() != 0 && System.nanoTime() - completeAt.get() > 1_000_000_000L);
        long stopped = System.nanoTime();
        // the annealing alone would run for tens of seconds (its cooling is 0.35 s per meeting), the whole solve 120 s
        assertThat(completeAt.get()).isNotZero();
        assertThat((stopped - completeAt.get()) / 1e9).isLessThan(10);
        assertThat(result.unscheduled()).isEmpty();
        assertThat(ScheduleChecker.violations(problem, result, 2)).isEmpty();
    }

    /** A random event with sessions and unavailable slots, every meeting placeable. */
    private static SchedulingProblem randomEvent(long seed, int people, int meetings, int slots, int tables) {
        Random random = new Random(seed);
        List<String> sessions = new ArrayList<>();
        for (int s = 1; s <= slots; s++) {
            sessions.add(s <= slots / 2 ? "MORNING" : "AFTERNOON");
        }
        List<SchedulingProblem.Participant> participants = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            Set<Integer> off = random.nextInt(4) == 0 ? Set.of(1 + random.nextInt(slots)) : Set.of();
            participants.add(new SchedulingProblem.Participant("p" + p, 1, off, null));
        }
        List<SchedulingProblem.Meeting> list = new ArrayList<>();
        Set<Integer> pairs = new java.util.HashSet<>();
        int[] degree = new int[people];
        for (int attempt = 0; list.size() < meetings && attempt < 100_000; attempt++) {
            int a = random.nextInt(people);
            int b = random.nextInt(people);
            if (a == b || degree[a] >= slots / 2 || degree[b] >= slots / 2
                    || !pairs.add(Math.min(a, b) * people + Math.max(a, b))) {
                continue;
            }
            degree[a]++;
            degree[b]++;
            int kind = random.nextInt(6);
            list.add(new SchedulingProblem.Meeting("m" + list.size(), a, b,
                    kind == 0 ? "MORNING" : kind == 1 ? "AFTERNOON" : "ANY", null));
        }
        return new SchedulingProblem(sessions, tables, participants, list);
    }

    @Test
    void neighbourhoodSearchKeepsEveryRuleAndNeverReportsAWorseSchedule() {
        SchedulingProblem problem = randomEvent(11, 24, 60, 12, 5);
        List<Integer> reported = new ArrayList<>();
        // no warm start: the neighbourhood search does the work, then full CP-SAT
        // no fairness bound: a first schedule that is unfair would skip the neighbourhood search
        MeetingScheduler.Options options = new MeetingScheduler.Options(8, -1, 2, true, true, "", false, 0.0, 0.0,
                true, 0.8);
        double probe = MeetingScheduler.LNS_PROBE_SECONDS;
        MeetingScheduler.LNS_PROBE_SECONDS = 0; // no full solve first: it may prove this small event optimal
        ScheduleResult result;
        try {
            result = scheduler.solve(problem, options, r -> {
                if (r.unscheduled().isEmpty()) {
                    reported.add(r.breaks());
                }
            }, () -> false);
        } finally {
            MeetingScheduler.LNS_PROBE_SECONDS = probe;
        }
        assertThat(ScheduleChecker.violations(problem, result, -1)).isEmpty();
        assertThat(result.unscheduled()).isEmpty();
        assertThat(reported).isNotEmpty();
        assertThat(reported).isSortedAccordingTo((x, y) -> Integer.compare(y, x));
        assertThat(result.breaks()).isEqualTo(reported.get(reported.size() - 1));
    }

    @Test
    void neighbourhoodStepsImproveAGreedyScheduleWithinTheRules() {
        SchedulingProblem problem = randomEvent(5, 30, 60, 12, 10);
        List<Integer> all = new ArrayList<>();
        for (int m = 0; m < problem.meetings().size(); m++) {
            all.add(m);
        }
        MeetingScheduler.loadNativeLibraries();
        int[] start = MeetingScheduler.greedySchedule(problem, all);
        assertThat(start).as("the greedy start places every meeting").doesNotContain(0);
        int before = MeetingScheduler.totalBreaks(problem, start);
        MeetingScheduler.Built model = MeetingScheduler.build(problem, all, true, true, -1,
                new MeetingScheduler.Options(5, -1, 1, false, false, "", false, 0, 0, false, 0), null);
        int[] improved = new BreakLns(problem, all, model, -1).improve(start, 3, 2, 0, s -> {
        }, () -> false);
        assertValidWithFewerBreaks(problem, all, improved, before);
    }

    @Test
    void annealingThatMayDoubleBookReturnsOnlySchedulesKeepingEveryRule() {
        // tight: about 4.5 meetings per slot for 5 tables, up to 4 meetings per participant in 8 slots
        GreedyStart greedy = greedyStartOfATightEvent();
        SchedulingProblem problem = greedy.problem();
        List<Integer> all = greedy.all();
        int[] start = greedy.schedule();
        int before = greedy.breaks();
        boolean relaxed = BreakAnnealer.RELAXED;
        long moves = BreakAnnealer.MOVES;
        BreakAnnealer.RELAXED = true; // clashes allowed during the search, with a penalty
        BreakAnnealer.MOVES = 300_000; // a budget in moves, so the test does the same work on any machine
        int[] improved;
        try {
            improved = BreakAnnealer.improveInParallel(problem, all, -1, start, 60, 2);
        } finally {
            BreakAnnealer.RELAXED = relaxed;
            BreakAnnealer.MOVES = moves;
        }
        assertValidWithFewerBreaks(problem, all, improved, before);
    }

    @Test
    void gapClosingMovesKeepEveryRuleAndImproveAGreedySchedule() {
        GreedyStart greedy = greedyStartOfATightEvent();
        SchedulingProblem problem = greedy.problem();
        List<Integer> all = greedy.all();
        int[] start = greedy.schedule();
        int before = greedy.breaks();
        int oneIn = BreakAnnealer.GAP_CLOSE_ONE_IN;
        long moves = BreakAnnealer.MOVES;
        BreakAnnealer.GAP_CLOSE_ONE_IN = 2; // half of the moves aim at a participant's gap
        BreakAnnealer.MOVES = 300_000;
        int[] improved;
        try {
            improved = BreakAnnealer.improveInParallel(problem, all, -1, start, 60, 2);
        } finally {
            BreakAnnealer.GAP_CLOSE_ONE_IN = oneIn;
            BreakAnnealer.MOVES = moves;
        }
        assertValidWithFewerBreaks(problem, all, improved, before);
    }

    /**
     * Two participants each hold a morning-only and an afternoon-only meeting; with one table, only
     * one of them can be busy in the last morning slot, so one has a break in every schedule: the
     * relaxation proves 1, and the scheduler, with the bound phase on, reports 1 break as optimal.
     */
    @Test
    void lowerBoundRelaxationProvesABreakThatTablesForce() {
        List<String> sessions = List.of("MORNING", "MORNING", "AFTERNOON", "AFTERNOON");
        List<SchedulingProblem.Participant> participants = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            participants.add(p("p" + i));
        }
        List<SchedulingProblem.Meeting> meetings = List.of(
                new SchedulingProblem.Meeting("a", 0, 1, "MORNING", null),
                new SchedulingProblem.Meeting("b", 0, 2, "AFTERNOON", null),
                new SchedulingProblem.Meeting("c", 3, 4, "MORNING", null),
                new SchedulingProblem.Meeting("d", 3, 5, "AFTERNOON", null));
        SchedulingProblem problem = new SchedulingProblem(sessions, 1, participants, meetings);
        MeetingScheduler.Options options = new MeetingScheduler.Options(10, -1, 2);
        assertThat(scheduler.lowerBound(problem, List.of(0, 1, 2, 3), options, null, 10)).isEqualTo(1);
        double share = MeetingScheduler.BOUND_SHARE;
        MeetingScheduler.BOUND_SHARE = 0.5;
        ScheduleResult result;
        try {
            result = solveChecked(problem, -1);
        } finally {
            MeetingScheduler.BOUND_SHARE = share;
        }
        assertThat(result.breaks()).isEqualTo(1);
        assertThat(result.optimal()).isTrue();
        assertThat(result.bestBound()).isEqualTo(1);
    }

    /**
     * The MaxSAT search alone (CP-SAT's core-guided search, no annealing), and the question at the bound
     * on its clauses, on random small events with
     * sessions and unavailable slots under each fairness bound: their bounds never exceed the
     * brute-force optimum, every schedule they offer keeps the hard rules, and when they end proven
     * their last schedule has exactly the optimum's breaks.
     */
    @Test
    void maxSatSearchProvesTheBruteForceOptimumOnRandomSmallEvents() {
        MeetingScheduler.loadNativeLibraries();
        Random random = new Random(11);
        int proven = 0;
        for (int round = 0; round < 60 && proven < 10; round++) {
            SchedulingProblem problem = randomEvent(random.nextLong(), 5, 6, 6, 1 + random.nextInt(2));
            int fairness = random.nextInt(4) - 1;
            int[] best = bruteForce(problem, fairness);
            if (best[0] < problem.meetings().size() || (fairness >= 0 && best[2] == 0)) {
                continue; // not every meeting fits, or not fairly: the search assumes both
            }
            List<Integer> all = new ArrayList<>();
            for (int m = 0; m < problem.meetings().size(); m++) {
                all.add(m);
            }
            List<int[]> offered = new ArrayList<>();
            MaxSatSearch search = new MaxSatSearch(problem, all, fairness, System.nanoTime() + 10_000_000_000L,
                    () -> false, offered::add);
            search.run();
            assertThat(search.lowerBound()).as("bound, round " + round).isLessThanOrEqualTo(best[1]);
            for (int[] schedule : offered) {
                assertThat(feasible(problem, schedule)).as("offered schedule keeps the rules, round " + round).isTrue();
                assertThat(MeetingScheduler.fair(problem, schedule, fairness)).as("fair, round " + round).isTrue();
            }
            // the question at the bound on the same clauses, climbing from no bound
            List<int[]> fromCpSat = new ArrayList<>();
            MaxSatSearch onClauses = new MaxSatSearch(problem, all, fairness, System.nanoTime() + 10_000_000_000L,
                    () -> false, fromCpSat::add);
            onClauses.cpSat(problem.participants().size() * problem.slotCount(), 10);
            assertThat(onClauses.lowerBound()).as("CP-SAT's bound, round " + round).isLessThanOrEqualTo(best[1]);
            for (int[] schedule : fromCpSat) {
                assertThat(feasible(problem, schedule)).as("CP-SAT's schedule keeps the rules, round " + round).isTrue();
                assertThat(MeetingScheduler.fair(problem, schedule, fairness)).as("fair, round " + round).isTrue();
            }
            if (search.proven() && onClauses.proven()) {
                assertThat(offered).as("round " + round).isNotEmpty();
                assertThat(MeetingScheduler.totalBreaks(problem, offered.get(offered.size() - 1)))
                        .as("breaks of the proven schedule, round " + round).isEqualTo(best[1]);
                assertThat(search.lowerBound()).as("round " + round).isEqualTo(best[1]);
                assertThat(MeetingScheduler.totalBreaks(problem, fromCpSat.get(fromCpSat.size() - 1)))
                        .as("breaks of CP-SAT's proven schedule, round " + round).isEqualTo(best[1]);
                proven++;
            }
        }
        assertThat(proven).isEqualTo(10);
    }

    /** The relaxation's bound never exceeds the fewest breaks of any complete schedule (brute force). */
    @Test
    void lowerBoundRelaxationNeverExceedsTheOptimumOnRandomSmallEvents() {
        Random random = new Random(7);
        int checked = 0;
        for (int round = 0; round < 40 && checked < 10; round++) {
            SchedulingProblem problem = randomEvent(random.nextLong(), 5, 6, 6, 1 + random.nextInt(2));
            int[] best = bruteForce(problem, -1);
            if (best[0] < problem.meetings().size()) {
                continue; // not every meeting fits: the relaxation assumes they all do
            }
            List<Integer> all = new ArrayList<>();
            for (int m = 0; m < problem.meetings().size(); m++) {
                all.add(m);
            }
            long bound = scheduler.lowerBound(problem, all, new MeetingScheduler.Options(10, -1, 2), null, 10);
            assertThat(bound).as("round " + round).isLessThanOrEqualTo(best[1]);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
    }

    /** The schedule keeps every hard rule (independent checker, tables assigned) and has fewer breaks than {@code before}. */
    private static void assertValidWithFewerBreaks(SchedulingProblem problem, List<Integer> all, int[] improved, int before) {
        int[] tables = TableAssigner.assign(problem, improved);
        List<ScheduleResult.Placement> placements = new ArrayList<>();
        for (int m : all) {
            placements.add(new ScheduleResult.Placement(m, improved[m], tables[m]));
        }
        int after = MeetingScheduler.totalBreaks(problem, improved);
        ScheduleResult asResult = new ScheduleResult(placements, List.of(), after, false, false, 0, 0);
        assertThat(ScheduleChecker.violations(problem, asResult, -1)).isEmpty();
        assertThat(after).isLessThan(before);
    }

    record GreedyStart(SchedulingProblem problem, List<Integer> all, int[] schedule, int breaks) {
    }

    /** A tight random event (16 participants, 36 meetings, 8 slots, 5 tables) and the greedy schedule placing all of its meetings. */
    private static GreedyStart greedyStartOfATightEvent() {
        SchedulingProblem problem = randomEvent(21, 16, 36, 8, 5);
        List<Integer> all = new ArrayList<>();
        for (int m = 0; m < problem.meetings().size(); m++) {
            all.add(m);
        }
        int[] start = MeetingScheduler.greedySchedule(problem, all);
        assertThat(start).as("the greedy start places every meeting").doesNotContain(0);
        return new GreedyStart(problem, all, start, MeetingScheduler.totalBreaks(problem, start));
    }
}
