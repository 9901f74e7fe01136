package eus.elkarlan.event.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.Literal;

/**
 * The fewest breaks as a partial MaxSAT problem (the encoding of Bofill et al., JAIR 2022, section 4,
 * with its implied constraints), solved by CP-SAT's core-guided search (one worker, on its own thread
 * beside the warm start): each core it finds raises the lower bound, read from its search log and
 * published at once (the annealing stops when it reaches one, a schedule reaching one is optimal);
 * every schedule it finds is offered, and its optimum ends the whole job. LogicNG's MSU3 over a
 * Glucose-style solver, used before, proved forum-13crafb's 6 and ticf-13crafb's 3 only at 17-29 s
 * and never found those schedules; this search, beside {@link #cpSat} on the other worker, closes
 * both within 38 s over six seeds.
 *
 * <p>Hard: each meeting in exactly one allowed slot; per participant and slot at most its delegates'
 * meetings, {@code used[p][s]} ⇔ some meeting of p at s, {@code held[p][s]} ⇔ a meeting at or before s;
 * per slot at most {@code tables} meetings (counted over clusters of meetings sharing a participant);
 * {@code end[p][s]} ⇔ ¬used[p][s] ∧ held[p][s] ∧ used[p][s+1] (a break ends at s). Implied: a
 * participant with one delegate uses exactly as many slots as it has meetings; per slot at most twice
 * the tables participants are busy, and (one delegate everywhere) an even number of them. Fairness:
 * at most d breaks per participant. Soft: ¬end[p][s], weight 1.
 *
 * <p>Fairness is max − min ≤ d; the encoding asks max ≤ d, which the true rule allows unless min ≥ 1,
 * and then every involved participant carries a break: a bound or optimum below that number of
 * participants is the true one ({@link #boundCap}).
 */
final class MaxSatSearch implements Runnable {

    /** The core-guided search's random seed (CP-SAT's default is 1). */
    static int SEED = Integer.getInteger("scheduler.maxsatSeed", 1);

    /** Whether the search runs beside the warm start (needs two workers or more). */
    static boolean ENABLED = Boolean.parseBoolean(System.getProperty("scheduler.maxsat", "true"));
    /** Largest model (meeting × allowed slot literals) it is tried on: memory and build time grow with it. */
    static int MAX_LITERALS = Integer.getInteger("scheduler.maxsatLiterals", 20_000);

    private final SchedulingProblem problem;
    private final List<Integer> candidates;
    private final int fairness;
    private final long deadlineNanos;
    private final BooleanSupplier cancelled;
    private final Consumer<int[]> offer;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong lowerBound = new AtomicLong();
    private final AtomicBoolean optimum = new AtomicBoolean();
    private final long boundCap;
    private final long started = System.nanoTime();
    private volatile String outcome = "not run";
    private volatile String cpSatOutcome = "not run";
    private Thread thread;

    MaxSatSearch(SchedulingProblem problem, List<Integer> candidates, int fairness, long deadlineNanos,
            BooleanSupplier cancelled, Consumer<int[]> offer) {
        this.problem = problem;
        this.candidates = candidates;
        this.fairness = fairness;
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
        this.offer = offer;
        int[] count = new int[problem.participants().size()];
        for (SchedulingProblem.Meeting m : problem.meetings()) {
            count[m.a()]++;
            count[m.b()]++;
        }
        long involved = 0;
        boolean someoneWithoutBreak = false;
        for (int c : count) {
            involved += c > 0 ? 1 : 0;
            someoneWithoutBreak |= c == 1;
        }
        this.boundCap = fairness < 0 || someoneWithoutBreak ? Long.MAX_VALUE : involved;
    }

    /** Whether the search applies: no fixed table (reserved tables are not encoded), a model small enough. */
    static boolean applies(SchedulingProblem problem, List<Integer> candidates, int workers) {
        if (!ENABLED || workers < 2 || candidates.isEmpty()
                || problem.participants().stream().anyMatch(p -> p.fixedTable() != null)) {
            return false;
        }
        long literals = 0;
        for (int m : candidates) {
            for (int s = 1; s <= problem.slotCount(); s++) {
                literals += problem.allowed(m, s) ? 1 : 0;
            }
        }
        return literals <= MAX_LITERALS;
    }

    void start() {
        thread = new Thread(this, "maxsat-search");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the search and waits (briefly) for it to end. */
    void stop() {
        stop.set(true);
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The proven lower bound on breaks (0 until one is proven). */
    long lowerBound() {
        return lowerBound.get();
    }

    /** Whether the search proved its schedule optimal: nothing else needs to run. */
    boolean proven() {
        return optimum.get();
    }

    String outcome() {
        return outcome;
    }

    private boolean halted() {
        return stop.get() || cancelled.getAsBoolean() || System.nanoTime() > deadlineNanos;
    }

    @Override
    public void run() {
        try {
            CpSatSink sink = new CpSatSink();
            Encoding encoding = new Encoding(sink, true);
            double built = seconds();
            sink.model.minimize(LinearExpr.sum(sink.literals(sink.ends)));
            CpSolver solver = new CpSolver();
            solver.getParameters()
                    .setMaxTimeInSeconds(Math.max(0.5, (deadlineNanos - System.nanoTime()) / 1e9))
                    .setNumWorkers(1)
                    .setLinearizationLevel(0)
                    .setOptimizeWithCore(true)
                    .setRandomSeed(SEED)
                    .setLogSearchProgress(true)
                    .setLogToStdout(false);
            // the lower bounds come from the search log: 9.15's best-bound callback crashes the JVM (its
            // native side looks up a method a lambda does not have); an anonymous class, not a lambda,
            // for the same reason
            solver.setLogCallback(new Consumer<String>() {
                @Override
                public void accept(String line) {
                    java.util.regex.Matcher bound = BOUND_LINE.matcher(line);
                    if (bound.find()) {
                        raise(Long.parseLong(bound.group(1)));
                    }
                }
            });
            long[] found = { -1 };
            CpSolverSolutionCallback callback = new CpSolverSolutionCallback() {
                @Override
                public void onSolutionCallback() {
                    int[] schedule = encoding.schedule(v -> booleanValue(sink.variables.get(v)));
                    if (schedule != null) {
                        offer.accept(schedule);
                        found[0] = Math.round(objectiveValue());
                    }
                }
            };
            CpSolverStatus status = MeetingScheduler.solveStoppable(solver, sink.model, callback, this::halted);
            if (status == CpSolverStatus.OPTIMAL && found[0] >= 0) {
                raise(found[0]);
                optimum.set(found[0] < boundCap);
            }
            outcome = String.format("%s after %.1f s (model %.1f s, %d variables, %d constraints, %d ends), bound %d",
                    status, seconds(), built, sink.variables.size(), sink.model.getBuilder().getConstraintsCount(),
                    sink.ends.size(), lowerBound.get());
        } catch (RuntimeException | OutOfMemoryError e) {
            outcome = "failed: " + e;
        }
    }

    /** A lower bound line of CP-SAT's search log: "#Bound 4.59s best:inf next:[1,537] …". */
    private static final java.util.regex.Pattern BOUND_LINE = java.util.regex.Pattern.compile("^#Bound .*next:\\[(\\d+),");

    /**
     * The encoding's CP-SAT model: Boolean variables addressed by integer literals (MiniSat style:
     * {@code 2v} is variable v, {@code 2v + 1} its negation), and the break-end literals kept aside.
     */
    private static final class CpSatSink {
        final CpModel model = new CpModel();
        final List<BoolVar> variables = new ArrayList<>();
        final List<Integer> ends = new ArrayList<>();

        Literal literal(int l) {
            return (l & 1) == 0 ? variables.get(l >> 1) : variables.get(l >> 1).not();
        }

        Literal[] literals(List<Integer> literals) {
            return literals.stream().map(this::literal).toArray(Literal[]::new);
        }

        int newVariable() {
            variables.add(model.newBoolVar("v" + variables.size()));
            return variables.size() - 1;
        }

        void clause(int... literals) {
            Literal[] clause = new Literal[literals.length];
            for (int i = 0; i < literals.length; i++) {
                clause[i] = literal(literals[i]);
            }
            model.addBoolOr(clause);
        }
    }

    /**
     * CP-SAT on this same encoding as a pure satisfaction question, climbing from the proven lower bound
     * L: "at most L break ends" (a totalizer over the ends), no objective, no hint, one worker, on the
     * caller's thread for up to {@code seconds}. A schedule found is optimal and ends
     * the job; "infeasible" proves L + 1 and the question is asked again; a bound raised meanwhile by
     * the core search restarts it at the new L. {@code best} is the best schedule's breaks (nothing to
     * ask at or above it). It races the core search for the last step, the schedule at the optimum
     * (on a model with the parity as an equation, see {@link Encoding}): in the three runs logged it
     * found ticf-13crafb's 3 first (13-15 s), and forum-13crafb's 6 once.
     */
    void cpSat(int best, double seconds) {
        if (seconds < 1 || optimum.get() || halted()) {
            return;
        }
        long until = System.nanoTime() + (long) (seconds * 1e9);
        StringBuilder log = new StringBuilder();
        CpSatSink sink = new CpSatSink();
        Encoding encoding = new Encoding(sink, false);
        CpModel model = sink.model;
        List<Integer> atLeast = encoding.totalizer(sink.ends, best);
        while (!optimum.get() && !halted() && System.nanoTime() < until) {
            long bound = lowerBound.get();
            if (bound >= best || bound >= atLeast.size()) {
                break;
            }
            var builder = model.getBuilder();
            int index = builder.getConstraintsCount();
            model.addBoolOr(new Literal[] { sink.literal(atLeast.get((int) bound) ^ 1) });
            CpSolver solver = new CpSolver();
            solver.getParameters()
                    .setMaxTimeInSeconds(Math.max(0.5, (Math.min(until, deadlineNanos) - System.nanoTime()) / 1e9))
                    .setNumWorkers(1)
                    .setLinearizationLevel(0);
            int[][] found = new int[1][];
            CpSolverSolutionCallback callback = new CpSolverSolutionCallback() {
                @Override
                public void onSolutionCallback() {
                    found[0] = encoding.schedule(v -> booleanValue(sink.variables.get(v)));
                    stopSearch();
                }
            };
            CpSolverStatus status = MeetingScheduler.solveStoppable(solver, model, callback,
                    () -> halted() || optimum.get() || lowerBound.get() > bound);
            builder.removeConstraints(index);
            log.append(String.format("≤%d %s %.1f s; ", bound, status, solver.wallTime()));
            if (found[0] != null) {
                offer.accept(found[0]);
                if (bound < boundCap) {
                    optimum.set(true);
                }
                break;
            } else if (status == CpSolverStatus.INFEASIBLE) {
                raise(bound + 1);
            } else if (lowerBound.get() <= bound) {
                break; // out of time
            }
        }
        cpSatOutcome = log.toString();
    }

    String cpSatOutcome() {
        return cpSatOutcome;
    }

    private void raise(long bound) {
        lowerBound.accumulateAndGet(Math.min(bound, boundCap), Math::max);
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * The model: clauses for the links between meetings, slots and breaks, CP-SAT's own exactly-one,
     * at-most-one and linear constraints for the counts. Those counts were totalizers and sequential
     * counters (clauses, as the MaxSAT solver used first needed); as CP-SAT's own constraints the model
     * of forum-13crafb has 7,700 variables instead of 32,000 and its 6 breaks were found in 9-29 s
     * over six seeds, where with the clauses two seeds in five missed 60 s. The parity of the busy
     * participants per slot is the one place where the two forms differ most: as a linear equation
     * the question finds ticf-13crafb's 3 in 13-16 s (over 33 s with a totalizer), but with it
     * nothing proved tic-13crafc's 4 within 60 s, which the totalizer's clauses prove in 8-16 s. So
     * the core search gets the totalizer and the question the equation.
     */
    private final class Encoding {
        private final CpSatSink sink;
        /** Per meeting and slot, the variable "meeting at that slot", or −1 where not allowed. */
        private final int[][] x;

        /** The busy participants' parity as a totalizer's clauses rather than a linear equation. */
        private final boolean parityClauses;

        Encoding(CpSatSink sink, boolean parityClauses) {
            this.sink = sink;
            this.parityClauses = parityClauses;
            int slots = problem.slotCount();
            int participants = problem.participants().size();
            x = new int[problem.meetings().size()][slots + 1];
            List<List<Integer>> meetingsOf = new ArrayList<>();
            for (int p = 0; p < participants; p++) {
                meetingsOf.add(new ArrayList<>());
            }
            for (int[] row : x) {
                java.util.Arrays.fill(row, -1);
            }
            for (int m : candidates) {
                List<Integer> choices = new ArrayList<>();
                for (int s = 1; s <= slots; s++) {
                    if (problem.allowed(m, s)) {
                        x[m][s] = fresh();
                        choices.add(x[m][s]);
                    }
                }
                sink.model.addExactlyOne(sink.literals(choices));
                meetingsOf.get(problem.meetings().get(m).a()).add(m);
                meetingsOf.get(problem.meetings().get(m).b()).add(m);
            }
            boolean oneDelegateEach = problem.participants().stream().allMatch(p -> p.delegates() <= 1);
            int[][] used = new int[participants][];
            for (int p = 0; p < participants; p++) {
                List<Integer> mine = meetingsOf.get(p);
                if (mine.isEmpty()) {
                    continue;
                }
                int delegates = Math.max(1, problem.participants().get(p).delegates());
                used[p] = new int[slots + 1];
                List<Integer> usedSlots = new ArrayList<>();
                for (int s = 1; s <= slots; s++) {
                    used[p][s] = fresh();
                    usedSlots.add(used[p][s]);
                    List<Integer> here = new ArrayList<>();
                    for (int m : mine) {
                        if (x[m][s] >= 0) {
                            here.add(x[m][s]);
                            clause(not(x[m][s]), used[p][s]);
                        }
                    }
                    if (delegates == 1) {
                        atMostOne(here);
                    } else {
                        atMost(delegates, here);
                    }
                    List<Integer> some = new ArrayList<>(here);
                    some.add(not(used[p][s]));
                    clause(some);
                }
                if (delegates == 1) {
                    exactly(mine.size(), usedSlots); // implied: one slot per meeting
                }
                if (mine.size() < 2) {
                    continue;
                }
                int[] held = new int[slots + 1];
                for (int s = 1; s <= slots; s++) {
                    held[s] = fresh();
                    clause(not(used[p][s]), held[s]);
                    if (s == 1) {
                        clause(used[p][1], not(held[1]));
                    } else {
                        clause(not(held[s - 1]), held[s]);
                        clause(held[s - 1], used[p][s], not(held[s]));
                    }
                }
                List<Integer> mineEnds = new ArrayList<>();
                for (int s = 1; s < slots; s++) {
                    int end = fresh();
                    clause(not(end), not(used[p][s]));
                    clause(not(end), held[s]);
                    clause(not(end), used[p][s + 1]);
                    clause(end, used[p][s], not(held[s]), not(used[p][s + 1]));
                    mineEnds.add(end);
                    sink.ends.add(end);
                }
                if (fairness >= 0) {
                    atMost(fairness, mineEnds);
                }
            }
            List<List<Integer>> clusters = clusters(meetingsOf);
            for (int s = 1; s <= slots; s++) {
                List<Integer> active = new ArrayList<>();
                for (List<Integer> cluster : clusters) {
                    int variable = -1;
                    for (int m : cluster) {
                        if (x[m][s] >= 0) {
                            variable = variable < 0 ? fresh() : variable;
                            clause(not(x[m][s]), variable);
                        }
                    }
                    if (variable >= 0) {
                        active.add(variable);
                    }
                }
                atMost(problem.tables(), active);
                List<Integer> busy = new ArrayList<>();
                for (int p = 0; p < participants; p++) {
                    if (used[p] != null) {
                        busy.add(used[p][s]);
                    }
                }
                if (oneDelegateEach && busy.size() > 1 && !parityClauses) {
                    // implied: twice as many participants busy as meetings held, at most the tables
                    IntVar meetings = sink.model.newIntVar(0, problem.tables(), "meetings" + s);
                    sink.model.addEquality(sum(busy), LinearExpr.term(meetings, 2));
                } else if (oneDelegateEach && busy.size() > 1) {
                    // the same as clauses: a totalizer whose outputs come in pairs
                    int most = 2 * problem.tables();
                    List<Integer> atLeast = totalizer(busy, most + 1);
                    if (atLeast.size() > most) {
                        clause(not(atLeast.get(most)));
                    }
                    for (int i = 0; i + 1 < atLeast.size(); i += 2) {
                        clause(not(atLeast.get(i)), atLeast.get(i + 1));
                    }
                } else {
                    atMost(2 * problem.tables(), busy);
                }
            }
        }

        private int fresh() {
            return 2 * sink.newVariable();
        }

        private int not(int literal) {
            return literal ^ 1;
        }

        private void clause(int... literals) {
            sink.clause(literals);
        }

        private void clause(List<Integer> literals) {
            clause(literals.stream().mapToInt(Integer::intValue).toArray());
        }

        private LinearExpr sum(List<Integer> literals) {
            return LinearExpr.sum(sink.literals(literals));
        }

        private void atMostOne(List<Integer> literals) {
            sink.model.addAtMostOne(sink.literals(literals));
        }

        private void atMost(int k, List<Integer> literals) {
            if (literals.size() > k) {
                sink.model.addLessOrEqual(sum(literals), k);
            }
        }

        private void exactly(int k, List<Integer> literals) {
            sink.model.addEquality(sum(literals), k);
        }

        /**
         * Meetings grouped by a shared participant with one delegate (at most one of a group per slot,
         * so counting groups counts meetings): the participant with most meetings left first.
         */
        private List<List<Integer>> clusters(List<List<Integer>> meetingsOf) {
            boolean[] taken = new boolean[problem.meetings().size()];
            List<List<Integer>> clusters = new ArrayList<>();
            while (true) {
                int bestParticipant = -1;
                int bestCount = 0;
                for (int p = 0; p < meetingsOf.size(); p++) {
                    if (problem.participants().get(p).delegates() > 1) {
                        continue;
                    }
                    int left = 0;
                    for (int m : meetingsOf.get(p)) {
                        left += taken[m] ? 0 : 1;
                    }
                    if (left > bestCount) {
                        bestCount = left;
                        bestParticipant = p;
                    }
                }
                if (bestParticipant < 0) {
                    break;
                }
                List<Integer> cluster = new ArrayList<>();
                for (int m : meetingsOf.get(bestParticipant)) {
                    if (!taken[m]) {
                        taken[m] = true;
                        cluster.add(m);
                    }
                }
                clusters.add(cluster);
            }
            for (int m : candidates) {
                if (!taken[m]) {
                    clusters.add(List.of(m));
                }
            }
            return clusters;
        }

        /**
         * A totalizer: the returned literal {@code i} holds exactly when at least {@code i + 1} inputs
         * hold (both directions encoded, so parity can be stated on it), truncated to {@code limit}.
         */
        private List<Integer> totalizer(List<Integer> inputs, int limit) {
            if (inputs.size() == 1) {
                return inputs;
            }
            List<Integer> left = totalizer(inputs.subList(0, inputs.size() / 2), limit);
            List<Integer> right = totalizer(inputs.subList(inputs.size() / 2, inputs.size()), limit);
            int n = Math.min(limit, left.size() + right.size());
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(fresh());
            }
            for (int i = 0; i <= left.size(); i++) {
                for (int j = 0; j <= right.size(); j++) {
                    if (i + j >= 1 && i + j <= n) {
                        List<Integer> clause = new ArrayList<>();
                        if (i > 0) {
                            clause.add(not(left.get(i - 1)));
                        }
                        if (j > 0) {
                            clause.add(not(right.get(j - 1)));
                        }
                        clause.add(out.get(i + j - 1));
                        clause(clause);
                    }
                    if (i + j < n) {
                        List<Integer> clause = new ArrayList<>();
                        if (i < left.size()) {
                            clause.add(left.get(i));
                        }
                        if (j < right.size()) {
                            clause.add(right.get(j));
                        }
                        clause.add(not(out.get(i + j)));
                        clause(clause);
                    }
                }
            }
            return out;
        }

        /**
         * The schedule of a solution (slot per meeting, 0 for the meetings not planned here), or null
         * when the schedule breaks a hard rule (checked again: it goes straight to the job's result).
         */
        int[] schedule(java.util.function.IntPredicate value) {
            int[] slotOf = new int[problem.meetings().size()];
            for (int m : candidates) {
                for (int s = 1; s < x[m].length; s++) {
                    if (x[m][s] >= 0 && value.test(x[m][s] >> 1)) {
                        slotOf[m] = s;
                    }
                }
                if (slotOf[m] == 0) {
                    return null;
                }
            }
            return keepsTheRules(slotOf) ? slotOf : null;
        }

        private boolean keepsTheRules(int[] slotOf) {
            int slots = problem.slotCount();
            int[] perSlot = new int[slots + 1];
            int[][] busy = new int[problem.participants().size()][slots + 1];
            for (int m : candidates) {
                int s = slotOf[m];
                SchedulingProblem.Meeting meeting = problem.meetings().get(m);
                if (!problem.allowed(m, s) || ++perSlot[s] > problem.tables()
                        || ++busy[meeting.a()][s] > Math.max(1, problem.participants().get(meeting.a()).delegates())
                        || ++busy[meeting.b()][s] > Math.max(1, problem.participants().get(meeting.b()).delegates())) {
                    return false;
                }
            }
            return true;
        }
    }
}
