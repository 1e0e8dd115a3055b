package dev.shardwise.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostGraphile 4 serving one shard schema directly, the peer of {@code bench/run http}: a
 * dedicated GraphQL-over-PostgreSQL server (one Node process, its default pool of 10
 * connections, no authentication, no query log) on the same rows the API serves. Started on
 * loopback by the benchmark once it knows which schema holds the fixture, stopped on close.
 */
final class PostgraphilePeer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final GraphqlClient client;

    private PostgraphilePeer(Process process, GraphqlClient client) {
        this.process = process;
        this.client = client;
    }

    /**
     * Starts {@code executable} on {@code port} over {@code schema} of the database at
     * {@code jdbcUrl}, and waits until it answers a GraphQL query.
     *
     * @param schema the shard schema, unquoted ({@code content_0003})
     * @param log    where the peer's output goes
     */
    static PostgraphilePeer start(Path executable, String jdbcUrl, String user, String password, String schema,
                                  int port, Path log) throws IOException, InterruptedException {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("PostGraphile is not installed at " + executable
                    + ": bench/run http installs it with npm from bench/peer/package.json");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(executable.toString(),
                "--connection", connectionString(jdbcUrl, user, password), "--schema", schema,
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--disable-graphiql", "--disable-query-log"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        GraphqlClient client = new GraphqlClient(URI.create("http://127.0.0.1:" + port + "/graphql"));
        PostgraphilePeer peer = new PostgraphilePeer(process, client);
        try {
            peer.awaitReady(log);
        } catch (IOException | RuntimeException | InterruptedException e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    GraphqlClient client() {
        return client;
    }

    /** The peer's process, for its CPU time. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostGraphile exited with " + process.exitValue()
                        + " during start-up; see " + log);
            }
            try {
                client.execute(Optional.empty(), "{ __typename }", Map.of());
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostGraphile did not answer within " + START_TIMEOUT.toSeconds()
                            + " s; see " + log, notYet);
                }
                // The server is still introspecting the schema: poll again shortly.
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** {@code jdbc:postgresql://host:port/db?…} as the {@code postgres://user:password@host:port/db} of libpq. */
    static String connectionString(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return "postgres://" + URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + uri.getHost() + ":" + uri.getPort()
                + uri.getPath();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
