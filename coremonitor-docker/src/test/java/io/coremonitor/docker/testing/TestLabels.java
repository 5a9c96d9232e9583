package io.coremonitor.docker.testing;

import java.util.Map;
import java.util.UUID;

/** Labels and names for the objects tests create, so leftovers can be found and removed by label. */
public final class TestLabels {

    /** Every container, network and volume a test creates carries {@code coremonitor.test=true}. */
    public static final String TEST_LABEL = "coremonitor.test";
    public static final Map<String, String> TEST_LABELS = Map.of(TEST_LABEL, "true");

    private TestLabels() {
    }

    /** A name unique to this call: {@code <prefix>-<12 hex chars>}. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
