package dev.shardwise.migration.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.cli.MigrationCli;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code shardwise migration} command line as an operator or a script uses it: what it prints,
 * its exit codes (0 done, 1 failed, 2 usage, 3 refused) and its JSON status.
 */
@ExtendWith(FleetExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationCliIT {

    private record Run(int exit, String out, String err) {
    }

    private MoveFixture fx;
    private String endpoints;

    @BeforeAll
    void setUp(Fleet fleet) {
        fx = new MoveFixture(fleet, MigrationSettings.defaults());
        endpoints = Fleet.endpointsFile(fleet.repoRoot()).toAbsolutePath().toString();
    }

    @AfterAll
    void tearDown() {
        fx.close();
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--endpoints", endpoints));
        all.addAll(List.of(args));
        int exit = MigrationCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theCommandInAProcessOfItsOwnPrintsItsOwnMessagesOnly() throws Exception {
        ShardId shard = fx.shardOf(fx.spacesOnOneShard(1, List.of()).getFirst().workspaceId());
        try (KillableCli plan = KillableCli.start(java.nio.file.Path.of(endpoints), "plan", "plan", shard.toString(),
                "--to", fx.otherCluster(shard).value())) {
            assertThat(plan.exitCode(java.time.Duration.ofMinutes(1))).isZero();
            assertThat(plan.output()).contains("move shard " + shard).contains("steps:")
                    .as("no library's log lines (HikariCP, Flyway) among the command's own")
                    .doesNotContain("com.zaxxer.hikari").doesNotContain("org.flywaydb").doesNotContainPattern(
                            "(?m)^\\[[^]]+\\] (INFO|WARN) ");
        }
    }

    @Test
    void statusWatchPrintsAgainUntilTheMigrationHasEnded() throws Exception {
        ShardId shard = fx.shardOf(fx.spacesOnOneShard(1, List.of()).getFirst().workspaceId());
        var m = fx.engine().start(fx.engine().plan(shard, fx.otherCluster(shard)));
        StringWriter out = new StringWriter();
        var watch = java.util.concurrent.CompletableFuture.supplyAsync(() -> MigrationCli.run(new String[] {
                "--endpoints", endpoints, "status", String.valueOf(m.id()), "--watch", "0.1"},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> out.toString().split("phase BACKFILL", -1).length > 2);
        assertThat(watch).as("still watching a live migration").isNotDone();

        assertThat(fx.engine().perform(m.id(), dev.shardwise.migration.engine.Action.ABORT,
                java.time.Duration.ofMinutes(1))).contains("abort");
        assertThat(watch.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("ends with the migration").isZero();
        assertThat(out.toString()).contains("phase ABORTED");
    }

    @Test
    void aWholeMoveFromTheCommandLine() throws Exception {
        List<WriteLoad.Space> spaces = fx.spacesOnOneShard(1, List.of());
        ShardId shard = fx.shardOf(spaces.getFirst().workspaceId());
        ClusterId target = fx.otherCluster(shard);
        new WriteLoad(fx.content, spaces).prefill(30);

        Run plan = cli("plan", shard.toString(), "--to", target.value());
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains("move shard " + shard).contains("blocks: ").contains("steps:");
        assertThat(fx.engine().store().liveFor(shard)).as("plan changes nothing").isEmpty();

        Run start = cli("start", shard.toString(), "--to", target.value(), "--until-caught-up");
        assertThat(start.exit()).as(start.err()).isZero();
        long id = fx.engine().store().liveFor(shard).orElseThrow().id();
        assertThat(start.out()).contains("started migration " + id).contains("worker stopped: CATCHUP");

        Run refused = cli("cutover", String.valueOf(id));
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("refused: cutover needs a clean verify").contains("shardwise migration verify " + id);

        assertThat(cli("verify", String.valueOf(id)).out()).contains("verify clean");
        Run json = cli("status", String.valueOf(id), "--json");
        JsonNode status = new ObjectMapper().readTree(json.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(status.get("phase").asText()).isEqualTo("CATCHUP");
        assertThat(status.get("verifyState").asText()).isEqualTo("CLEAN");
        assertThat(status.get("rowsCopied").asLong()).isEqualTo(status.get("rowsTotal").asLong()).isPositive();
        assertThat(cli("status", String.valueOf(id)).out()).contains("phase CATCHUP").contains("blocks").contains("100%");

        assertThat(cli("pause", String.valueOf(id)).exit()).isZero();
        assertThat(fx.engine().store().get(id).paused()).isTrue();
        assertThat(cli("cutover", String.valueOf(id)).out()).contains("cutover done");
        assertThat(cli("abort", String.valueOf(id)).exit()).as("abort after cutover is refused").isEqualTo(3);
        assertThat(cli("finalize", String.valueOf(id)).out()).contains("finalized");
        assertThat(fx.map().shard(shard).cluster()).isEqualTo(target);
        assertThat(fx.leftovers(target, shard)).isEmpty();
    }

    @Test
    void badRequestsGetAReasonAndAnExitCode() {
        Run sameCluster = cli("plan", "content/0", "--to", fx.map().shard(new ShardId(KeyspaceName.of("content"), 0)).cluster().value());
        assertThat(sameCluster.exit()).isEqualTo(3);
        assertThat(sameCluster.err()).contains("already lives on");

        Run unknownCluster = cli("plan", "content/0", "--to", "c99");
        assertThat(unknownCluster.exit()).isEqualTo(3);
        assertThat(unknownCluster.err()).contains("no cluster c99").contains("add-cluster");

        Run unknownShard = cli("plan", "content/999", "--to", "c1");
        assertThat(unknownShard.exit()).isEqualTo(3);
        assertThat(unknownShard.err()).contains("no shard content/999");

        Run unknownMigration = cli("cutover", "987654");
        assertThat(unknownMigration.exit()).isEqualTo(3);
        assertThat(unknownMigration.err()).contains("there is no migration 987654");

        Run usage = cli("plan", "content-0", "--to", "c1");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("keyspace/number");
    }
}
