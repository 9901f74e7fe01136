package eus.elkarlan.event.scheduling;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpModelProto;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.PartialVariableAssignment;

/**
 * Large neighbourhood search on a complete, fair schedule: each step keeps most meetings where they
 * are, frees a few (those of some participants, those of a few slots, or random ones) and lets
 * CP-SAT re-place them with the fewest breaks, never accepting a worse schedule. The full model is
 * built once; a step clones it and fixes the kept meetings through their variables' domains, so the
 * sub-problem CP-SAT sees after presolve is small and is often solved to optimality in a fraction of
 * a second. CP-SAT's own neighbourhoods need more workers than the two cores here give it.
 * <p>
 * One search thread per worker, each with a one-worker CP-SAT and its own random stream; they share
 * the current schedule (a step's result replaces it when it is no worse than the current one at that
 * moment, so equal-cost moves let the search cross plateaus).
 */
final class BreakLns {

    /** Wall time of one sub-solve (seconds); hard neighbourhoods are cut there. */
    static double STEP_SECONDS = Double.parseDouble(System.getProperty("lns.stepSeconds", "1.0"));

    private final SchedulingProblem problem;
    private final List<Integer> candidates;
    private final MeetingScheduler.Built built;
    /** The full model, immutable: each step copies it (a proto builder is not safe to share between threads). */
    private final CpModelProto base;
    private final int fairness;
    private final int slots;
    private final List<List<Integer>> meetingsOf = new ArrayList<>();
    private final List<List<Integer>> partnersOf = new ArrayList<>();

    private int[] current;
    private int currentBreaks;
    private long steps;
    private long improvements;
    private long solved;
    private long freed;
    private long moved;

    /** @param built the full model (every meeting mandatory, breaks, fairness; no hint, no symmetry cut) */
    BreakLns(SchedulingProblem problem, List<Integer> candidates, MeetingScheduler.Built built, int fairness) {
        this.problem = problem;
        this.candidates = candidates;
        this.built = built;
        this.base = built.model.model();
        this.fairness = fairness;
        this.slots = problem.slotCount();
        for (int p = 0; p < problem.participants().size(); p++) {
            meetingsOf.add(new ArrayList<>());
            partnersOf.add(new ArrayList<>());
        }
        for (int m : candidates) {
            SchedulingProblem.Meeting meeting = problem.meetings().get(m);
            meetingsOf.get(meeting.a()).add(m);
            meetingsOf.get(meeting.b()).add(m);
            partnersOf.get(meeting.a()).add(meeting.b());
            partnersOf.get(meeting.b()).add(meeting.a());
        }
    }

    /**
     * Improves {@code start} (complete and fair) until {@code seconds} pass, {@code target} breaks are
     * reached or {@code cancelled} says so; every improving schedule goes to {@code improved}.
     */
    int[] improve(int[] start, double seconds, int threads, long target, Consumer<int[]> improved,
            BooleanSupplier cancelled) {
        current = start.clone();
        currentBreaks = MeetingScheduler.totalBreaks(problem, current);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < Math.max(1, threads); t++) {
            SplittableRandom random = new SplittableRandom(1009L * (t + 1));
            Thread worker = new Thread(() -> loop(random, deadline, target, improved, cancelled), "break-lns-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            return current.clone();
        }
    }

    synchronized String stats() {
        return steps + " steps (" + solved + " solved to optimality, " + moved + " moves), " + improvements
                + " improvements, " + (steps == 0 ? 0 : freed / steps) + " meetings freed on average";
    }

    private void loop(SplittableRandom random, long deadline, long target, Consumer<int[]> improved,
            BooleanSupplier cancelled) {
        // neighbourhood size adapts: grows after sub-problems solved to optimality, shrinks after timeouts
        double size = Math.min(40, candidates.size());
        while (true) {
            long left = deadline - System.nanoTime();
            int[] snapshot;
            int snapshotBreaks;
            synchronized (this) {
                snapshot = current.clone();
                snapshotBreaks = currentBreaks;
            }
            if (left < 50_000_000L || snapshotBreaks <= target || cancelled.getAsBoolean()) {
                return;
            }
            int[] window = new int[2];
            BitSet free = neighbourhood(snapshot, (int) size, random, window);
            CpModel model = new CpModel();
            CpModelProto.Builder proto = model.getBuilder();
            proto.mergeFrom(base);
            proto.clearSolutionHint();
            PartialVariableAssignment.Builder hint = proto.getSolutionHintBuilder();
            for (int m : candidates) {
                for (int s = 1; s <= slots; s++) {
                    BoolVar v = built.x[m][s];
                    if (v == null) {
                        continue;
                    }
                    int value = snapshot[m] == s ? 1 : 0;
                    boolean inWindow = window[0] == 0 || (s >= window[0] && s <= window[1]);
                    if (free.get(m) && inWindow) {
                        hint.addVars(v.getIndex()).addValues(value);
                    } else {
                        proto.getVariablesBuilder(v.getIndex()).clearDomain().addDomain(value).addDomain(value);
                    }
                }
            }
            model.addLessOrEqual(built.objective, snapshotBreaks);
            CpSolver solver = new CpSolver();
            solver.getParameters().setNumWorkers(1).setRandomSeed(random.nextInt(1 << 20))
                    .setMaxTimeInSeconds(Math.min(STEP_SECONDS, left / 1e9));
            model.minimize(built.objective);
            CpSolverStatus status = solver.solve(model);
            synchronized (this) {
                steps++;
                freed += free.cardinality();
                solved += status == CpSolverStatus.OPTIMAL ? 1 : 0;
            }
            if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
                int[] next = snapshot.clone();
                for (int m = free.nextSetBit(0); m >= 0; m = free.nextSetBit(m + 1)) {
                    for (int s = 1; s <= slots; s++) {
                        BoolVar v = built.x[m][s];
                        if (v != null && solver.response().getSolution(v.getIndex()) == 1) {
                            next[m] = s;
                        }
                    }
                }
                int nextBreaks = MeetingScheduler.totalBreaks(problem, next);
                boolean better = false;
                synchronized (this) {
                    if (nextBreaks <= currentBreaks && MeetingScheduler.fair(problem, next, fairness)) {
                        better = nextBreaks < currentBreaks;
                        moved += java.util.Arrays.equals(next, current) ? 0 : 1;
                        current = next;
                        currentBreaks = nextBreaks;
                        if (better) {
                            improvements++;
                        }
                    }
                }
                if (better) {
                    improved.accept(next);
                }
            }
            if (status == CpSolverStatus.OPTIMAL) {
                size = Math.min(candidates.size(), size * 1.05 + 1);
            } else {
                size = Math.max(8, size * 0.85);
            }
        }
    }

    /** Meetings to free: of a few related participants, of a few slots, or at random. */
    private BitSet neighbourhood(int[] slotOf, int size, SplittableRandom random, int[] window) {
        BitSet free = new BitSet();
        int kind = random.nextInt(4);
        if (kind == 3) {
            // consecutive slots: their meetings are re-arranged among them (the rest of the day stays)
            int[] perSlot = new int[slots + 1];
            for (int m : candidates) {
                perSlot[slotOf[m]]++;
            }
            int from = 1 + random.nextInt(slots);
            int to = from;
            int count = perSlot[from];
            while (count < size && (from > 1 || to < slots)) {
                if (to < slots && (from == 1 || random.nextBoolean())) {
                    count += perSlot[++to];
                } else {
                    count += perSlot[--from];
                }
            }
            for (int m : candidates) {
                if (slotOf[m] >= from && slotOf[m] <= to) {
                    free.set(m);
                }
            }
            window[0] = from;
            window[1] = to;
            return free;
        }
        int people = problem.participants().size();
        if (kind == 0) {
            // participants: start from one with breaks when there is one, grow through partners
            int[] breaks = breaksPerParticipant(slotOf);
            List<Integer> withBreaks = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                if (breaks[p] > 0) {
                    withBreaks.add(p);
                }
            }
            List<Integer> frontier = new ArrayList<>();
            BitSet chosen = new BitSet();
            int seed = withBreaks.isEmpty() ? random.nextInt(people) : withBreaks.get(random.nextInt(withBreaks.size()));
            frontier.add(seed);
            chosen.set(seed);
            while (free.cardinality() < size && !frontier.isEmpty()) {
                int p = frontier.remove(random.nextInt(frontier.size()));
                for (int m : meetingsOf.get(p)) {
                    free.set(m);
                }
                for (int q : partnersOf.get(p)) {
                    if (!chosen.get(q)) {
                        chosen.set(q);
                        frontier.add(q);
                    }
                }
                if (frontier.isEmpty() && free.cardinality() < size && !withBreaks.isEmpty()) {
                    int next = withBreaks.get(random.nextInt(withBreaks.size()));
                    if (!chosen.get(next)) {
                        chosen.set(next);
                        frontier.add(next);
                    }
                }
            }
        } else if (kind == 1) {
            // a few slots: the meetings in them may move anywhere they are allowed
            List<Integer> order = new ArrayList<>();
            for (int s = 1; s <= slots; s++) {
                order.add(s);
            }
            int[] perSlot = new int[slots + 1];
            for (int m : candidates) {
                perSlot[slotOf[m]]++;
            }
            while (!order.isEmpty() && free.cardinality() < size) {
                int s = order.remove(random.nextInt(order.size()));
                if (free.cardinality() + perSlot[s] > size * 1.5 && free.cardinality() > 0) {
                    continue;
                }
                for (int m : candidates) {
                    if (slotOf[m] == s) {
                        free.set(m);
                    }
                }
            }
        } else {
            for (int i = 0; i < size * 3 && free.cardinality() < size; i++) {
                free.set(candidates.get(random.nextInt(candidates.size())));
            }
        }
        return free;
    }

    private int[] breaksPerParticipant(int[] slotOf) {
        int people = problem.participants().size();
        BitSet[] busy = new BitSet[people];
        for (int p = 0; p < people; p++) {
            busy[p] = new BitSet();
        }
        for (int m : candidates) {
            if (slotOf[m] > 0) {
                SchedulingProblem.Meeting meeting = problem.meetings().get(m);
                busy[meeting.a()].set(slotOf[m]);
                busy[meeting.b()].set(slotOf[m]);
            }
        }
        int[] breaks = new int[people];
        for (int p = 0; p < people; p++) {
            breaks[p] = Breaks.of(busy[p]);
        }
        return breaks;
    }
}
