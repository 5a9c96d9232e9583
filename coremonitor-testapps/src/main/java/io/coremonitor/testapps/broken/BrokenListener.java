package io.coremonitor.testapps.broken;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * The broken test application's only content: its start-up always fails, so Tomcat logs "One or more listeners
 * failed to start" / "Context [...] startup failed" and WildFly writes a {@code .failed} marker with {@link #MESSAGE}.
 */
public class BrokenListener implements ServletContextListener {

    static final String MESSAGE = "coremonitor test app: broken on purpose";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        throw new IllegalStateException(MESSAGE);
    }
}
