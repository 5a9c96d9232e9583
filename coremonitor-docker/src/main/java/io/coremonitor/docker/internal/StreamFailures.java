package io.coremonitor.docker.internal;

/** What a docker-java stream callback saw fail, thrown again by the thread that waited for it. */
public final class StreamFailures {

    private StreamFailures() {
    }

    /**
     * Throws {@code failure} when there is one: as it is when unchecked (docker-java's exceptions are), else wrapped.
     *
     * @param reading what was being read, for the wrapper's message ("the container's log")
     */
    public static void rethrow(Throwable failure, String reading) {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("reading " + reading + " failed: " + failure, failure);
        }
    }
}
