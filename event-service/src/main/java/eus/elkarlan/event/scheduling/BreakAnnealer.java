package eus.elkarlan.event.scheduling;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated annealing on a complete slot assignment, to give CP-SAT a good first schedule: moves
 * a meeting to another slot, swaps the slots of two meetings, exchanges two slots over a Kempe chain
 * or shifts a party's run of meetings by one slot, never breaking a hard rule (unless relaxed), and
 * minimises breaks plus a heavy penalty per break of unfairness. Cheap per move, so it does a lot
 * with a small share of two busy cores; CP-SAT then improves on it and proves what it can.
 * Used only where no table is fixed (fixed tables add rules this search does not track).
 */
final class BreakAnnealer {

    private static final int UNFAIR_PENALTY = 20;
    /** Weights of breaks and of idle slots inside a participant's day in the search's cost. */
    static int breakWeight = Integer.getInteger("annealer.breakWeight", 1);
    static int idleWeight = Integer.getInteger("annealer.idleWeight", 0);
    /** Coolings per run, each restarting from the best schedule found so far. */
    static int CYCLES = Integer.getInteger("annealer.cycles", 1);
    /** Whether half of the single-meeting moves aim next to a party's other meeting. */
    static boolean TARGETED = Boolean.parseBoolean(System.getProperty("annealer.targeted", "true"));

    private final int[] idle;
    private int totalIdle;

    /**
     * Relaxed search: a meeting may be moved onto a slot where a party is already busy or the slot
     * has no free table; each such clash costs {@code penalty}, which rises while the search stays
     * infeasible and falls while it stays feasible (strategic oscillation). Only clash-free schedules
     * are kept as results. Off by default: measured on the two tight crafted instances at equal wall
     * time it was not better (each move costs 2–3 times more, as every move is evaluated).
     */
    static boolean RELAXED = Boolean.parseBoolean(System.getProperty("annealer.relaxed", "false"));
    /**
     * Moves per second of budget of one search: the cooling's length in moves (about what one core does
     * when the machine is not shared); 0 = the cooling follows wall time only.
     */
    static long MOVES_PER_SECOND = Long.getLong("annealer.movesPerSecond", 500_000L);
    /** Moves of one search, overriding the rate above; the time budget still caps it. */
    static long MOVES = Long.getLong("annealer.moves", 0L);
    static long SEED = Long.getLong("annealer.seed", 7L);
    /**
     * One move in this many shifts a party's run of consecutive meetings by one slot, its partners'
     * meetings with it (undone when it would double-book anybody, unless relaxed).
     */
    static boolean BLOCK_SHIFT = Boolean.parseBoolean(System.getProperty("annealer.blockShift", "true"));
    static int BLOCK_SHIFT_ONE_IN = Integer.getInteger("annealer.blockShiftOneIn", 8);
    /**
     * One move in this many (0 = never) aims at a participant that carries a break (chosen in
     * proportion to its breaks) and tries to close one of its gaps: the meeting at the far end of the
     * block on one side of the gap moves into the gap, over a Kempe chain between the two slots (the
     * partners' meetings in those slots swap with it), so the block slides towards the other one.
     */
    static int GAP_CLOSE_ONE_IN = Integer.getInteger("annealer.gapCloseOneIn", 0);
    private long gapTried;
    private long gapApplied;
    private long gapAccepted;
    private final boolean relaxed;
    private int clashes;
    private double penalty = 1.0;
    private static final double MIN_PENALTY = Double.parseDouble(System.getProperty("annealer.minPenalty", "0.5"));
    private static final double MAX_PENALTY = Double.parseDouble(System.getProperty("annealer.maxPenalty", "20"));
    private static final double PENALTY_STEP = Double.parseDouble(System.getProperty("annealer.penaltyStep", "1.02"));
    private final int[] delegatesOf;
    private static final boolean DEBUG = Boolean.getBoolean("annealer.debug");

    private final SchedulingProblem problem;
    private final List<Integer> candidates;
    private final int slots;
    private final int fairness;
    private final int[][] occ;
    private final int[] load;
    private final int[] breaks;
    private final int[] histogram;
    private final boolean[] involved;
    private final int[][] allowed;
    private final SplittableRandom random;
    /** Shared by parallel searches: set when one reaches zero cost, which no other can beat. */
    private java.util.concurrent.atomic.AtomicBoolean solved = new java.util.concurrent.atomic.AtomicBoolean();
    /** Breaks known to be the fewest possible (a proven lower bound): reaching them ends the search. */
    private int target;
    /** A lower bound proven by another search meanwhile: reaching it also ends the search. */
    private java.util.function.IntSupplier provenBound = () -> 0;
    /** Ends the search from outside: a cancelled job, a proof found by another search. */
    private java.util.function.BooleanSupplier stop = () -> false;
    private final boolean kempe;
    private final List<List<Integer>> meetingsOf = new java.util.ArrayList<>();
    private static final int MAX_CHAIN = 40;
    private final int[][] meetingsArray;
    private final int[] chainBuffer = new int[MAX_CHAIN];
    private final int[] seenStamp;
    private int stamp;

    BreakAnnealer(SchedulingProblem problem, List<Integer> candidates, int fairness) {
        this(problem, candidates, fairness, SEED);
    }

    BreakAnnealer(SchedulingProblem problem, List<Integer> candidates, int fairness, long seed) {
        this.random = new SplittableRandom(seed);
        this.problem = problem;
        this.candidates = candidates;
        this.slots = problem.slotCount();
        this.fairness = fairness;
        int people = problem.participants().size();
        this.occ = new int[people][slots + 2];
        this.load = new int[slots + 2];
        this.breaks = new int[people];
        this.idle = new int[people];
        this.histogram = new int[slots + 2];
        this.involved = new boolean[people];
        this.allowed = new int[problem.meetings().size()][];
        this.kempe = problem.participants().stream().allMatch(p -> p.delegates() <= 1);
        this.relaxed = RELAXED;
        this.delegatesOf = new int[people];
        for (int p = 0; p < people; p++) {
            delegatesOf[p] = Math.max(1, problem.participants().get(p).delegates());
        }
        for (int p = 0; p < people; p++) {
            meetingsOf.add(new java.util.ArrayList<>());
        }
        for (int m : candidates) {
            int count = 0;
            int[] tmp = new int[slots];
            for (int s = 1; s <= slots; s++) {
                if (problem.allowed(m, s)) {
                    tmp[count++] = s;
                }
            }
            allowed[m] = java.util.Arrays.copyOf(tmp, count);
            involved[problem.meetings().get(m).a()] = true;
            involved[problem.meetings().get(m).b()] = true;
            meetingsOf.get(problem.meetings().get(m).a()).add(m);
            meetingsOf.get(problem.meetings().get(m).b()).add(m);
        }
        meetingsArray = new int[people][];
        for (int p = 0; p < people; p++) {
            meetingsArray[p] = meetingsOf.get(p).stream().mapToInt(Integer::intValue).toArray();
        }
        seenStamp = new int[problem.meetings().size()];
    }

    /**
     * Kempe chain of m between slots s1 (its slot) and s2: the meetings reachable from m through
     * shared participants among those in s1 or s2. Swapping the two slots over the whole chain keeps
     * everybody in one meeting at a time.
     */
    private int[] chain(int m, int s1, int s2, int[] slotOf) {
        // int queue and visit stamps: this runs for a quarter of all moves, so no boxing
        stamp++;
        int size = 0;
        chainBuffer[size++] = m;
        seenStamp[m] = stamp;
        for (int head = 0; head < size; head++) {
            SchedulingProblem.Meeting meeting = problem.meetings().get(chainBuffer[head]);
            for (int side = 0; side < 2; side++) {
                int[] theirs = meetingsArray[side == 0 ? meeting.a() : meeting.b()];
                for (int other : theirs) {
                    int at = slotOf[other];
                    if ((at == s1 || at == s2) && seenStamp[other] != stamp) {
                        if (size == MAX_CHAIN) {
                            return null;
                        }
                        seenStamp[other] = stamp;
                        chainBuffer[size++] = other;
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(chainBuffer, size);
    }

    /** Swaps s1 and s2 over the chain; returns false (and changes nothing) when a rule would break. */
    private boolean swapChain(int[] chain, int s1, int s2, int[] slotOf) {
        int delta1 = 0;
        for (int m : chain) {
            int target = slotOf[m] == s1 ? s2 : s1;
            if (!problem.allowed(m, target)) {
                return false;
            }
            delta1 += slotOf[m] == s1 ? -1 : 1;
        }
        if (load[s1] + delta1 > problem.tables() || load[s2] - delta1 > problem.tables()) {
            return false;
        }
        for (int m : chain) {
            place(m, slotOf[m], -1);
        }
        for (int m : chain) {
            slotOf[m] = slotOf[m] == s1 ? s2 : s1;
            place(m, slotOf[m], +1);
        }
        return true;
    }

    /**
     * Runs {@code threads} independent searches from {@code start}, each with its own random stream,
     * for about {@code seconds}, and returns the best schedule (breaks, then unfairness). On two cores
     * two searches find better schedules than one search does in the same wall time: the landscape
     * has many basins, and the second core would otherwise idle.
     */
    static int[] improveInParallel(SchedulingProblem problem, List<Integer> candidates, int fairness, int[] start,
            double seconds, int threads) {
        return improveInParallel(problem, candidates, fairness, start, seconds, threads, SEED);
    }

    /** As above, with the random streams derived from {@code firstSeed} (a second round uses new ones). */
    static int[] improveInParallel(SchedulingProblem problem, List<Integer> candidates, int fairness, int[] start,
            double seconds, int threads, long firstSeed) {
        return improveInParallel(problem, candidates, fairness, start, seconds, threads, firstSeed, 0);
    }

    /**
     * As above; every search stops once one reaches {@code target} breaks with the fairness bound
     * met (a proven lower bound: nothing better exists).
     */
    static int[] improveInParallel(SchedulingProblem problem, List<Integer> candidates, int fairness, int[] start,
            double seconds, int threads, long firstSeed, int target) {
        return improveInParallel(problem, candidates, fairness, start, seconds, threads, firstSeed, target,
                () -> false, () -> 0);
    }

    /**
     * As above; {@code stop} (polled every 1,024 moves) ends every search from outside (a cancelled
     * job, a proof found elsewhere), and {@code provenBound} is a lower bound proven meanwhile
     * (reaching it ends the search too).
     */
    static int[] improveInParallel(SchedulingProblem problem, List<Integer> candidates, int fairness, int[] start,
            double seconds, int threads, long firstSeed, int target, java.util.function.BooleanSupplier stop,
            java.util.function.IntSupplier provenBound) {
        if (threads <= 1) {
            BreakAnnealer annealer = new BreakAnnealer(problem, candidates, fairness, firstSeed);
            annealer.target = target;
            annealer.stop = stop;
            annealer.provenBound = provenBound;
            return annealer.improve(start, seconds);
        }
        List<java.util.concurrent.CompletableFuture<int[]>> runs = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean solved = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "break-annealer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int t = 0; t < threads; t++) {
                long seed = firstSeed + 7919L * t;
                runs.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> {
                            BreakAnnealer annealer = new BreakAnnealer(problem, candidates, fairness, seed);
                            annealer.solved = solved;
                            annealer.target = target;
                            annealer.provenBound = provenBound;
                            annealer.stop = stop;
                            return annealer.improve(start, seconds);
                        }, pool));
            }
            int[] best = null;
            long bestScore = Long.MAX_VALUE;
            for (java.util.concurrent.CompletableFuture<int[]> run : runs) {
                int[] schedule = run.join();
                long score = MeetingScheduler.totalBreaks(problem, schedule)
                        + (MeetingScheduler.fair(problem, schedule, fairness) ? 0 : 1_000_000L);
                if (score < bestScore) {
                    bestScore = score;
                    best = schedule;
                }
            }
            return best;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Improves {@code start} (every candidate placed) for about {@code seconds}; returns the best found. */
    int[] improve(int[] start, double seconds) {
        int[] slotOf = start.clone();
        for (int m : candidates) {
            place(m, slotOf[m], +1);
        }
        for (int p = 0; p < breaks.length; p++) {
            if (involved[p]) {
                breaks[p] = breaksOf(p);
                histogram[breaks[p]]++;
                idle[p] = idleOf(p);
                totalIdle += idle[p];
            }
        }
        double cost = cost();
        int bestCost = pureCost();
        int[] best = slotOf.clone();
        long bestAt = 0;
        long startNs = System.nanoTime();
        long budget = (long) (seconds * 1e9);
        long moves = MOVES > 0 ? MOVES : (long) (seconds * MOVES_PER_SECOND);
        double t0 = Double.parseDouble(System.getProperty("annealer.t0", "1.5")) * Math.max(1, breakWeight);
        double t1 = Double.parseDouble(System.getProperty("annealer.t1", "0.05"));
        double temperature = t0;
        int currentCycle = 0;
        int n = candidates.size();
        for (long iteration = 0;; iteration++) {
            if ((iteration & 1023) == 0) {
                long elapsed = System.nanoTime() - startNs;
                if (bestCost <= Math.max(target, provenBound.getAsInt()) * breakWeight) {
                    solved.set(true); // unfairness costs more than a break: this is the bound, and fair
                }
                if (elapsed > budget || solved.get() || stop.getAsBoolean() || (moves > 0 && iteration >= moves)) {
                    if (Boolean.getBoolean("scheduler.debug")) {
                        System.out.printf("  annealer: %d iterations, best %d (found at move %d)%s%n", iteration,
                                bestCost, bestAt, GAP_CLOSE_ONE_IN > 0
                                        ? String.format(", gap moves %d tried, %d applied, %d accepted", gapTried,
                                                gapApplied, gapAccepted)
                                        : "");
                    }
                    break;
                }
                // CYCLES coolings, each from the best schedule so far
                // the cooling follows the moves done when the machine keeps up (the same result on every
                // run), else the clock (a loaded machine still finishes its cooling within the budget)
                double progress = Math.max(moves > 0 ? (double) iteration / moves : 0, (double) elapsed / budget)
                        * CYCLES;
                int cycle = (int) progress;
                if (cycle > currentCycle && cycle < CYCLES) {
                    currentCycle = cycle;
                    slotOf = best.clone();
                    reset(slotOf);
                    cost = cost();
                }
                temperature = t0 * Math.pow(t1 / t0, progress - cycle);
                if (DEBUG && (iteration & ((1 << 21) - 1)) == 0) {
                    System.out.printf("    it %d T %.3f penalty %.2f clashes %d pure %d best %d%n", iteration,
                            temperature, penalty, clashes, pureCost(), bestCost);
                }
                if (relaxed) {
                    // strategic oscillation: clashes cost more while the search stays infeasible
                    penalty = clashes > 0 ? Math.min(MAX_PENALTY, penalty * PENALTY_STEP)
                            : Math.max(MIN_PENALTY, penalty / PENALTY_STEP);
                    cost = cost();
                }
            }
            int m1 = candidates.get(random.nextInt(n));
            int s1 = slotOf[m1];
            int kind = random.nextInt(kempe ? 4 : 3);
            if (BLOCK_SHIFT && random.nextInt(BLOCK_SHIFT_ONE_IN) == 0) {
                kind = 4;
            }
            if (GAP_CLOSE_ONE_IN > 0 && kempe && random.nextInt(GAP_CLOSE_ONE_IN) == 0) {
                int[] move = gapMove(slotOf);
                if (move == null) {
                    continue;
                }
                gapTried++;
                int source = move[0];
                int from = slotOf[source];
                int to = move[1];
                int[] chain = chain(source, from, to, slotOf);
                int clashesBefore = clashes;
                if (chain == null || !swapChain(chain, from, to, slotOf)) {
                    continue;
                }
                gapApplied++;
                double delta = refresh(chain) + clashCost(clashesBefore);
                if (accept(delta, temperature)) {
                    cost += delta;
                    gapAccepted++;
                } else {
                    swapChain(chain, from, to, slotOf);
                    refresh(chain);
                }
            } else if (kind == 4) {
                // the run of consecutive meetings of one party around m1, shifted one slot earlier or later
                SchedulingProblem.Meeting meeting = problem.meetings().get(m1);
                int p = random.nextBoolean() ? meeting.a() : meeting.b();
                int from = s1;
                int to = s1;
                while (from > 1 && occ[p][from - 1] > 0) {
                    from--;
                }
                while (to < slots && occ[p][to + 1] > 0) {
                    to++;
                }
                int shift = random.nextBoolean() ? 1 : -1;
                if (from + shift < 1 || to + shift > slots) {
                    continue;
                }
                int size = 0;
                boolean ok = true;
                for (int m : meetingsArray[p]) {
                    int at = slotOf[m];
                    if (at >= from && at <= to) {
                        if (size == MAX_CHAIN || !problem.allowed(m, at + shift)) {
                            ok = false;
                            break;
                        }
                        chainBuffer[size++] = m;
                    }
                }
                if (!ok) {
                    continue;
                }
                int[] group = java.util.Arrays.copyOf(chainBuffer, size);
                int clashesBefore = clashes;
                shiftGroup(group, shift, slotOf);
                if (!relaxed && clashes > clashesBefore) {
                    shiftGroup(group, -shift, slotOf); // breaks not refreshed yet: nothing else to undo
                    continue;
                }
                double delta = refresh(group) + clashCost(clashesBefore);
                if (accept(delta, temperature)) {
                    cost += delta;
                } else {
                    shiftGroup(group, -shift, slotOf);
                    refresh(group);
                }
            } else if (kind == 3) {
                int s2 = 1 + random.nextInt(slots);
                if (s2 == s1) {
                    continue;
                }
                int[] chain = chain(m1, s1, s2, slotOf);
                int clashesBefore = clashes;
                if (chain == null || !swapChain(chain, s1, s2, slotOf)) {
                    continue;
                }
                double delta = refresh(chain) + clashCost(clashesBefore);
                if (accept(delta, temperature)) {
                    cost += delta;
                } else {
                    swapChain(chain, s1, s2, slotOf);
                    refresh(chain);
                }
            } else if (kind > 0) {
                int s2;
                if (TARGETED && random.nextBoolean()) {
                    // next to another meeting of one of its parties: where a break can close
                    SchedulingProblem.Meeting meeting = problem.meetings().get(m1);
                    List<Integer> theirs = meetingsOf.get(random.nextBoolean() ? meeting.a() : meeting.b());
                    s2 = slotOf[theirs.get(random.nextInt(theirs.size()))] + (random.nextBoolean() ? 1 : -1);
                    if (s2 < 1 || s2 > slots || !problem.allowed(m1, s2)) {
                        continue;
                    }
                } else {
                    int[] options = allowed[m1];
                    s2 = options[random.nextInt(options.length)];
                }
                if (s2 == s1 || (!relaxed && !fits(m1, s2))) {
                    continue;
                }
                int clashesBefore = clashes;
                place(m1, s1, -1);
                place(m1, s2, +1);
                double delta = refresh(m1) + clashCost(clashesBefore);
                if (accept(delta, temperature)) {
                    slotOf[m1] = s2;
                    cost += delta;
                } else {
                    place(m1, s2, -1);
                    place(m1, s1, +1);
                    refresh(m1);
                }
            } else {
                int m2 = candidates.get(random.nextInt(n));
                int s2 = slotOf[m2];
                if (m2 == m1 || s2 == s1 || !problem.allowed(m1, s2) || !problem.allowed(m2, s1)) {
                    continue;
                }
                int clashesBefore = clashes;
                place(m1, s1, -1);
                place(m2, s2, -1);
                if (!relaxed && (!fits(m1, s2) || !fitsAfter(m2, s1, m1, s2))) {
                    place(m1, s1, +1);
                    place(m2, s2, +1);
                    continue;
                }
                place(m1, s2, +1);
                place(m2, s1, +1);
                double delta = refresh(m1, m2) + clashCost(clashesBefore);
                if (accept(delta, temperature)) {
                    slotOf[m1] = s2;
                    slotOf[m2] = s1;
                    cost += delta;
                } else {
                    place(m1, s2, -1);
                    place(m2, s1, -1);
                    place(m1, s1, +1);
                    place(m2, s2, +1);
                    refresh(m1, m2);
                }
            }
            if (cost < bestCost + 0.5 && clashes == 0) {
                int pure = pureCost();
                if (pure < bestCost) {
                    bestCost = pure;
                    bestAt = iteration;
                    best = slotOf.clone();
                }
            }
        }
        return best;
    }

    /**
     * A gap-closing move, or null: a participant with breaks (rejection sampling in proportion to its
     * breaks), one of its gaps at random, and {meeting, slot}: the meeting at the outer end of the
     * block before the gap and the gap's first slot, or the meeting at the outer end of the block
     * after the gap and the gap's last slot.
     */
    private int[] gapMove(int[] slotOf) {
        int people = breaks.length;
        int most = 0;
        for (int b = histogram.length - 1; b > 0; b--) {
            if (histogram[b] > 0) {
                most = b;
                break;
            }
        }
        if (most == 0) {
            return null;
        }
        int p = -1;
        for (int tries = 0; tries < 64; tries++) {
            int q = random.nextInt(people);
            if (breaks[q] > 0 && random.nextInt(most) < breaks[q]) {
                p = q;
                break;
            }
        }
        if (p < 0) {
            return null;
        }
        int[] row = occ[p];
        int gap = random.nextInt(breaks[p]);
        // find the gap-th gap: an idle run after a busy slot with a busy slot later
        int s = 1;
        while (s <= slots && row[s] == 0) {
            s++;
        }
        int blockStart = s;
        for (int seen = 0; s <= slots; seen++) {
            while (s <= slots && row[s] > 0) {
                s++;
            }
            int gapStart = s;
            while (s <= slots && row[s] == 0) {
                s++;
            }
            if (s > slots) {
                return null; // no busy slot after: not a gap
            }
            int gapEnd = s - 1;
            if (seen == gap) {
                int nextEnd = s;
                while (nextEnd < slots && row[nextEnd + 1] > 0) {
                    nextEnd++;
                }
                boolean left = random.nextBoolean();
                int at = left ? blockStart : nextEnd;
                int target = left ? gapStart : gapEnd;
                for (int m : meetingsArray[p]) {
                    if (slotOf[m] == at) {
                        return problem.allowed(m, target) ? new int[] { m, target } : null;
                    }
                }
                return null;
            }
            blockStart = s;
        }
        return null;
    }

    private void shiftGroup(int[] group, int shift, int[] slotOf) {
        for (int m : group) {
            place(m, slotOf[m], -1);
        }
        for (int m : group) {
            slotOf[m] += shift;
            place(m, slotOf[m], +1);
        }
    }

    /** Rebuilds the counters for {@code slotOf}. */
    private void reset(int[] slotOf) {
        for (int[] row : occ) {
            java.util.Arrays.fill(row, 0);
        }
        java.util.Arrays.fill(load, 0);
        java.util.Arrays.fill(histogram, 0);
        totalIdle = 0;
        clashes = 0;
        for (int m : candidates) {
            place(m, slotOf[m], +1);
        }
        for (int p = 0; p < breaks.length; p++) {
            if (involved[p]) {
                breaks[p] = breaksOf(p);
                histogram[breaks[p]]++;
                idle[p] = idleOf(p);
                totalIdle += idle[p];
            }
        }
    }

    private boolean accept(double delta, double temperature) {
        return delta <= 0 || random.nextDouble() < Math.exp(-delta / temperature);
    }

    private boolean fits(int m, int s) {
        SchedulingProblem.Meeting meeting = problem.meetings().get(m);
        return load[s] < problem.tables() && occ[meeting.a()][s] < delegates(meeting.a())
                && occ[meeting.b()][s] < delegates(meeting.b());
    }

    /** Whether m fits in s once other (already removed) is placed in otherSlot. */
    private boolean fitsAfter(int m, int s, int other, int otherSlot) {
        place(other, otherSlot, +1);
        boolean ok = fits(m, s);
        place(other, otherSlot, -1);
        return ok;
    }

    private int delegates(int p) {
        return delegatesOf[p];
    }

    /** Adds (+1) or removes (−1) m at s, counting the clashes (over-booked parties and tables). */
    private void place(int m, int s, int sign) {
        SchedulingProblem.Meeting meeting = problem.meetings().get(m);
        int a = meeting.a();
        int b = meeting.b();
        if (sign > 0) {
            clashes += (occ[a][s] >= delegatesOf[a] ? 1 : 0) + (occ[b][s] >= delegatesOf[b] ? 1 : 0)
                    + (load[s] >= problem.tables() ? 1 : 0);
        }
        occ[a][s] += sign;
        occ[b][s] += sign;
        load[s] += sign;
        if (sign < 0) {
            clashes -= (occ[a][s] >= delegatesOf[a] ? 1 : 0) + (occ[b][s] >= delegatesOf[b] ? 1 : 0)
                    + (load[s] >= problem.tables() ? 1 : 0);
        }
    }

    /** Recomputes the breaks of the parties of the given meetings; returns the change of cost. */
    private double refresh(int... meetings) {
        double before = cost();
        for (int m : meetings) {
            SchedulingProblem.Meeting meeting = problem.meetings().get(m);
            update(meeting.a());
            update(meeting.b());
        }
        return cost() - before;
    }

    private void update(int p) {
        if (idleWeight > 0) {
            int nowIdle = idleOf(p);
            totalIdle += nowIdle - idle[p];
            idle[p] = nowIdle;
        }
        int now = breaksOf(p);
        if (now != breaks[p]) {
            histogram[breaks[p]]--;
            histogram[now]++;
            breaks[p] = now;
        }
    }

    /** The change of the clash penalty since the count was {@code before} (refresh sees breaks only). */
    private double clashCost(int before) {
        return relaxed ? penalty * breakWeight * (clashes - before) : 0;
    }

    /** The search's cost: {@link #pureCost()} plus the clash penalty. */
    private double cost() {
        return pureCost() + (relaxed ? penalty * breakWeight * clashes : 0);
    }

    private int pureCost() {
        int total = 0;
        int min = -1;
        int max = -1;
        for (int b = 0; b < histogram.length; b++) {
            if (histogram[b] > 0) {
                total += b * histogram[b];
                if (min < 0) {
                    min = b;
                }
                max = b;
            }
        }
        int unfair = fairness >= 0 && min >= 0 ? Math.max(0, max - min - fairness) : 0;
        return breakWeight * total + idleWeight * totalIdle + UNFAIR_PENALTY * breakWeight * unfair;
    }

    private int idleOf(int p) {
        int[] row = occ[p];
        int first = -1;
        int last = -1;
        int busy = 0;
        for (int s = 1; s <= slots; s++) {
            if (row[s] > 0) {
                if (first < 0) {
                    first = s;
                }
                last = s;
                busy++;
            }
        }
        return first < 0 ? 0 : last - first + 1 - busy;
    }

    private int breaksOf(int p) {
        int[] row = occ[p];
        int runs = 0;
        boolean previous = false;
        for (int s = 1; s <= slots; s++) {
            boolean busy = row[s] > 0;
            if (busy && !previous) {
                runs++;
            }
            previous = busy;
        }
        return Math.max(0, runs - 1);
    }
}
