package eus.elkarlan.event.scheduling;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated annealing on a complete slot assignment, to give CP-SAT a good first schedule: moves
 * a meeting to another slot or swaps the slots of two meetings, never breaking a hard rule, and
 * minimises breaks plus a heavy penalty per break of unfairness. Cheap per move, so it does a lot
 * with a small share of two busy cores; CP-SAT then improves on it and proves what it can.
 * Used only where no table is fixed (fixed tables add rules this search does not track).
 */
final class BreakAnnealer {

    private static final int UNFAIR_PENALTY = 20;
    /** Weights of breaks and of idle slots inside a participant's day in the search's cost. */
    static int breakWeight = Integer.getInteger("annealer.breakWeight", 1);
    static int idleWeight = Integer.getInteger("annealer.idleWeight", 0);

    private final int[] idle;
    private int totalIdle;

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
    private final SplittableRandom random = new SplittableRandom(7);
    private final boolean kempe;
    private final List<List<Integer>> meetingsOf = new java.util.ArrayList<>();

    BreakAnnealer(SchedulingProblem problem, List<Integer> candidates, int fairness) {
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
    }

    /**
     * Kempe chain of m between slots s1 (its slot) and s2: the meetings reachable from m through
     * shared participants among those in s1 or s2. Swapping the two slots over the whole chain keeps
     * everybody in one meeting at a time.
     */
    private int[] chain(int m, int s1, int s2, int[] slotOf) {
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        java.util.LinkedHashSet<Integer> seen = new java.util.LinkedHashSet<>();
        queue.add(m);
        seen.add(m);
        while (!queue.isEmpty()) {
            int current = queue.poll();
            SchedulingProblem.Meeting meeting = problem.meetings().get(current);
            for (int p : new int[] { meeting.a(), meeting.b() }) {
                for (int other : meetingsOf.get(p)) {
                    if ((slotOf[other] == s1 || slotOf[other] == s2) && seen.add(other)) {
                        if (seen.size() > 40) {
                            return null;
                        }
                        queue.add(other);
                    }
                }
            }
        }
        int[] result = new int[seen.size()];
        int i = 0;
        for (int x : seen) {
            result[i++] = x;
        }
        return result;
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
        int cost = cost();
        int bestCost = cost;
        int[] best = slotOf.clone();
        long startNs = System.nanoTime();
        long budget = (long) (seconds * 1e9);
        double t0 = Double.parseDouble(System.getProperty("annealer.t0", "1.5")) * Math.max(1, breakWeight);
        double t1 = Double.parseDouble(System.getProperty("annealer.t1", "0.05"));
        double temperature = t0;
        int n = candidates.size();
        for (long iteration = 0;; iteration++) {
            if ((iteration & 1023) == 0) {
                long elapsed = System.nanoTime() - startNs;
                if (elapsed > budget || bestCost == 0) {
                    break;
                }
                temperature = t0 * Math.pow(t1 / t0, (double) elapsed / budget);
            }
            int m1 = candidates.get(random.nextInt(n));
            int s1 = slotOf[m1];
            int kind = random.nextInt(kempe ? 4 : 3);
            if (kind == 3) {
                int s2 = 1 + random.nextInt(slots);
                if (s2 == s1) {
                    continue;
                }
                int[] chain = chain(m1, s1, s2, slotOf);
                if (chain == null || !swapChain(chain, s1, s2, slotOf)) {
                    continue;
                }
                int delta = refresh(chain);
                if (accept(delta, temperature)) {
                    cost += delta;
                } else {
                    swapChain(chain, s1, s2, slotOf);
                    refresh(chain);
                }
            } else if (kind > 0) {
                int[] options = allowed[m1];
                int s2 = options[random.nextInt(options.length)];
                if (s2 == s1 || !fits(m1, s2)) {
                    continue;
                }
                place(m1, s1, -1);
                place(m1, s2, +1);
                int delta = refresh(m1) ;
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
                place(m1, s1, -1);
                place(m2, s2, -1);
                if (!fits(m1, s2) || !fitsAfter(m2, s1, m1, s2)) {
                    place(m1, s1, +1);
                    place(m2, s2, +1);
                    continue;
                }
                place(m1, s2, +1);
                place(m2, s1, +1);
                int delta = refresh(m1, m2);
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
            if (cost < bestCost) {
                bestCost = cost;
                best = slotOf.clone();
            }
        }
        return best;
    }

    private boolean accept(int delta, double temperature) {
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
        return Math.max(1, problem.participants().get(p).delegates());
    }

    private void place(int m, int s, int sign) {
        SchedulingProblem.Meeting meeting = problem.meetings().get(m);
        occ[meeting.a()][s] += sign;
        occ[meeting.b()][s] += sign;
        load[s] += sign;
    }

    /** Recomputes the breaks of the parties of the given meetings; returns the change of cost. */
    private int refresh(int... meetings) {
        int before = cost();
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

    private int cost() {
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
