package eus.elkarlan.event.scheduling;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearArgument;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;

/**
 * Places accepted meetings into slots with OR-Tools CP-SAT, then gives them tables.
 * <p>
 * Lexicographic objective, solved in phases: (A) place as many meetings as possible (skipped when a
 * greedy pass already places them all); (B) with that many meetings placed, minimise the total
 * number of breaks under the fairness bound max − min breaks per participant ≤ d; (C) tables, by
 * {@link TableAssigner}. A break is a maximal run of idle slots strictly between two meetings of a
 * participant, counted on the slot indexes (the pause between sessions is no slot).
 * <p>
 * Lower bounds come from a relaxation ({@link #boundModel}: fewest participants with any break,
 * each other participant's meetings filling one interval of consecutive slots) solved by CP-SAT's
 * core-based worker; a schedule whose breaks reach that bound is proven optimal.
 * <p>
 * The break model uses one boolean "busy" per participant and slot and one "run start" literal per
 * participant and slot (busy now, idle just before); breaks = runs − 1. Hard rules: at most
 * {@code delegates} meetings of a participant per slot, unavailable slots, session preferences, fixed
 * slots, at most {@code tables} meetings per slot, one meeting at a time at a fixed table.
 */
public final class MeetingScheduler {

    /** Reason given for a meeting no slot can hold (session, unavailability). */
    public static final String NO_COMMON_SLOT = "NO_COMMON_SLOT";
    /** Reason given for a meeting left out for lack of room (other meetings, tables). */
    public static final String NO_CAPACITY = "NO_CAPACITY";

    private static volatile boolean loaded;

    /** Cap of the warm start per meeting to place (small events need far less than the limit). */
    static double ANNEALING_SECONDS_PER_MEETING = Double.parseDouble(System.getProperty("annealer.secondsPerMeeting", "0.35"));

    /**
     * @param timeLimitSeconds wall time for the whole solve
     * @param fairness         d in max − min breaks ≤ d; negative = no fairness bound
     * @param workers          CP-SAT search workers
     * @param symmetryBreaking add the time-reversal symmetry cut where the instance allows it
     */
    public record Options(double timeLimitSeconds, int fairness, int workers, boolean symmetryBreaking,
            boolean hints, String solverParameters, boolean windows, double annealingShare, double zeroShare,
            boolean feasibilityFirst, double lnsShare) {
        public Options(double timeLimitSeconds, int fairness, int workers) {
            this(timeLimitSeconds, fairness, workers, true, true, "", false, DEFAULT_ANNEALING_SHARE, 0.0, true,
                    DEFAULT_LNS_SHARE);
        }

        /** The same options with another number of CP-SAT workers (at least one). */
        public Options withWorkers(int count) {
            return new Options(timeLimitSeconds, fairness, Math.max(1, count), symmetryBreaking, hints,
                    solverParameters, windows, annealingShare, zeroShare, feasibilityFirst, lnsShare);
        }

        /** The options without the neighbourhood search's share (its default applies). */
        public Options(double timeLimitSeconds, int fairness, int workers, boolean symmetryBreaking, boolean hints,
                String solverParameters, boolean windows, double annealingShare, double zeroShare,
                boolean feasibilityFirst) {
            this(timeLimitSeconds, fairness, workers, symmetryBreaking, hints, solverParameters, windows,
                    annealingShare, zeroShare, feasibilityFirst, DEFAULT_LNS_SHARE);
        }
    }

    /** Share of the time limit for the warm start (simulated annealing). */
    public static final double DEFAULT_ANNEALING_SHARE = 0.85;
    /** Share of the time left after the warm start for the neighbourhood search (the rest: full CP-SAT). */
    public static final double DEFAULT_LNS_SHARE = 0.0;
    /**
     * Whether time left after an early end of the annealing goes to a proof attempt (40 % of it), then
     * a second annealing. Off: measured on forum-13crafb, forumt-14crafe and tic-13crafc it neither
     * proved nor improved anything, and it takes time from CP-SAT, which proved forumt-14 (-crafc,
     * -crafd) optimal when it had all of it.
     */
    static boolean SECOND_ROUND = Boolean.parseBoolean(System.getProperty("scheduler.secondRound", "false"));
    /** Whether to count breaks as runs − 1 (the first encoding) instead of break-start literals. */
    static boolean RUN_MODEL = Boolean.getBoolean("scheduler.runModel");
    /**
     * Share of the time left after the warm start for the lower-bound relaxation ({@link #boundModel});
     * 0 = off. Measured: it proves forumt-14, -crafc and -crafd optimal in 0.2–2.3 s once the warm
     * start has reached their optimum, where full CP-SAT needed 14–16 s of a quiet machine.
     */
    static double BOUND_SHARE = Double.parseDouble(System.getProperty("scheduler.boundShare", "0.5"));
    /**
     * Share of the time limit for the lower-bound relaxation before the warm start (0 = off): the warm
     * start then stops once it reaches the bound, and the relaxation's own schedules (offered with
     * their real breaks) are often break-free at once on the short grids (tic-12: 0 breaks in 0.6 s).
     * Off: in a paired run at 10 % it left the warm start less time and another start, and the seven
     * far and close instances ended 8 breaks worse in total (README, run H).
     */
    static double BOUND_FIRST_SHARE = Double.parseDouble(System.getProperty("scheduler.boundFirst", "0"));
    /** CP-SAT parameters of the lower-bound solve (text format). */
    static String BOUND_PARAMETERS = System.getProperty("scheduler.boundParams",
            "subsolvers:\"core\" subsolvers:\"max_lp\"");
    /** Longest full CP-SAT solve tried before the neighbourhood search (small events are proven there). */
    static double LNS_PROBE_SECONDS = Double.parseDouble(System.getProperty("lns.probeSeconds", "2"));

    /** Polls cancellation while CP-SAT runs (its callback sees only new schedules). */
    private static final java.util.concurrent.ScheduledExecutorService WATCHER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cp-sat-watch");
                t.setDaemon(true);
                return t;
            });

    /**
     * Solves, and stops the search as soon as {@code stop} holds (a cancellation, a proof found by
     * another search), polled every 100 ms: the solution callback alone sees only new schedules.
     */
    static CpSolverStatus solveStoppable(CpSolver solver, CpModel model, CpSolverSolutionCallback callback,
            BooleanSupplier stop) {
        java.util.concurrent.ScheduledFuture<?> watch = WATCHER.scheduleWithFixedDelay(() -> {
            if (stop.getAsBoolean()) {
                solver.stopSearch();
            }
        }, 100, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            return solver.solve(model, callback);
        } finally {
            watch.cancel(false);
        }
    }

    public static void loadNativeLibraries() {
        if (!loaded) {
            synchronized (MeetingScheduler.class) {
                if (!loaded) {
                    Loader.loadNativeLibraries();
                    loaded = true;
                }
            }
        }
    }

    public ScheduleResult solve(SchedulingProblem problem, Options options) {
        return solve(problem, options, r -> {
        }, () -> false);
    }

    /**
     * @param progress  receives every improving schedule
     * @param cancelled polled by the solver; true stops the search (the best so far is returned)
     */
    public ScheduleResult solve(SchedulingProblem problem, Options options, Consumer<ScheduleResult> progress,
            BooleanSupplier cancelled) {
        Side side = new Side();
        ScheduleResult result;
        try {
            // polled on every conflict by the MaxSAT search and often by CP-SAT's watch: ask the caller
            // (a store query in the service) at most four times a second
            result = solve(problem, options, progress, throttled(cancelled, 250_000_000L), side);
        } finally {
            if (side.maxSat != null) {
                side.maxSat.stop();
            }
        }
        if (side.maxSat != null) {
            debug("maxsat " + side.maxSat.outcome(), side.run.started);
            result = side.run.absorb(side.maxSat.lowerBound());
        }
        return result;
    }

    /**
     * Whether the time a cooling leaves goes to CP-SAT on the MaxSAT search's clauses, asked for a
     * schedule at the proven lower bound (rather than to more coolings): it closes forum-13crafb,
     * forum-13crafc, forum-14, ticf-13crafb, ticf-13crafc and ticf-14crafa, which neither the annealing
     * nor CP-SAT on this class's model did.
     */
    static boolean MAXSAT_CP_SAT = Boolean.parseBoolean(System.getProperty("scheduler.maxsatCpSat", "true"));

    /**
     * Beside the MaxSAT search, the share of the time limit the first cooling may take before CP-SAT
     * is asked for a schedule at the proven bound (that question, not the annealing, closes the
     * tight instances; started earlier it has more of the limit).
     */
    static double MAXSAT_ANNEALING_SHARE = Double.parseDouble(System.getProperty("scheduler.maxsatAnnealingShare", "0.15"));

    /** {@code source}, asked at most once per period (its last answer in between; true stays true). */
    static BooleanSupplier throttled(BooleanSupplier source, long periodNanos) {
        java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        java.util.concurrent.atomic.AtomicBoolean answer = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (answer.get()) {
                return true;
            }
            long now = System.nanoTime();
            long due = next.get();
            if (now - due >= 0 && next.compareAndSet(due, now + periodNanos) && source.getAsBoolean()) {
                answer.set(true);
            }
            return answer.get();
        };
    }

    /** What runs beside the phases: the MaxSAT search and the schedule it offers to. */
    private static final class Side {
        MaxSatSearch maxSat;
        Run run;
    }

    private ScheduleResult solve(SchedulingProblem problem, Options options, Consumer<ScheduleResult> progress,
            BooleanSupplier userCancelled, Side side) {
        loadNativeLibraries();
        long started = System.nanoTime();
        int meetingCount = problem.meetings().size();
        List<Integer> candidates = new ArrayList<>();
        List<ScheduleResult.Unscheduled> impossible = new ArrayList<>();
        for (int m = 0; m < meetingCount; m++) {
            boolean any = false;
            for (int s = 1; s <= problem.slotCount() && !any; s++) {
                any = problem.allowed(m, s);
            }
            if (any) {
                candidates.add(m);
            } else {
                impossible.add(new ScheduleResult.Unscheduled(m, NO_COMMON_SLOT));
            }
        }
        int[] greedy = greedy(problem, candidates);
        int greedyPlaced = 0;
        for (int m : candidates) {
            greedyPlaced += greedy[m] > 0 ? 1 : 0;
        }
        double limit = options.timeLimitSeconds();
        int fairness = options.fairness();
        Run best = new Run(problem, candidates, impossible, started, progress, fairness);
        int all = candidates.size();
        if (all == 0) {
            best.offer(greedy);
            best.optimal = true;
            return best.result();
        }
        best.offer(greedy);
        // the MaxSAT search takes one worker for the whole time limit and ends the job with its optimum
        BooleanSupplier cancelled = userCancelled;
        if (MaxSatSearch.applies(problem, candidates, options.workers())) {
            MaxSatSearch maxSat = new MaxSatSearch(problem, candidates, fairness,
                    started + (long) (limit * 0.97e9), userCancelled, best::offer);
            side.maxSat = maxSat;
            side.run = best;
            maxSat.start();
            options = options.withWorkers(options.workers() - 1);
            cancelled = () -> userCancelled.getAsBoolean() || maxSat.proven();
        }

        if (greedyPlaced < all || options.feasibilityFirst()) {
            // tight instances: let CP-SAT find any complete schedule first (no objective: it stops at
            // the first one), so the warm start below can work from it
            Built feasibility = build(problem, candidates, true, false, -1, options,
                    greedyPlaced < all ? greedy : null);
            CpSolverStatus found = run(feasibility, Math.max(1.0, limit * 0.3), options, best, false, cancelled);
            debug("feasibility " + found + " breaks " + best.breaks, started);
            if (best.placedCount() == all) {
                greedy = best.slotOf.clone();
                greedyPlaced = all;
            } else if (found == CpSolverStatus.INFEASIBLE) {
                best.bound = 0;
            }
        }
        // 1. every meeting placed, fewest breaks under the fairness bound
        boolean fixedTables = problem.participants().stream().anyMatch(p -> p.fixedTable() != null);
        if (greedyPlaced == all && !fixedTables && options.annealingShare() > 0) {
            // small events need far less time
            if (BOUND_FIRST_SHARE > 0 && !cancelled.getAsBoolean()) {
                // a lower bound first: the warm start can stop as soon as it reaches it
                long lower = lowerBound(problem, candidates, options, greedy, limit * BOUND_FIRST_SHARE, best,
                        cancelled);
                best.bound = Math.max(best.bound, lower);
                greedy = best.slotOf.clone();
                debug("first lower bound " + best.bound + ", breaks " + best.breaks, started);
                if (best.fair && best.breaks <= best.bound) {
                    best.optimal = true;
                    return best.result();
                }
            }
            double budget = Math.min(limit * options.annealingShare(), ANNEALING_SECONDS_PER_MEETING * all);
            budget = Math.min(budget, Math.max(0, remaining(limit, started) - limit * 0.05));
            MaxSatSearch maxSat = side.maxSat;
            if (maxSat != null && MAXSAT_CP_SAT) {
                budget = Math.min(budget, limit * MAXSAT_ANNEALING_SHARE);
            }
            java.util.function.IntSupplier proven = maxSat == null ? () -> 0
                    : () -> (int) Math.min(maxSat.lowerBound(), 10_000);
            int[] start = greedy;
            greedy = BreakAnnealer.improveInParallel(problem, candidates, fairness, start, budget,
                    Math.max(1, options.workers()), BreakAnnealer.SEED, (int) Math.min(best.bound, 10_000),
                    cancelled, proven);
            best.offer(greedy);
            if (maxSat != null) {
                best.raiseBound(maxSat.lowerBound());
                // beside the MaxSAT search, time left after the cooling (counted in moves, so it ends
                // early on a free core) goes to CP-SAT on the MaxSAT clauses, asked for a schedule at the
                // proven lower bound (climbing while it proves none exists), then, if any is left, to
                // more independent coolings from the same start (the best of them is kept); CP-SAT on
                // this class's model with one worker improved nothing in that role
                if (MAXSAT_CP_SAT && !best.optimal && !cancelled.getAsBoolean()) {
                    maxSat.cpSat((int) Math.min(best.breaks, 10_000), remaining(limit, started) - limit * 0.05);
                    best.raiseBound(maxSat.lowerBound());
                    debug("cp-sat on the maxsat encoding: " + maxSat.cpSatOutcome() + ", breaks " + best.breaks,
                            started);
                }
                for (long round = 1; !best.optimal && !cancelled.getAsBoolean()
                        && remaining(limit, started) > limit * 0.15; round++) {
                    int[] again = BreakAnnealer.improveInParallel(problem, candidates, fairness, start,
                            Math.min(budget, remaining(limit, started) - limit * 0.05), Math.max(1, options.workers()),
                            BreakAnnealer.SEED + 104_729L * round, (int) Math.min(best.bound, 10_000),
                            cancelled, proven);
                    best.offer(again);
                    best.raiseBound(maxSat.lowerBound());
                    debug("annealing " + (round + 1) + ": " + MeetingScheduler.totalBreaks(problem, again)
                            + " breaks, best " + best.breaks, started);
                }
                greedy = best.slotOf.clone();
            }
            debug("annealing breaks " + best.breaks, started);
            if (Boolean.getBoolean("scheduler.annealOnly")) {
                return best.result(); // benchmark experiments: the warm start alone
            }
            // a machine that keeps up ends the cooling (counted in moves) early: try to prove the
            // schedule optimal with part of the time left, and if that fails, anneal once more
            if (SECOND_ROUND && remaining(limit, started) > limit * 0.35 && !cancelled.getAsBoolean()) {
                double rest = remaining(limit, started);
                CpSolverStatus probe = minimiseBreaks(problem, candidates, true, fairness, all, options, best.slotOf,
                        best, rest * 0.4, cancelled);
                debug("proof attempt " + probe + " breaks " + best.breaks + " bound " + best.bound, started);
                if (probe == CpSolverStatus.OPTIMAL) {
                    best.optimal = true;
                    return best.result();
                }
                if (best.breaks > best.bound && !cancelled.getAsBoolean()) {
                    int[] again = BreakAnnealer.improveInParallel(problem, candidates, fairness, best.slotOf,
                            Math.max(0, remaining(limit, started) - limit * 0.1), Math.max(1, options.workers()),
                            BreakAnnealer.SEED + 104_729L);
                    best.offer(again);
                    greedy = best.slotOf.clone();
                    debug("second annealing breaks " + best.breaks, started);
                    if (best.breaks == 0 && best.fair) {
                        best.optimal = true;
                        return best.result();
                    }
                }
            }
            if (best.fair && best.breaks <= best.bound) {
                best.optimal = true; // no schedule has fewer breaks than the bound (or zero)
                return best.result();
            }
        }
        if (greedyPlaced == all && BOUND_SHARE > 0 && side.maxSat == null && best.breaks > best.bound
                && !cancelled.getAsBoolean()
                && remaining(limit, started) > 2.0) {
            // (under 2 s left, building the relaxation and CP-SAT's presolve overrun the limit)
            // prove the annealed schedule optimal from below when the relaxation reaches its breaks
            long lower = lowerBound(problem, candidates, options, best.slotOf,
                    remaining(limit, started) * BOUND_SHARE, best, cancelled);
            greedy = best.slotOf.clone();
            best.bound = Math.max(best.bound, lower);
            debug("lower bound " + best.bound + ", breaks " + best.breaks, started);
            if (best.fair && best.breaks <= best.bound) {
                best.optimal = true;
                return best.result();
            }
        }
        if (greedyPlaced == all && options.lnsShare() > 0 && best.breaks > best.bound && best.fair
                && !cancelled.getAsBoolean()) {
            // a short full solve first: small events are proven optimal here and need no more
            CpSolverStatus probe = minimiseBreaks(problem, candidates, true, fairness, all, options, best.slotOf, best,
                    Math.min(LNS_PROBE_SECONDS, remaining(limit, started) * 0.1), cancelled);
            debug("probe " + probe + " breaks " + best.breaks + " bound " + best.bound, started);
            if (probe == CpSolverStatus.OPTIMAL) {
                best.optimal = true;
                return best.result();
            }
            if (best.breaks > best.bound && remaining(limit, started) > 1) {
                Options plain = new Options(limit, fairness, options.workers(), false, false, "", false, 0, 0, false, 0);
                Built full = build(problem, candidates, true, true, fairness, plain, null);
                BreakLns lns = new BreakLns(problem, candidates, full, fairness);
                greedy = lns.improve(best.slotOf, remaining(limit, started) * options.lnsShare(),
                        Math.max(1, options.workers()), best.bound, best::offer, cancelled);
                best.offer(greedy);
                debug("lns breaks " + best.breaks + " (" + lns.stats() + ")", started);
                if (best.breaks == 0 && best.fair) {
                    best.optimal = true;
                    return best.result();
                }
            }
        }
        if (greedyPlaced == all && options.zeroShare() > 0 && best.breaks > 0) {
            // a schedule without any break is often possible: look for one directly, where
            // "one run of meetings per participant" propagates far better than the sum objective
            Built zero = build(problem, candidates, true, true, -1, options, best.slotOf);
            zero.model.addEquality(zero.objective, 0);
            CpSolverStatus zeroStatus = run(zero, limit * options.zeroShare(), options, best, false, cancelled);
            debug("zero " + zeroStatus + " breaks " + best.breaks, started);
            if (zeroStatus == CpSolverStatus.OPTIMAL || zeroStatus == CpSolverStatus.FEASIBLE) {
                best.optimal = best.breaks == 0 && best.fair;
                if (best.optimal) {
                    return best.result();
                }
            } else if (zeroStatus == CpSolverStatus.INFEASIBLE) {
                best.bound = Math.max(best.bound, 1);
            }
        }
        CpSolverStatus status;
        if (greedyPlaced == all) {
            status = minimiseBreaks(problem, candidates, true, fairness, all, options, greedy, best,
                    remaining(limit, started), cancelled);
        } else {
            status = minimiseBreaks(problem, candidates, true, fairness, all, options, greedy, best,
                    Math.max(1.0, limit * 0.4), cancelled);
            if (best.placedCount() == all && status != CpSolverStatus.OPTIMAL && remaining(limit, started) > 0.5
                    && !cancelled.getAsBoolean()) {
                status = minimiseBreaks(problem, candidates, true, fairness, all, options, best.slotOf, best,
                        remaining(limit, started), cancelled);
            }
        }
        if (status == CpSolverStatus.OPTIMAL) {
            best.optimal = true;
            return best.result();
        }
        if (best.placedCount() == all && status == CpSolverStatus.INFEASIBLE && fairness >= 0) {
            // every meeting fits, the fairness bound does not: drop it
            status = minimiseBreaks(problem, candidates, true, -1, all, options, best.slotOf, best,
                    remaining(limit, started), cancelled);
            best.optimal = status == CpSolverStatus.OPTIMAL;
            return best.result();
        }
        if (best.placedCount() == all || cancelled.getAsBoolean() || remaining(limit, started) < 0.5) {
            return best.result();
        }
        // 2. not all placeable (or fairness in the way): how many can be placed?
        Built a = build(problem, candidates, false, false, -1, options, best.slotOf);
        a.model.maximize(sum(a.scheduledList()));
        CpSolverStatus countStatus = run(a, Math.max(0.5, remaining(limit, started) * 0.4), options, best,
                false, cancelled);
        boolean countProven = countStatus == CpSolverStatus.OPTIMAL;
        int target = best.placedCount();
        if (remaining(limit, started) < 0.5 || cancelled.getAsBoolean()) {
            return best.result();
        }
        // 3. with that many placed, fewest breaks (fairness dropped when it cannot hold)
        boolean mandatory = countProven && target == all;
        int d = mandatory ? -1 : fairness;
        status = minimiseBreaks(problem, candidates, mandatory, d, target, options, best.slotOf, best,
                remaining(limit, started), cancelled);
        if (status == CpSolverStatus.INFEASIBLE && d >= 0 && remaining(limit, started) > 0.5) {
            status = minimiseBreaks(problem, candidates, mandatory, -1, target, options, best.slotOf, best,
                    remaining(limit, started), cancelled);
        }
        best.optimal = countProven && status == CpSolverStatus.OPTIMAL;
        return best.result();
    }

    private static void debug(String what, long started) {
        if (Boolean.getBoolean("scheduler.debug")) {
            System.out.printf("  %.1fs %s%n", seconds(started), what);
        }
    }

    private static double remaining(double limit, long started) {
        return limit - seconds(started);
    }

    private CpSolverStatus minimiseBreaks(SchedulingProblem problem, List<Integer> candidates, boolean mandatory,
            int fairness, int atLeast, Options options, int[] hint, Run best, double seconds,
            BooleanSupplier cancelled) {
        if (seconds <= 0.05) {
            return CpSolverStatus.UNKNOWN;
        }
        Built b = build(problem, candidates, mandatory, true, fairness, options, hint);
        if (!mandatory) {
            b.model.addGreaterOrEqual(sum(b.scheduledList()), atLeast);
        }
        b.model.minimize(b.objective);
        return run(b, seconds, options, best, mandatory, cancelled);
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static LinearExpr sum(List<? extends LinearArgument> items) {
        LinearExprBuilder builder = LinearExpr.newBuilder();
        for (LinearArgument item : items) {
            builder.add(item);
        }
        return builder.build();
    }

    /** The model of one phase. */
    static final class Built {
        final CpModel model = new CpModel();
        BoolVar[][] x;
        BoolVar[] scheduled;
        LinearExpr objective;
        List<Integer> candidates;

        List<BoolVar> scheduledList() {
            List<BoolVar> list = new ArrayList<>();
            for (int m : candidates) {
                list.add(scheduled[m]);
            }
            return list;
        }
    }

    static Built build(SchedulingProblem problem, List<Integer> candidates, boolean mandatory, boolean withBreaks,
            int fairness, Options options, int[] hint) {
        Built built = new Built();
        built.candidates = candidates;
        CpModel model = built.model;
        int slots = problem.slotCount();
        int meetings = problem.meetings().size();
        int people = problem.participants().size();
        built.x = new BoolVar[meetings][slots + 1];
        built.scheduled = new BoolVar[meetings];
        List<List<Integer>> meetingsOf = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            meetingsOf.add(new ArrayList<>());
        }
        for (int m : candidates) {
            SchedulingProblem.Meeting meeting = problem.meetings().get(m);
            meetingsOf.get(meeting.a()).add(m);
            meetingsOf.get(meeting.b()).add(m);
            List<BoolVar> domain = new ArrayList<>();
            for (int s = 1; s <= slots; s++) {
                if (problem.allowed(m, s)) {
                    BoolVar v = model.newBoolVar("x_" + m + "_" + s);
                    built.x[m][s] = v;
                    domain.add(v);
                    if (hint != null && options.hints()) {
                        model.addHint(v, hint[m] == s ? 1 : 0);
                    }
                }
            }
            if (mandatory) {
                model.addExactlyOne(domain.toArray(new Literal[0]));
            } else {
                BoolVar placed = model.newBoolVar("placed_" + m);
                built.scheduled[m] = placed;
                model.addEquality(sum(domain), placed);
                if (hint != null && options.hints()) {
                    model.addHint(placed, hint[m] > 0 ? 1 : 0);
                }
            }
        }
        // tables: at most `tables` per slot; fixed tables hold one meeting at a time and are reserved
        Map<Integer, List<Integer>> byFixedTable = new HashMap<>();
        List<Integer> floating = new ArrayList<>();
        for (int m : candidates) {
            Integer fixed = TableAssigner.fixedTableOf(problem, m, problem.tables());
            if (fixed != null) {
                byFixedTable.computeIfAbsent(fixed, k -> new ArrayList<>()).add(m);
            } else {
                floating.add(m);
            }
        }
        long reservedCount = problem.participants().stream()
                .map(SchedulingProblem.Participant::fixedTable)
                .filter(t -> t != null && t >= 1 && t <= problem.tables()).distinct().count();
        for (int s = 1; s <= slots; s++) {
            capacity(model, built.x, candidates, s, problem.tables());
            if (reservedCount > 0) {
                capacity(model, built.x, floating, s, problem.tables() - (int) reservedCount);
                for (List<Integer> group : byFixedTable.values()) {
                    capacity(model, built.x, group, s, 1);
                }
            }
        }
        // participants: delegates, busy literals, runs
        LinearExprBuilder total = LinearExpr.newBuilder();
        List<LinearExpr> breaksOf = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            int delegates = Math.max(1, problem.participants().get(p).delegates());
            List<Integer> mine = meetingsOf.get(p);
            boolean needsBreaks = withBreaks && mine.size() >= 2;
            BoolVar[] busy = new BoolVar[slots + 2];
            for (int s = 1; s <= slots; s++) {
                List<BoolVar> here = new ArrayList<>();
                for (int m : mine) {
                    if (built.x[m][s] != null) {
                        here.add(built.x[m][s]);
                    }
                }
                if (here.isEmpty()) {
                    continue;
                }
                if (needsBreaks) {
                    BoolVar b = model.newBoolVar("busy_" + p + "_" + s);
                    busy[s] = b;
                    if (delegates == 1) {
                        model.addEquality(sum(here), b);
                    } else {
                        if (here.size() > delegates) {
                            model.addLessOrEqual(sum(here), delegates);
                        }
                        for (BoolVar v : here) {
                            model.addImplication(v, b);
                        }
                        model.addBoolOr(here.toArray(new Literal[0])).onlyEnforceIf(b);
                    }
                    if (hint != null && options.hints()) {
                        int on = 0;
                        for (int m : mine) {
                            on |= hint[m] == s ? 1 : 0;
                        }
                        model.addHint(b, on);
                    }
                } else if (here.size() > delegates) {
                    model.addLessOrEqual(sum(here), delegates);
                }
            }
            if (!needsBreaks) {
                breaksOf.add(null);
                continue;
            }
            LinearExprBuilder breaks = LinearExpr.newBuilder();
            if (RUN_MODEL) {
                runModel(model, built, busy, slots, mandatory, mine, p, breaks);
            } else {
                gapModel(model, busy, slots, p, breaks, busyHint(hint, options, mine, slots));
            }
            LinearExpr expr = breaks.build();
            if (mandatory && delegates == 1 && options.windows()) {
                window(model, built.x, mine, slots, expr);
            }
            breaksOf.add(expr);
            total.add(expr);
        }
        if (withBreaks && fairness >= 0) {
            int maxRuns = (slots + 1) / 2;
            IntVar max = model.newIntVar(0, maxRuns, "maxBreaks");
            IntVar min = model.newIntVar(0, maxRuns, "minBreaks");
            for (int p = 0; p < people; p++) {
                if (meetingsOf.get(p).isEmpty()) {
                    continue;
                }
                LinearExpr b = breaksOf.get(p);
                if (b == null) {
                    model.addEquality(min, 0);
                } else {
                    model.addLessOrEqual(b, max);
                    model.addGreaterOrEqual(b, min);
                }
            }
            model.addLessOrEqual(LinearExpr.newBuilder().add(max).addTerm(min, -1).build(), fairness);
        }
        if (withBreaks && options.symmetryBreaking() && timeReversible(problem, candidates)) {
            // reversing time maps a schedule onto one with the same breaks: keep the one whose first
            // candidate meeting sits in the first half
            int m0 = candidates.get(0);
            LinearExprBuilder slotOf = LinearExpr.newBuilder();
            for (int s = 1; s <= slots; s++) {
                if (built.x[m0][s] != null) {
                    slotOf.addTerm(built.x[m0][s], 2L * s);
                }
            }
            model.addLessOrEqual(slotOf.build(), slots + 1);
        }
        LinearExpr breaksTotal = total.build();
        if (withBreaks && !mandatory) {
            long weight = (long) people * slots + 1;
            LinearExprBuilder objective = LinearExpr.newBuilder().add(breaksTotal);
            for (int m : candidates) {
                objective.addTerm(built.scheduled[m], -weight);
            }
            built.objective = objective.build();
        } else {
            built.objective = breaksTotal;
        }
        return built;
    }


    /**
     * Break literals that are zero unless there is a break: {@code after[s]} = some meeting at s or
     * later, and a break starts at s when the participant is busy at s − 1, idle at s and busy again
     * later. Breaks = the sum of those literals, with no constant, so "no break" is every literal false
     * (core-based search and the LP relaxation both see real conflicts, instead of one unavoidable
     * "first run" per participant). Both directions are encoded: fairness cannot be met by over-counting.
     */
    private static void gapModel(CpModel model, BoolVar[] busy, int slots, int p, LinearExprBuilder breaks,
            boolean[] hint) {
        int lastBusy = 0;
        if (hint != null) {
            for (int s = 1; s <= slots; s++) {
                lastBusy = hint[s] ? s : lastBusy;
            }
        }
        Literal[] after = new Literal[slots + 2];
        for (int s = slots; s >= 1; s--) {
            Literal later = after[s + 1];
            if (busy[s] == null) {
                after[s] = later;
            } else if (later == null) {
                after[s] = busy[s];
            } else {
                BoolVar a = model.newBoolVar("after_" + p + "_" + s);
                model.addImplication(busy[s], a);
                model.addImplication(later, a);
                model.addBoolOr(new Literal[] { a.not(), busy[s], later });
                after[s] = a;
                if (hint != null) {
                    model.addHint(a, s <= lastBusy ? 1 : 0);
                }
            }
        }
        for (int s = 2; s < slots; s++) {
            // a break starts at s: busy at s-1, idle at s, busy later
            if (busy[s - 1] == null || after[s + 1] == null) {
                continue;
            }
            BoolVar b = model.newBoolVar("break_" + p + "_" + s);
            if (hint != null) {
                model.addHint(b, hint[s - 1] && !hint[s] && s < lastBusy ? 1 : 0);
            }
            model.addImplication(b, busy[s - 1]);
            model.addImplication(b, after[s + 1]);
            if (busy[s] != null) {
                model.addImplication(b, busy[s].not());
                model.addBoolOr(new Literal[] { b, busy[s - 1].not(), busy[s], after[s + 1].not() });
            } else {
                model.addBoolOr(new Literal[] { b, busy[s - 1].not(), after[s + 1].not() });
            }
            breaks.add(b);
        }
    }

    /**
     * A relaxation whose optimum is a lower bound on the breaks: every meeting placed under the hard
     * rules, and per participant (one meeting at a time, two meetings or more) a literal "has a
     * break" {@code y}, or else exactly one of the intervals of as many consecutive slots as it has
     * meetings that its meetings can fill ({@code z}, each of whose slots is then busy). A schedule
     * with B breaks gives a solution of this model with at most B participants marked, so its
     * minimum Σ y is a lower bound; where every participant that carries a break carries one (most
     * do in the best schedules seen on the benchmark), it is the optimum itself. Fairness and the number of
     * breaks beyond the first are left out; delegates above one are left out too (such a participant
     * counts for nothing here).
     */
    static Built boundModel(SchedulingProblem problem, List<Integer> candidates, Options options, int[] hint) {
        Built built = build(problem, candidates, true, false, -1, options, hint);
        CpModel model = built.model;
        int slots = problem.slotCount();
        int people = problem.participants().size();
        List<List<Integer>> meetingsOf = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            meetingsOf.add(new ArrayList<>());
        }
        for (int m : candidates) {
            meetingsOf.get(problem.meetings().get(m).a()).add(m);
            meetingsOf.get(problem.meetings().get(m).b()).add(m);
        }
        BitSet[] hinted = hint == null ? null : busy(problem, hint);
        LinearExprBuilder objective = LinearExpr.newBuilder();
        for (int p = 0; p < people; p++) {
            List<Integer> mine = meetingsOf.get(p);
            if (mine.size() < 2 || Math.max(1, problem.participants().get(p).delegates()) != 1) {
                continue;
            }
            int n = mine.size();
            BoolVar y = model.newBoolVar("y_" + p);
            objective.add(y);
            boolean hintBreak = hinted != null && hinted[p] != null && Breaks.of(hinted[p]) > 0;
            int hintFirst = hinted != null && hinted[p] != null ? hinted[p].nextSetBit(0) : -1;
            if (hint != null && options.hints()) {
                model.addHint(y, hintBreak ? 1 : 0);
            }
            List<Literal> choice = new ArrayList<>();
            choice.add(y);
            for (int first = 1; first + n - 1 <= slots; first++) {
                if (!fillsInterval(built.x, mine, first, n)) {
                    continue;
                }
                BoolVar z = model.newBoolVar("z_" + p + "_" + first);
                choice.add(z);
                if (hint != null && options.hints()) {
                    model.addHint(z, !hintBreak && hintFirst == first ? 1 : 0);
                }
                for (int s = first; s < first + n; s++) {
                    LinearExprBuilder busyAt = LinearExpr.newBuilder();
                    for (int m : mine) {
                        if (built.x[m][s] != null) {
                            busyAt.add(built.x[m][s]);
                        }
                    }
                    busyAt.addTerm(z, -1);
                    model.addGreaterOrEqual(busyAt.build(), 0);
                }
            }
            model.addExactlyOne(choice.toArray(new Literal[0]));
        }
        built.objective = objective.build();
        model.minimize(built.objective);
        return built;
    }

    /** As below, offering nothing (for the tests). */
    long lowerBound(SchedulingProblem problem, List<Integer> candidates, Options options, int[] hint, double seconds) {
        loadNativeLibraries();
        return lowerBound(problem, candidates, options, hint, seconds, null, () -> false);
    }

    /**
     * Solves {@link #boundModel} for up to {@code seconds}; returns the proven lower bound on the
     * breaks (CP-SAT's bound on the relaxation), 0 when nothing was proven. Each schedule it finds is
     * offered to {@code best} (when not null) with its real breaks counted.
     */
    long lowerBound(SchedulingProblem problem, List<Integer> candidates, Options options, int[] hint, double seconds,
            Run best, BooleanSupplier cancelled) {
        Built built = boundModel(problem, candidates, options, hint);
        CpSolver solver = solver(BOUND_PARAMETERS, seconds, options);
        AtomicReference<CpSolver> self = new AtomicReference<>(solver);
        CpSolverStatus status = solver.solve(built.model, new CpSolverSolutionCallback() {
            @Override
            public void onSolutionCallback() {
                // a schedule of the relaxation is a schedule: its real breaks may beat the best so far
                int[] slotOf = slots(built, this);
                if (best != null) {
                    best.offer(slotOf);
                }
                if (cancelled.getAsBoolean()) {
                    self.get().stopSearch();
                }
            }
        });
        long bound = status == CpSolverStatus.OPTIMAL ? Math.round(solver.objectiveValue())
                : status == CpSolverStatus.FEASIBLE ? (long) Math.ceil(solver.bestObjectiveBound() - 1e-6) : 0;
        if (Boolean.getBoolean("scheduler.debug")) {
            System.out.printf("  bound model %s in %.1f s: objective %.0f, bound %.1f, %d conflicts%n", status,
                    solver.wallTime(), solver.objectiveValue(), solver.bestObjectiveBound(), solver.numConflicts());
        }
        return Math.max(0, bound);
    }

    /** Whether the meetings can take the n slots first..first+n−1, one each (Kuhn's matching). */
    private static boolean fillsInterval(BoolVar[][] x, List<Integer> mine, int first, int n) {
        int[] meetingAt = new int[n];
        java.util.Arrays.fill(meetingAt, -1);
        for (int i = 0; i < n; i++) {
            if (!augment(x, mine, i, first, n, meetingAt, new boolean[n])) {
                return false;
            }
        }
        return true;
    }

    private static boolean augment(BoolVar[][] x, List<Integer> mine, int i, int first, int n, int[] meetingAt,
            boolean[] seen) {
        int m = mine.get(i);
        for (int k = 0; k < n; k++) {
            if (x[m][first + k] != null && !seen[k]) {
                seen[k] = true;
                if (meetingAt[k] < 0 || augment(x, mine, meetingAt[k], first, n, meetingAt, seen)) {
                    meetingAt[k] = i;
                    return true;
                }
            }
        }
        return false;
    }

    /** Busy slots of a participant in the hint, or null without a hint. */
    private static boolean[] busyHint(int[] hint, Options options, List<Integer> mine, int slots) {
        if (hint == null || !options.hints()) {
            return null;
        }
        boolean[] busy = new boolean[slots + 2];
        for (int m : mine) {
            if (hint[m] > 0) {
                busy[hint[m]] = true;
            }
        }
        return busy;
    }

    /** The first encoding: runs of busy slots, breaks = runs − 1 (kept to compare). */
    private static void runModel(CpModel model, Built built, BoolVar[] busy, int slots, boolean mandatory,
            List<Integer> mine, int p, LinearExprBuilder breaks) {
        List<BoolVar> runStarts = new ArrayList<>();
        for (int s = 1; s <= slots; s++) {
            if (busy[s] == null) {
                continue;
            }
            if (busy[s - 1] == null) {
                runStarts.add(busy[s]);
            } else {
                BoolVar r = model.newBoolVar("run_" + p + "_" + s);
                model.addImplication(r, busy[s]);
                model.addImplication(r, busy[s - 1].not());
                model.addBoolOr(new Literal[] { r, busy[s].not(), busy[s - 1] });
                runStarts.add(r);
            }
        }
        for (BoolVar r : runStarts) {
            breaks.add(r);
        }
        if (mandatory) {
            breaks.add(-1);
        } else {
            BoolVar any = model.newBoolVar("any_" + p);
            List<BoolVar> placed = new ArrayList<>();
            for (int m : mine) {
                placed.add(built.scheduled[m]);
                model.addImplication(built.scheduled[m], any);
            }
            model.addBoolOr(placed.toArray(new Literal[0])).onlyEnforceIf(any);
            breaks.addTerm(any, -1);
        }
    }

    /**
     * Redundant window constraints for a participant holding one meeting at a time: its meetings
     * lie in [first, last], all in different slots, last − first + 1 = k + idle slots, and no
     * break means no idle slot. They let the solver propagate "no break" as "k consecutive slots".
     */
    private static void window(CpModel model, BoolVar[][] x, List<Integer> mine, int slots, LinearExpr breaks) {
        IntVar first = model.newIntVar(1, slots, "first");
        IntVar last = model.newIntVar(1, slots, "last");
        List<IntVar> slotVars = new ArrayList<>();
        for (int m : mine) {
            LinearExprBuilder slotOf = LinearExpr.newBuilder();
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int s = 1; s <= slots; s++) {
                if (x[m][s] != null) {
                    slotOf.addTerm(x[m][s], s);
                    lo = Math.min(lo, s);
                    hi = Math.max(hi, s);
                }
            }
            IntVar slot = model.newIntVar(lo, hi, "slot");
            model.addEquality(slot, slotOf.build());
            model.addGreaterOrEqual(slot, first);
            model.addLessOrEqual(slot, last);
            slotVars.add(slot);
        }
        model.addAllDifferent(slotVars.toArray(new IntVar[0]));
        model.addMinEquality(first, slotVars.toArray(new IntVar[0]));
        model.addMaxEquality(last, slotVars.toArray(new IntVar[0]));
        int k = mine.size();
        // idle = last - first + 1 - k >= breaks; idle <= slots * breaks
        LinearExpr idle = LinearExpr.newBuilder().add(last).addTerm(first, -1).add(1 - k).build();
        model.addGreaterOrEqual(idle, breaks);
        model.addLessOrEqual(idle, LinearExpr.newBuilder().addTerm(breaks, slots).build());
    }

    /** True when mirroring the slot grid keeps every meeting's domain (no sessions, unavailability or fixed slots). */
    private static boolean timeReversible(SchedulingProblem problem, List<Integer> candidates) {
        if (candidates.isEmpty()) {
            return false;
        }
        int slots = problem.slotCount();
        for (int m : candidates) {
            for (int s = 1; s <= slots; s++) {
                if (problem.allowed(m, s) != problem.allowed(m, slots + 1 - s)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void capacity(CpModel model, BoolVar[][] x, List<Integer> group, int s, int cap) {
        List<BoolVar> here = new ArrayList<>();
        for (int m : group) {
            if (x[m][s] != null) {
                here.add(x[m][s]);
            }
        }
        if (here.size() > cap) {
            model.addLessOrEqual(sum(here), Math.max(0, cap));
        }
    }

    /** A CP-SAT solver with the given parameters (text format, may be blank), time limit and workers. */
    private static CpSolver solver(String parameters, double seconds, Options options) {
        CpSolver solver = new CpSolver();
        if (parameters != null && !parameters.isBlank()) {
            try {
                com.google.protobuf.TextFormat.merge(parameters, solver.getParameters());
            } catch (com.google.protobuf.TextFormat.ParseException e) {
                throw new IllegalArgumentException("bad CP-SAT parameters: " + e.getMessage(), e);
            }
        }
        solver.getParameters().setMaxTimeInSeconds(seconds).setNumWorkers(Math.max(1, options.workers()));
        return solver;
    }

    /** The slot of each candidate meeting in the solution a callback is given (0: not placed). */
    private static int[] slots(Built built, CpSolverSolutionCallback solution) {
        int[] slotOf = new int[built.x.length];
        for (int m : built.candidates) {
            for (int s = 1; s < built.x[m].length; s++) {
                if (built.x[m][s] != null && solution.booleanValue(built.x[m][s])) {
                    slotOf[m] = s;
                }
            }
        }
        return slotOf;
    }

    private CpSolverStatus run(Built built, double seconds, Options options, Run best, boolean withBreaks,
            BooleanSupplier cancelled) {
        CpSolver solver = solver(options.solverParameters(), seconds, options);
        AtomicReference<CpSolver> self = new AtomicReference<>(solver);
        CpSolverSolutionCallback callback = new CpSolverSolutionCallback() {
            @Override
            public void onSolutionCallback() {
                int[] slotOf = slots(built, this);
                best.bound = (long) Math.max(best.bound, withBreaks ? bestObjectiveBound() : 0);
                best.offer(slotOf);
                if (cancelled.getAsBoolean()) {
                    self.get().stopSearch();
                }
            }
        };
        CpSolverStatus status = solveStoppable(solver, built.model, callback, cancelled);
        if (withBreaks && (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE)) {
            // the bound reached after the last improving schedule (the callback saw only earlier ones)
            synchronized (best) {
                best.bound = (long) Math.max(best.bound, Math.ceil(solver.bestObjectiveBound() - 1e-6));
            }
        }
        if (Boolean.getBoolean("scheduler.debug")) {
            System.out.printf("  cp-sat %s in %.1f s: objective %.0f, bound %.1f, %d conflicts, %d branches%n", status,
                    solver.wallTime(), solver.objectiveValue(), solver.bestObjectiveBound(), solver.numConflicts(),
                    solver.numBranches());
        }
        return status;
    }

    /** The best schedule seen over all phases. */
    private static final class Run {
        final SchedulingProblem problem;
        final List<Integer> candidates;
        final List<ScheduleResult.Unscheduled> impossible;
        final long started;
        final Consumer<ScheduleResult> progress;
        int[] slotOf;
        int placed = -1;
        int breaks = Integer.MAX_VALUE;
        long bound;
        boolean optimal;

        final int fairness;
        boolean fair;

        Run(SchedulingProblem problem, List<Integer> candidates, List<ScheduleResult.Unscheduled> impossible,
                long started, Consumer<ScheduleResult> progress, int fairness) {
            this.fairness = fairness;
            this.problem = problem;
            this.candidates = candidates;
            this.impossible = impossible;
            this.started = started;
            this.progress = progress;
        }

        int placedCount() {
            return Math.max(0, placed);
        }

        /** Keeps the better schedule: more meetings placed, then fair, then fewer breaks. */
        synchronized void offer(int[] candidate) {
            int count = 0;
            for (int s : candidate) {
                count += s > 0 ? 1 : 0;
            }
            int b = totalBreaks(problem, candidate);
            boolean isFair = fair(problem, candidate, fairness);
            boolean better = count > placed || (count == placed && isFair && !fair)
                    || (count == placed && isFair == fair && b < breaks);
            if (better) {
                slotOf = candidate.clone();
                placed = count;
                breaks = b;
                fair = isFair;
                progress.accept(result());
            }
        }

        /** Raises the lower bound (a proven one, for every meeting placed). */
        synchronized void raiseBound(long lower) {
            if (placed == candidates.size()) {
                bound = Math.max(bound, lower);
                if (fair && breaks <= bound) {
                    optimal = true;
                }
            }
        }

        /** The result once the MaxSAT search's last bound is taken in. */
        synchronized ScheduleResult absorb(long lower) {
            raiseBound(lower);
            return result();
        }

        synchronized ScheduleResult result() {
            List<ScheduleResult.Placement> placements = new ArrayList<>();
            List<ScheduleResult.Unscheduled> unscheduled = new ArrayList<>(impossible);
            if (slotOf == null) {
                for (int m : candidates) {
                    unscheduled.add(new ScheduleResult.Unscheduled(m, NO_CAPACITY));
                }
                return new ScheduleResult(placements, unscheduled, 0, false, false, bound,
                        seconds(started));
            }
            int[] tables = TableAssigner.assign(problem, slotOf);
            for (int m : candidates) {
                if (slotOf[m] > 0) {
                    placements.add(new ScheduleResult.Placement(m, slotOf[m], tables[m]));
                } else {
                    unscheduled.add(new ScheduleResult.Unscheduled(m, NO_CAPACITY));
                }
            }
            placements.sort(Comparator.comparingInt(ScheduleResult.Placement::slot)
                    .thenComparingInt(ScheduleResult.Placement::table));
            unscheduled.sort(Comparator.comparingInt(ScheduleResult.Unscheduled::meeting));
            return new ScheduleResult(placements, unscheduled, breaks, optimal, !fair, bound, seconds(started));
        }
    }

    /** Whether max − min breaks over the participants with meetings is at most d (d < 0: no bound). */
    static boolean fair(SchedulingProblem problem, int[] slotOf, int d) {
        if (d < 0) {
            return true;
        }
        BitSet[] busy = busy(problem, slotOf);
        int max = Integer.MIN_VALUE;
        int min = Integer.MAX_VALUE;
        boolean[] involved = new boolean[busy.length];
        for (SchedulingProblem.Meeting m : problem.meetings()) {
            involved[m.a()] = true;
            involved[m.b()] = true;
        }
        for (int p = 0; p < busy.length; p++) {
            if (involved[p]) {
                int b = busy[p] == null ? 0 : Breaks.of(busy[p]);
                max = Math.max(max, b);
                min = Math.min(min, b);
            }
        }
        return max == Integer.MIN_VALUE || max - min <= d;
    }

    private static BitSet[] busy(SchedulingProblem problem, int[] slotOf) {
        BitSet[] busy = new BitSet[problem.participants().size()];
        for (int m = 0; m < slotOf.length; m++) {
            if (slotOf[m] > 0) {
                SchedulingProblem.Meeting meeting = problem.meetings().get(m);
                for (int p : new int[] { meeting.a(), meeting.b() }) {
                    if (busy[p] == null) {
                        busy[p] = new BitSet();
                    }
                    busy[p].set(slotOf[m]);
                }
            }
        }
        return busy;
    }

    /** Total breaks of a slot assignment (0 = not placed). */
    public static int totalBreaks(SchedulingProblem problem, int[] slotOf) {
        BitSet[] busy = new BitSet[problem.participants().size()];
        for (int m = 0; m < slotOf.length; m++) {
            if (slotOf[m] > 0) {
                SchedulingProblem.Meeting meeting = problem.meetings().get(m);
                for (int p : new int[] { meeting.a(), meeting.b() }) {
                    if (busy[p] == null) {
                        busy[p] = new BitSet();
                    }
                    busy[p].set(slotOf[m]);
                }
            }
        }
        int total = 0;
        for (BitSet b : busy) {
            if (b != null) {
                total += Breaks.of(b);
            }
        }
        return total;
    }

    /**
     * A first schedule to hint the solver: most constrained meetings first, each into the allowed
     * slot next to the parties' other meetings.
     */
    public static int[] greedySchedule(SchedulingProblem problem, List<Integer> candidates) {
        return greedy(problem, candidates);
    }

    static int[] greedy(SchedulingProblem problem, List<Integer> candidates) {
        int slots = problem.slotCount();
        int people = problem.participants().size();
        int[][] load = new int[people][slots + 2];
        int[] slotLoad = new int[slots + 1];
        int[] slotOf = new int[problem.meetings().size()];
        int[] degree = new int[people];
        for (int m : candidates) {
            degree[problem.meetings().get(m).a()]++;
            degree[problem.meetings().get(m).b()]++;
        }
        List<Integer> order = new ArrayList<>(candidates);
        order.sort(Comparator.comparingInt((Integer m) -> {
            SchedulingProblem.Meeting meeting = problem.meetings().get(m);
            return -(degree[meeting.a()] + degree[meeting.b()]);
        }));
        for (int m : order) {
            SchedulingProblem.Meeting meeting = problem.meetings().get(m);
            int da = Math.max(1, problem.participants().get(meeting.a()).delegates());
            int db = Math.max(1, problem.participants().get(meeting.b()).delegates());
            int bestSlot = 0;
            int bestScore = Integer.MIN_VALUE;
            for (int s = 1; s <= slots; s++) {
                if (!problem.allowed(m, s) || slotLoad[s] >= problem.tables() || load[meeting.a()][s] >= da
                        || load[meeting.b()][s] >= db) {
                    continue;
                }
                int score = 4 * (Integer.signum(load[meeting.a()][s - 1]) + Integer.signum(load[meeting.a()][s + 1])
                        + Integer.signum(load[meeting.b()][s - 1]) + Integer.signum(load[meeting.b()][s + 1])) - s;
                if (score > bestScore) {
                    bestScore = score;
                    bestSlot = s;
                }
            }
            if (bestSlot > 0) {
                slotOf[m] = bestSlot;
                slotLoad[bestSlot]++;
                load[meeting.a()][bestSlot]++;
                load[meeting.b()][bestSlot]++;
            }
        }
        return slotOf;
    }
}
