package dev.shardwise.graphql.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shardwise.migration.MigrationSettings;
import dev.shardwise.migration.Phase;
import dev.shardwise.migration.cli.MigrationRuntime;
import dev.shardwise.migration.engine.Action;
import dev.shardwise.migration.engine.MigrationEngine;
import dev.shardwise.migration.store.MigrationRecord;
import dev.shardwise.routing.ShardKey;
import dev.shardwise.routing.ShardRouter;
import dev.shardwise.shardmap.ClusterId;
import dev.shardwise.shardmap.KeyspaceName;
import dev.shardwise.shardmap.PhysicalCluster;
import dev.shardwise.shardmap.ShardId;
import dev.shardwise.shardmap.config.Endpoints;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6's end-to-end proof: two application processes serve the GraphQL API under continuous
 * writes from clients of both, while an operator moves a content shard, rolls it back, moves it
 * again and finalizes. After every step each acknowledged write is present in its last
 * acknowledged state, read back through the API; and no client ever saw an error.
 */
@ExtendWith(FleetExtension.class)
class TwoAppsMoveIT {

    private static final Duration WAIT = Duration.ofMinutes(2);

    /** A block's last acknowledged text, or empty once its deletion was acknowledged. */
    private record Acked(String token, Optional<String> text) {
    }

    private final Map<String, Acked> acked = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicLong writes = new AtomicLong();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile boolean running = true;

    @Test
    void movesUnderLoadFromTwoAppProcessesLoseNoAcknowledgedWrite(Fleet fleet) throws Exception {
        Path endpointsFile = Fleet.endpointsFile(fleet.repoRoot()).toAbsolutePath();
        Endpoints endpoints = Endpoints.load(endpointsFile);
        try (AppProcess a = AppProcess.start("a", endpointsFile, "shardwise.dark-reads.fraction=1.0");
             AppProcess b = AppProcess.start("b", endpointsFile, "shardwise.dark-reads.fraction=1.0");
             MigrationRuntime operator = new MigrationRuntime(endpoints, MigrationSettings.defaults()
                     .withLagThreshold(5_000), Clock.systemUTC(), System.out::println)) {
            MigrationEngine engine = operator.engine();
            String token = signUp(a);
            List<String> pages = new ArrayList<>();
            ShardId shard = workspacesOnOneShard(a, engine, token, pages);
            ClusterId source = engine.plannedMap().shard(shard).cluster();
            ClusterId target = endpoints.clusters().stream().map(PhysicalCluster::id).filter(c -> !c.equals(source))
                    .findFirst().orElseThrow();

            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                AppProcess app = i % 2 == 0 ? a : b;
                Random random = new Random(i);
                writers.add(Thread.ofPlatform().name("client-" + i).start(() -> write(app, token, pages, random)));
            }
            MigrationRecord m = engine.start(engine.plan(shard, target));
            Thread worker = Thread.ofPlatform().start(() -> engine.runWorker(m.id(), MigrationEngine.Until.ENDED));
            try {
                await().atMost(WAIT).until(() -> engine.store().get(m.id()).phase() == Phase.CATCHUP);
                checkAcknowledged(b);
                awaitWrites();
                assertThat(engine.perform(m.id(), Action.VERIFY, WAIT)).contains("verify clean");
                assertThat(engine.perform(m.id(), Action.CUTOVER, WAIT)).contains("cutover done");
                checkAcknowledged(a);
                awaitWrites();
                assertThat(engine.perform(m.id(), Action.ROLLBACK, WAIT)).contains("rollback done");
                checkAcknowledged(b);
                awaitWrites();
                assertThat(engine.perform(m.id(), Action.VERIFY, WAIT)).contains("verify clean");
                assertThat(engine.perform(m.id(), Action.CUTOVER, WAIT)).contains("cutover done");
                awaitWrites();
                await().atMost(WAIT).until(() -> engine.store().get(m.id()).darkReads() > 0);
                checkAcknowledged(a);
                assertThat(engine.perform(m.id(), Action.VERIFY, WAIT)).contains("verify clean");
                assertThat(engine.perform(m.id(), Action.FINALIZE, WAIT)).contains("finalized");
                checkAcknowledged(b);
            } finally {
                running = false;
                for (Thread t : writers) {
                    t.join();
                }
                worker.interrupt();
                worker.join();
            }
            MigrationRecord done = engine.store().get(m.id());
            assertThat(engine.plannedMap().shard(shard).cluster()).isEqualTo(target);
            assertThat(done.cutovers()).isEqualTo(2);
            assertThat(done.rollbacks()).isEqualTo(1);
            assertThat(errors).as("errors seen by API clients during the moves").isEmpty();
            System.out.printf("two apps: %d acknowledged writes, %d blocks checked, dark reads %d (%d mismatched),"
                    + " last write pause %d ms%n", writes.get(), acked.size(), done.darkReads(), done.darkMismatches(),
                    done.lastPauseMs().orElse(-1));
        }
    }

    /** Lets the clients make progress before the next step, so every step runs under writes from both apps. */
    private void awaitWrites() {
        long before = writes.get();
        await().atMost(WAIT).until(() -> writes.get() >= before + 20);
    }

    private void write(AppProcess app, String token, List<String> pages, Random random) {
        List<String> mine = new ArrayList<>();
        while (running) {
            gate.readLock().lock();
            try {
                int op = random.nextInt(10);
                if (mine.isEmpty() || op < 5) {
                    String text = "t" + random.nextInt(1_000_000);
                    JsonPath r = call(app, token, "mutation($p: ID!, $t: String!) { appendBlock(pageId: $p, type: TODO,"
                            + " text: $t) { id } }", "p", pages.get(random.nextInt(pages.size())), "t", text);
                    if (ok(r)) {
                        String id = r.getString("data.appendBlock.id");
                        acked.put(id, new Acked(token, Optional.of(text)));
                        mine.add(id);
                    }
                } else if (op < 8) {
                    String id = mine.get(random.nextInt(mine.size()));
                    String text = "u" + random.nextInt(1_000_000);
                    if (ok(call(app, token, "mutation($i: ID!, $t: String!) { updateBlock(id: $i, text: $t) { id } }",
                            "i", id, "t", text))) {
                        acked.put(id, new Acked(token, Optional.of(text)));
                    } else {
                        acked.remove(id);
                        mine.remove(id);
                    }
                } else {
                    String id = mine.remove(random.nextInt(mine.size()));
                    if (ok(call(app, token, "mutation($i: ID!) { deleteBlock(id: $i) }", "i", id))) {
                        acked.put(id, new Acked(token, Optional.empty()));
                    } else {
                        acked.remove(id);
                    }
                }
            } finally {
                gate.readLock().unlock();
            }
        }
    }

    private boolean ok(JsonPath response) {
        List<Object> errs = response.getList("errors");
        if (errs == null || errs.isEmpty()) {
            writes.incrementAndGet();
            return true;
        }
        errors.add(response.prettify());
        return false;
    }

    /** With the writers held between requests, every acknowledged block reads back as acknowledged. */
    private void checkAcknowledged(AppProcess app) {
        gate.writeLock().lock();
        try {
            for (var entry : acked.entrySet()) {
                JsonPath r = call(app, entry.getValue().token(), "query($i: ID!) { node(id: $i) { ... on Block { text } } }",
                        "i", entry.getKey());
                assertThat(r.getList("errors")).as("reading block %s", entry.getKey()).isNull();
                assertThat(Optional.ofNullable(r.getString("data.node.text"))).as("block %s", entry.getKey())
                        .isEqualTo(entry.getValue().text());
            }
        } finally {
            gate.writeLock().unlock();
        }
    }

    private static JsonPath call(AppProcess app, String token, String query, Object... variables) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        var request = given().baseUri(app.url()).contentType(ContentType.JSON).body(Map.of("query", query, "variables", vars));
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    private static String signUp(AppProcess app) {
        JsonPath r = call(app, null, "mutation($e: String!) { signUp(email: $e, name: \"Mover\", password: \"correct horse"
                + " battery staple\") { token } }", "e", "mover-" + UUID.randomUUID() + "@example.com");
        assertThat(r.getList("errors")).isNull();
        return r.getString("data.signUp.token");
    }

    /** Creates workspaces (each with one page) until three share a shard; returns that shard and fills {@code pages}. */
    private static ShardId workspacesOnOneShard(AppProcess app, MigrationEngine engine, String token, List<String> pages) {
        Map<ShardId, List<String>> byShard = new HashMap<>();
        for (int i = 0; i < 80; i++) {
            JsonPath ws = call(app, token, "mutation { createWorkspace(name: \"move\") { id } }");
            String wsId = ws.getString("data.createWorkspace.id");
            String decoded = new String(Base64.getUrlDecoder().decode(wsId), StandardCharsets.UTF_8);
            UUID uuid = UUID.fromString(decoded.substring(decoded.indexOf(':') + 1));
            ShardId shard = ShardRouter.route(engine.plannedMap(), KeyspaceName.of("content"), List.of(ShardKey.of(uuid)))
                    .destinations().getFirst().shard();
            if (engine.store().liveFor(shard).isPresent()) {
                continue;
            }
            String page = call(app, token, "mutation($w: ID!) { createPage(workspaceId: $w, title: \"p\") { id } }",
                    "w", wsId).getString("data.createPage.id");
            byShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(page);
            if (byShard.get(shard).size() == 3) {
                pages.addAll(byShard.get(shard));
                return shard;
            }
        }
        throw new IllegalStateException("no shard got three workspaces");
    }
}
