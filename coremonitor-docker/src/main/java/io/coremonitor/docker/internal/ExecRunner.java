package io.coremonitor.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmd;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.coremonitor.docker.ExecOptions;
import io.coremonitor.docker.ExecResult;
import io.coremonitor.docker.ExecTimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one command in a container: create, start with a capturing callback awaited with a timeout, inspect. */
final class ExecRunner {

    /** How long the exit code may take to show in the inspect result once the output stream ended. */
    private static final Duration EXIT_CODE_WAIT = Duration.ofSeconds(5);

    private final DockerClient docker;

    ExecRunner(DockerClient docker) {
        this.docker = docker;
    }

    ExecResult run(String containerId, List<String> command, ExecOptions options, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecCreateCmd create = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
            .withAttachStdout(true).withAttachStderr(true).withAttachStdin(false).withTty(false);
        options.user().ifPresent(create::withUser);
        if (options.privileged()) {
            create.withPrivileged(true);
        }
        options.workingDir().ifPresent(create::withWorkingDir);
        if (!options.env().isEmpty()) {
            create.withEnv(options.env());
        }
        String execId = create.exec().getId();
        Capture capture = new Capture();
        try {
            docker.execStartCmd(execId).withDetach(false).withTty(false).exec(capture);
            if (!capture.awaitCompletion(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new ExecTimeoutException(containerId, command, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            capture.closeQuietly();
        }
        capture.rethrowFailure();
        return new ExecResult(exitCode(execId, containerId, command), capture.stdout.text(), capture.stderr.text());
    }

    private int exitCode(String execId, String containerId, List<String> command) {
        long until = System.nanoTime() + EXIT_CODE_WAIT.toNanos();
        while (true) {
            InspectExecResponse inspect = docker.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
                return inspect.getExitCodeLong().intValue();
            }
            if (System.nanoTime() > until) {
                throw new ExecTimeoutException(containerId, command, EXIT_CODE_WAIT);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the exit code of " + command, e);
            }
        }
    }

    /** One stream's bytes, kept up to {@link ExecResult#MAX_CAPTURED_BYTES}. */
    private static final class Capped {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean truncated;

        synchronized void write(byte[] payload) {
            int room = ExecResult.MAX_CAPTURED_BYTES - bytes.size();
            if (payload.length > room) {
                truncated = true;
            }
            bytes.write(payload, 0, Math.min(room, payload.length));
        }

        synchronized String text() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            return truncated ? text + ExecResult.TRUNCATED : text;
        }
    }

    private static final class Capture extends ResultCallback.Adapter<Frame> {

        private final Capped stdout = new Capped();
        private final Capped stderr = new Capped();
        private volatile Throwable failure;
        private volatile boolean closing;

        @Override
        public void onNext(Frame frame) {
            if (frame.getPayload() != null) {
                (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).write(frame.getPayload());
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!closing) {
                failure = error;
            }
            super.onError(error);
        }

        void rethrowFailure() {
            StreamFailures.rethrow(failure, "the command's output");
        }

        void closeQuietly() {
            closing = true;
            try {
                close();
            } catch (IOException e) {
                // closing the stream: nothing to do about it
            }
        }
    }
}
