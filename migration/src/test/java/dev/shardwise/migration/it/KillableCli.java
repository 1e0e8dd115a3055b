package dev.shardwise.migration.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.migration.cli.MigrationCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code shardwise migration} command running in a JVM of its own, as an operator would run
 * it, so that the test can kill it with SIGKILL (no shutdown hooks, no finally blocks, connections
 * cut mid-statement). Its output goes to a log file under {@code target/} that failures quote.
 */
final class KillableCli implements AutoCloseable {

    /** Exit status of a process ended by signal 9, as {@link Process#exitValue()} reports it on Linux. */
    static final int KILLED_BY_SIGKILL = 128 + 9;

    private final Process process;
    private final Path log;

    private KillableCli(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code shardwise migration <args>} against the fleet whose endpoints file is given. */
    static KillableCli start(Path endpoints, String label, String... args) throws IOException {
        Path dir = Path.of("target", "kill-and-resume");
        Files.createDirectories(dir);
        Path log = dir.resolve(label + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MigrationCli.class.getName());
        command.add("--endpoints");
        command.add(endpoints.toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SHARDWISE_DATA", endpoints.toAbsolutePath().getParent().toString());
        return new KillableCli(builder.start(), log);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the command to end by itself; its exit code. */
    int exitCode(java.time.Duration wait) throws InterruptedException {
        assertThat(process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)).as("the command ended; output:%n%s",
                output()).isTrue();
        return process.exitValue();
    }

    /**
     * Sends SIGKILL (on Linux {@code destroyForcibly} is {@code kill -9}; {@code destroy} would be
     * SIGTERM, which runs shutdown hooks) and asserts the process died of it, not of something else.
     */
    void kill9() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        assertThat(handle.isAlive()).as("the command is still running when killed; output:%n%s", output()).isTrue();
        assertThat(handle.destroyForcibly()).as("kill -9 of pid %d was sent", handle.pid()).isTrue();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("pid %d died", handle.pid()).isTrue();
        assertThat(process.exitValue()).as("pid %d ended by SIGKILL", handle.pid()).isEqualTo(KILLED_BY_SIGKILL);
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        // A failed test must not leave a worker running against the shared fleet.
        process.toHandle().destroyForcibly();
    }
}
