package dev.shardwise.graphql.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, built by {@code mvn package}
 * before the integration tests run) started as a separate JVM on a free port, for tests that need
 * several application processes at once.
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    final int port;
    final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The cursor key of every test instance: cursors minted by one are valid on the others, as in a deployment. */
    static final String CURSOR_SECRET = "app-process-test-cursor-secret-0123456789";

    static AppProcess start(String name, Path endpoints, String... properties) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; the integration tests run after `mvn package`");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dquarkus.http.port=" + port, "-Dshardwise.endpoints=" + endpoints,
                "-Dshardwise.bootstrap-on-start=true", "-Dshardwise.api.cursor-secret=" + CURSOR_SECRET));
        for (String p : properties) {
            command.add("-D" + p);
        }
        command.addAll(List.of("-jar", jar.toString()));
        Path log = Path.of("target", "app-" + name + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AppProcess app = new AppProcess(process, port, log);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("app " + name + " exited; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(app.url() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return app;
    }

    /**
     * Starts the packaged application with {@code properties} (and no cursor secret unless they
     * name one, whatever the environment holds) and waits for it to exit on its own; returns its
     * exit code and log. For configurations the application must refuse at start.
     */
    static Exited runToExit(String name, Path endpoints, String... properties) throws IOException, InterruptedException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=0", "-Dshardwise.endpoints=" + endpoints));
        for (String p : properties) {
            command.add("-D" + p);
        }
        command.addAll(List.of("-jar", jar.toString()));
        Path log = Path.of("target", "app-" + name + ".log").toAbsolutePath();
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("SHARDWISE_API_CURSOR_SECRET");
        Process process = builder.start();
        if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("app " + name + " did not exit within 90 s; see " + log);
        }
        return new Exited(process.exitValue(), Files.readString(log));
    }

    /** How a process that was expected to stop ended. */
    record Exited(int code, String log) {
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
