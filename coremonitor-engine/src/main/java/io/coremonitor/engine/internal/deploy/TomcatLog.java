package io.coremonitor.engine.internal.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Tomcat's verdict on one WAR from its console log (the OneLineFormatter of the official image:
 * {@code 01-Dec-2026 11:26:07.068 SEVERE [thread] class.method message}). Tomcat logs "Deployment of web application
 * archive [.../a.war] has finished" whether the context started or not; the deployment failed when SEVERE lines came
 * before it from the thread that deployed it (since its "Deploying web application archive" line), or naming its
 * context or file. Only a deployment that started in the lines given counts: a finish line without its start belongs to a
 * deployment that began before the rename.
 */
final class TomcatLog {

    private static final Pattern RECORD = Pattern.compile("^\\d{1,2}-\\w{3}-\\d{4} \\S+ (\\w+) \\[(.*?)\\] (.*)$");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at .*|^\\s*\\.\\.\\. \\d+ more.*");
    private static final int MAX_LINES = 20;
    private static final int MAX_FOLLOWERS = 3;

    /** What Tomcat said: deployed, or failed with its SEVERE lines. */
    record Verdict(boolean deployed, List<String> reasons) {
    }

    private TomcatLog() {
    }

    /**
     * The verdict on {@code war} ({@code a.war}) deployed at {@code context} ({@code ""} for the root, {@code /a}),
     * empty while Tomcat has not finished deploying it.
     */
    static Optional<Verdict> judge(List<String> lines, String war, String context) {
        String finished = "/" + war + "] has finished";
        String deploying = "/" + war + "]";
        int start = -1;
        int finish = -1;
        for (int i = 0; i < lines.size() && finish < 0; i++) {
            String line = lines.get(i);
            if (line.contains("Deploying web application archive [") && line.contains(deploying)) {
                start = i;
            } else if (start >= 0 && line.contains("Deployment of web application archive [") && line.contains(finished)) {
                // a finish without its start since the rename belongs to a deployment that began before it
                finish = i;
            }
        }
        if (finish < 0) {
            return Optional.empty();
        }
        String thread = thread(lines.get(finish)).orElse("");
        List<String> reasons = new ArrayList<>();
        for (int i = start + 1; i < finish && reasons.size() < MAX_LINES; i++) {
            Matcher record = RECORD.matcher(lines.get(i));
            if (!record.matches() || !"SEVERE".equals(record.group(1))) {
                continue;
            }
            String text = record.group(3);
            boolean ours = record.group(2).equals(thread) || text.contains("[" + context + "]") || text.contains("/" + war + "]");
            if (ours) {
                reasons.add(lines.get(i));
                for (int j = i + 1, taken = 0; j < finish && taken < MAX_FOLLOWERS && !RECORD.matcher(lines.get(j)).matches(); j++) {
                    if (!STACK_FRAME.matcher(lines.get(j)).matches() && !lines.get(j).isBlank()) {
                        reasons.add(lines.get(j));
                        taken++;
                    }
                }
            }
        }
        return Optional.of(new Verdict(reasons.isEmpty(), List.copyOf(reasons)));
    }

    /** Whether Tomcat said it undeployed {@code context}. */
    static boolean undeployed(List<String> lines, String context) {
        return lines.stream().anyMatch(l -> l.contains("Undeploying context [" + context + "]"));
    }

    private static Optional<String> thread(String line) {
        Matcher record = RECORD.matcher(line);
        return record.matches() ? Optional.of(record.group(2)) : Optional.empty();
    }
}
