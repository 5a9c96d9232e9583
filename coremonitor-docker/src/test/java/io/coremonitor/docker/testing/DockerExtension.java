package io.coremonitor.docker.testing;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerClients;
import io.coremonitor.docker.DockerHealth;
import io.coremonitor.docker.DockerSettings;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension behind {@link RequiresDocker}. The engine is probed once per test JVM; the client it hands out is
 * shared by every test of the run and closed when the run ends.
 */
public final class DockerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(DockerExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DockerExtension.class);
    private static final String HEALTH = "health";
    private static final String SETTINGS = "settings";
    private static final String CLIENT = "client";

    @Override
    public void beforeAll(ExtensionContext context) {
        // Under CI a missing engine fails the whole class at once. Outside CI each test is skipped on its own (in
        // beforeEach), so that the skips show in the test counts: an aborted class reports "Tests run: 0".
        boolean ci = isCi(System.getenv());
        if (ci) {
            requireDocker(health(context), true, context.getDisplayName());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        requireDocker(health(context), isCi(System.getenv()), context.getDisplayName());
    }

    /**
     * Lets the test go on when the engine answered; otherwise fails it under CI, or skips it (with a WARN line).
     *
     * @throws AssertionFailedError when {@code ci} and the engine is unreachable
     * @throws TestAbortedException when not {@code ci} and the engine is unreachable
     */
    public static void requireDocker(DockerHealth health, boolean ci, String testName) {
        if (health.reachable()) {
            return;
        }
        String reason = health.error().orElse("unknown reason");
        if (ci) {
            String message = "CI=true but Docker is not reachable at " + health.host() + ": " + reason
                + " (start it with scripts/start-dockerd.sh)";
            LOG.error("{}: {}", testName, message);
            throw new AssertionFailedError(message);
        }
        String message = "Docker is not reachable at " + health.host() + ": " + reason
            + "; skipping (run scripts/start-dockerd.sh; under CI=true this fails)";
        LOG.warn("SKIPPED {}: {}", testName, message);
        throw new TestAbortedException(message);
    }

    /** Whether this is a CI run: {@code CI} is {@code true} (any case) or {@code 1}. */
    public static boolean isCi(Map<String, String> env) {
        String ci = env.get("CI");
        return ci != null && ("true".equalsIgnoreCase(ci.strip()) || "1".equals(ci.strip()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DockerClient.class || type == DockerSettings.class || type == DockerHealth.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == DockerSettings.class) {
            return settings(extensionContext);
        }
        DockerHealth health = health(extensionContext);
        if (type == DockerHealth.class) {
            return health;
        }
        if (type == DockerClient.class) {
            // No check here: JUnit turns an abort thrown while resolving into an error. beforeEach (which runs
            // before the test method, and before any use of a constructor-injected client) skips or fails instead.
            return client(extensionContext);
        }
        throw new ParameterResolutionException("DockerExtension cannot resolve " + type);
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }

    private static DockerSettings settings(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent(SETTINGS, key -> DockerSettings.fromEnvironment(), DockerSettings.class);
    }

    private static DockerHealth health(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent(HEALTH, key -> {
            DockerHealth health = DockerHealth.probe(settings(context));
            LOG.info("{}", health.summary());
            return health;
        }, DockerHealth.class);
    }

    private static DockerClient client(ExtensionContext context) {
        // The root store closes AutoCloseable values (the client) when the test run ends.
        return store(context).getOrComputeIfAbsent(CLIENT, key -> DockerClients.create(settings(context)), DockerClient.class);
    }
}
