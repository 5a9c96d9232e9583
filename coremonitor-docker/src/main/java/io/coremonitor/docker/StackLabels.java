package io.coremonitor.docker;

/** The labels Core Monitor puts on every Docker object it creates; objects are found by these, never by name. */
public final class StackLabels {

    public static final String MANAGED = "coremonitor.managed";
    public static final String STACK_ID = "coremonitor.stack_id";
    public static final String VERSION = "coremonitor.version";
    public static final String SERVICE = "coremonitor.service";
    public static final String COMMAND_ID = "coremonitor.command_id";
    public static final String CONFIG_HASH = "coremonitor.config_hash";
    /**
     * On containers whose service sets {@code stop_grace_period}: its seconds, which every stop passes to Docker (its API
     * client would otherwise send 10 s, overriding the container's own stop timeout).
     */
    public static final String STOP_TIMEOUT = "coremonitor.stop_timeout";
    /** On networks: the network's key in the definition. */
    public static final String NETWORK = "coremonitor.network";
    /** On volumes: the volume's key in the definition. */
    public static final String VOLUME = "coremonitor.volume";
    /** Compose-compatible labels, so that {@code docker compose ls/ps} tools recognise the objects. */
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";
    public static final String COMPOSE_NUMBER = "com.docker.compose.container-number";
    public static final String COMPOSE_ONEOFF = "com.docker.compose.oneoff";
    public static final String COMPOSE_NETWORK = "com.docker.compose.network";
    public static final String COMPOSE_VOLUME = "com.docker.compose.volume";

    private StackLabels() {
    }
}
