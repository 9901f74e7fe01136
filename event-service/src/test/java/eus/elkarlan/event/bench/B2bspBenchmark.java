package eus.elkarlan.event.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import eus.elkarlan.event.scheduling.DznInstance;
import eus.elkarlan.event.scheduling.MeetingScheduler;
import eus.elkarlan.event.scheduling.ScheduleChecker;
import eus.elkarlan.event.scheduling.ScheduleResult;
import eus.elkarlan.event.scheduling.SchedulingProblem;

/**
 * Runs the scheduler on the B2BSP instances and prints a Markdown table. Not a test.
 * <p>
 * Arguments: [folder or .dzn files...] [--time=60] [--workers=8] [--fairness=2] [--only=name,name].
 * Default folder: ../shared/benchmarks/b2bsp relative to the repository root.
 */
public final class B2bspBenchmark {

    /** Best known values, Bofill et al., JAIR 74 (2022), Table 5. */
    static final Map<String, Integer> BEST_KNOWN = Map.ofEntries(Map.entry("forum-13", 0),
            Map.entry("forum-13crafb", 6), Map.entry("forum-13crafc", 1), Map.entry("forum-14", 2),
            Map.entry("forumt-14", 5), Map.entry("forumt-14crafc", 5), Map.entry("forumt-14crafd", 4),
            Map.entry("forumt-14crafe", 5), Map.entry("tic-12", 0), Map.entry("tic-12crafc", 0),
            Map.entry("tic-13", 0), Map.entry("tic-13crafb", 0), Map.entry("tic-13crafc", 4),
            Map.entry("tic-14crafa", 0), Map.entry("tic-14crafc", 0), Map.entry("tic-14crafd", 0),
            Map.entry("ticf-13crafa", 0), Map.entry("ticf-13crafb", 3), Map.entry("ticf-13crafc", 1),
            Map.entry("ticf-14crafa", 0));

    private B2bspBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double time = 60;
        int workers = 8;
        int fairness = 2;
        boolean symmetry = true;
        boolean hints = true;
        boolean windows = false;
        double annealing = MeetingScheduler.DEFAULT_ANNEALING_SHARE;
        double lns = MeetingScheduler.DEFAULT_LNS_SHARE;
        double zero = 0.0;
        boolean feasibilityFirst = true;
        String parameters = "";
        List<String> only = null;
        String synthetic = null;
        List<Path> files = new ArrayList<>();
        boolean showBreaks = Boolean.getBoolean("scheduler.debug");
        for (String arg : args) {
            if (arg.startsWith("--time=")) {
                time = Double.parseDouble(arg.substring(7));
            } else if (arg.startsWith("--workers=")) {
                workers = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--fairness=")) {
                fairness = Integer.parseInt(arg.substring(11));
            } else if (arg.equals("--windows")) {
                windows = true;
            } else if (arg.equals("--greedy-start")) {
                feasibilityFirst = false;
            } else if (arg.startsWith("--zero=")) {
                zero = Double.parseDouble(arg.substring(7));
            } else if (arg.startsWith("--annealing=")) {
                annealing = Double.parseDouble(arg.substring(12));
            } else if (arg.startsWith("--lns=")) {
                lns = Double.parseDouble(arg.substring(6));
            } else if (arg.equals("--no-hints")) {
                hints = false;
            } else if (arg.startsWith("--params=")) {
                parameters = arg.substring(9);
            } else if (arg.equals("--show-breaks")) {
                showBreaks = true;
            } else if (arg.equals("--no-symmetry")) {
                symmetry = false;
            } else if (arg.startsWith("--synthetic=")) {
                synthetic = arg.substring(12);
            } else if (arg.startsWith("--only=")) {
                only = List.of(arg.substring(7).split(","));
            } else {
                addFiles(Path.of(arg), files);
            }
        }
        if (synthetic != null) {
            String[] n = synthetic.split(",");
            SchedulingProblem problem = synthetic(Integer.parseInt(n[0]), Integer.parseInt(n[1]),
                    Integer.parseInt(n[2]), Integer.parseInt(n[3]));
            MeetingScheduler.loadNativeLibraries();
            ScheduleResult result = new MeetingScheduler().solve(problem,
                    new MeetingScheduler.Options(time, fairness, workers, symmetry, hints, parameters, windows,
                            annealing, zero, feasibilityFirst, lns));
            List<String> violations = ScheduleChecker.violations(problem, result, fairness);
            System.out.printf("synthetic %s: placed %d of %d, breaks %d, fairness relaxed %s, %.1f s, checker %s%n",
                    synthetic, result.placements().size(), problem.meetings().size(), result.breaks(),
                    result.fairnessRelaxed(), result.seconds(), violations.isEmpty() ? "ok" : violations);
            return;
        }
        if (files.isEmpty()) {
            Path folder = Path.of("../shared/benchmarks/b2bsp");
            if (!Files.isDirectory(folder)) {
                folder = Path.of("../../shared/benchmarks/b2bsp");
            }
            addFiles(folder, files);
        }
        MeetingScheduler.loadNativeLibraries();
        MeetingScheduler scheduler = new MeetingScheduler();
        System.out.printf("time limit %.0f s, %d workers, fairness %d, %d cores%n", time, workers, fairness,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| instance | meetings | best known | breaks | optimal proven | seconds | checker |");
        System.out.println("|---|---|---|---|---|---|---|");
        int atBest = 0;
        int proven = 0;
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".original.dzn", "").replace(".dzn", "");
            if (only != null && !only.contains(name)) {
                continue;
            }
            SchedulingProblem problem = DznInstance.read(file);
            if (System.getProperty("greedy") != null) {
                java.util.List<Integer> all = new java.util.ArrayList<>();
                for (int m = 0; m < problem.meetings().size(); m++) {
                    all.add(m);
                }
                int[] g = MeetingScheduler.greedySchedule(problem, all);
                System.out.println("greedy " + name + ": " + MeetingScheduler.totalBreaks(problem, g));
            }
            ScheduleResult result = scheduler.solve(problem,
                    new MeetingScheduler.Options(time, fairness, workers, symmetry, hints, parameters, windows, annealing, zero,
                            feasibilityFirst, lns));
            List<String> violations = ScheduleChecker.violations(problem, result, fairness);
            Integer best = BEST_KNOWN.get(name);
            boolean reached = best != null && result.unscheduled().isEmpty() && result.breaks() <= best;
            atBest += reached ? 1 : 0;
            proven += result.optimal() ? 1 : 0;
            System.out.printf("| %s | %d | %s | %s%s | %s | %.1f | %s |%n", name, problem.meetings().size(),
                    best == null ? "?" : best, result.breaks(),
                    result.unscheduled().isEmpty() ? "" : " (" + result.unscheduled().size() + " unplaced)",
                    result.optimal() ? "yes" : "no (bound " + result.bestBound() + ")", result.seconds(),
                    violations.isEmpty() ? "ok" : String.join("; ", violations));
            if (showBreaks) {
                printBreakCarriers(problem, result);
            }
            System.out.flush();
        }
        System.out.printf("at best known: %d, proven optimal: %d%n", atBest, proven);
    }

    /**
     * Prints, for the schedule found, each participant that carries a break: its meetings, breaks and
     * a timeline of its day ({@code #} a meeting, {@code .} idle, {@code x} a slot it cannot attend,
     * {@code |} between the sessions), how many of its meetings are bound to a session, and the
     * meetings per slot against the tables. Shows where the breaks sit (which participants, which
     * slots, how tight the grid is there).
     */
    static void printBreakCarriers(SchedulingProblem problem, ScheduleResult result) {
        int slots = problem.slotCount();
        int people = problem.participants().size();
        int[] slotOf = new int[problem.meetings().size()];
        int[] load = new int[slots + 1];
        for (ScheduleResult.Placement placement : result.placements()) {
            slotOf[placement.meeting()] = placement.slot();
            load[placement.slot()]++;
        }
        List<List<Integer>> meetingsOf = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            meetingsOf.add(new ArrayList<>());
        }
        for (int m = 0; m < problem.meetings().size(); m++) {
            meetingsOf.get(problem.meetings().get(m).a()).add(m);
            meetingsOf.get(problem.meetings().get(m).b()).add(m);
        }
        StringBuilder loads = new StringBuilder();
        for (int s = 1; s <= slots; s++) {
            if (s > 1 && !problem.slotSessions().get(s - 1).equals(problem.slotSessions().get(s - 2))) {
                loads.append("| ");
            }
            loads.append(load[s]).append(' ');
        }
        System.out.printf("  meetings per slot (tables %d): %s%n", problem.tables(), loads.toString().trim());
        int carriers = 0;
        for (int p = 0; p < people; p++) {
            java.util.BitSet busy = new java.util.BitSet();
            int morning = 0;
            int afternoon = 0;
            for (int m : meetingsOf.get(p)) {
                if (slotOf[m] > 0) {
                    busy.set(slotOf[m]);
                }
                String session = problem.meetings().get(m).session();
                morning += "MORNING".equals(session) ? 1 : 0;
                afternoon += "AFTERNOON".equals(session) ? 1 : 0;
            }
            int breaks = eus.elkarlan.event.scheduling.Breaks.of(busy);
            if (breaks == 0) {
                continue;
            }
            carriers++;
            StringBuilder line = new StringBuilder();
            for (int s = 1; s <= slots; s++) {
                if (s > 1 && !problem.slotSessions().get(s - 1).equals(problem.slotSessions().get(s - 2))) {
                    line.append('|');
                }
                line.append(busy.get(s) ? '#' : problem.participants().get(p).unavailable().contains(s) ? 'x' : '.');
            }
            StringBuilder where = new StringBuilder();
            for (int s = busy.nextSetBit(0); s >= 0; s = busy.nextSetBit(s + 1)) {
                where.append(where.length() == 0 ? "" : ",").append(s);
            }
            System.out.printf("  %-6s %2d meetings (%d morning-only, %d afternoon-only), %d break%s  %s  slots %s%n",
                    problem.participants().get(p).id(), meetingsOf.get(p).size(), morning, afternoon, breaks,
                    breaks == 1 ? " " : "s", line, where);
        }
        System.out.printf("  %d participants carry the %d breaks%n", carriers, result.breaks());
    }

    /** A random event: participants, meetings (distinct pairs), slots (half morning), tables. */
    static SchedulingProblem synthetic(int people, int meetings, int slots, int tables) {
        java.util.Random random = new java.util.Random(2026);
        List<String> sessions = new ArrayList<>();
        for (int s = 1; s <= slots; s++) {
            sessions.add(s <= slots / 2 ? "MORNING" : "AFTERNOON");
        }
        List<SchedulingProblem.Participant> participants = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            java.util.Set<Integer> off = random.nextInt(5) == 0 ? java.util.Set.of(1 + random.nextInt(slots))
                    : java.util.Set.of();
            participants.add(new SchedulingProblem.Participant("p" + p, 1, off, null));
        }
        java.util.Set<Long> pairs = new java.util.HashSet<>();
        int[] degree = new int[people];
        List<SchedulingProblem.Meeting> list = new ArrayList<>();
        while (list.size() < meetings) {
            int a = random.nextInt(people);
            int b = random.nextInt(people);
            if (a == b || degree[a] >= slots - 4 || degree[b] >= slots - 4
                    || !pairs.add((long) Math.min(a, b) * people + Math.max(a, b))) {
                continue;
            }
            degree[a]++;
            degree[b]++;
            int kind = random.nextInt(10);
            String session = kind == 0 ? "MORNING" : kind == 1 ? "AFTERNOON" : "ANY";
            list.add(new SchedulingProblem.Meeting("m" + list.size(), a, b, session, null));
        }
        return new SchedulingProblem(sessions, tables, participants, list);
    }

    private static void addFiles(Path path, List<Path> files) throws Exception {
        if (Files.isDirectory(path)) {
            try (Stream<Path> list = Files.list(path)) {
                list.filter(p -> p.toString().endsWith(".dzn")).sorted().forEach(files::add);
            }
        } else {
            files.add(path);
        }
    }
}
