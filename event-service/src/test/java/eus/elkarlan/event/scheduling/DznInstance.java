package eus.elkarlan.event.scheduling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a B2BSP MiniZinc data file (.dzn) into a {@link SchedulingProblem}. */
public final class DznInstance {

    private DznInstance() {
    }

    public static SchedulingProblem read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static SchedulingProblem parse(String text) {
        String clean = text.replaceAll("%[^\n]*", "");
        int business = intValue(clean, "nBusiness");
        int tables = intValue(clean, "nTables");
        int totalSlots = intValue(clean, "nTotalSlots");
        int morningSlots = intValue(clean, "nMorningSlots");
        List<String> sessions = new ArrayList<>();
        for (int s = 1; s <= totalSlots; s++) {
            sessions.add(s <= morningSlots ? "MORNING" : "AFTERNOON");
        }
        String requested = arrayBody(clean, "requested");
        List<Integer> numbers = new ArrayList<>();
        Matcher n = Pattern.compile("\\d+").matcher(requested);
        while (n.find()) {
            numbers.add(Integer.parseInt(n.group()));
        }
        List<Integer> fixed = new ArrayList<>();
        String fixedBody = arrayBody(clean, "fixed");
        if (fixedBody != null) {
            Matcher f = Pattern.compile("\\d+").matcher(fixedBody);
            while (f.find()) {
                fixed.add(Integer.parseInt(f.group()));
            }
        }
        List<SchedulingProblem.Meeting> meetings = new ArrayList<>();
        for (int i = 0; i + 2 < numbers.size(); i += 3) {
            int code = numbers.get(i + 2);
            String session = code == 1 ? "MORNING" : code == 2 ? "AFTERNOON" : "ANY";
            int index = i / 3;
            Integer fixedSlot = index < fixed.size() && fixed.get(index) > 0 ? fixed.get(index) : null;
            meetings.add(new SchedulingProblem.Meeting("m" + (index + 1), numbers.get(i) - 1, numbers.get(i + 1) - 1,
                    session, fixedSlot));
        }
        List<Set<Integer>> forbidden = new ArrayList<>();
        String forbiddenBody = arrayBody(clean, "forbidden");
        if (forbiddenBody != null) {
            Matcher set = Pattern.compile("\\{([^}]*)\\}").matcher(forbiddenBody);
            while (set.find()) {
                Set<Integer> slots = new HashSet<>();
                Matcher d = Pattern.compile("\\d+").matcher(set.group(1));
                while (d.find()) {
                    int s = Integer.parseInt(d.group());
                    if (s > 0) {
                        slots.add(s);
                    }
                }
                forbidden.add(slots);
            }
        }
        List<SchedulingProblem.Participant> participants = new ArrayList<>();
        for (int p = 0; p < business; p++) {
            Set<Integer> unavailable = p < forbidden.size() ? forbidden.get(p) : Collections.emptySet();
            participants.add(new SchedulingProblem.Participant("p" + (p + 1), 1, unavailable, null));
        }
        return new SchedulingProblem(sessions, tables, participants, meetings);
    }

    private static int intValue(String text, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*(\\d+)\\s*;").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("missing " + name);
        }
        return Integer.parseInt(m.group(1));
    }

    private static String arrayBody(String text, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*\\[(.*?)\\]\\s*;", Pattern.DOTALL).matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
