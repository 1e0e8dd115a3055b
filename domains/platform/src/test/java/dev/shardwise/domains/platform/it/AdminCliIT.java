package dev.shardwise.domains.platform.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardwise.domains.platform.cli.AdminCli;
import dev.shardwise.shardmap.testing.Fleet;
import dev.shardwise.shardmap.testing.FleetExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FleetExtension.class)
class AdminCliIT {

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = AdminCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void bootstrapThenShowPrintsEveryKeyspaceAndShard(Fleet fleet) {
        String endpoints = Fleet.endpointsFile(fleet.repoRoot()).toString();
        Result bootstrap = run("bootstrap", "--endpoints", endpoints);
        assertThat(bootstrap.exit()).as(bootstrap.err()).isZero();
        assertThat(bootstrap.out()).contains("domain content: 16 shards").contains("domain global: 1 shards");

        Result show = run("show", "--endpoints", endpoints);
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("content_0015").contains("identity_0000").contains("global")
                .contains("keyspaces:").contains("clusters:");
    }

    /**
     * The real entry point, in a process of its own: {@code main} writes through an auto-flushing
     * writer and exits at once, so output written with {@code print} (not {@code println}) must be
     * flushed by the command itself or it is lost.
     */
    @Test
    void showFromTheCommandLinePrintsTheMap(Fleet fleet) throws Exception {
        String endpoints = Fleet.endpointsFile(fleet.repoRoot()).toString();
        assertThat(run("bootstrap", "--endpoints", endpoints).exit()).isZero();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AdminCli.class.getName(), "show", "--endpoints", endpoints)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("admin show finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("keyspaces:").contains("clusters:").contains("content_0015").contains("global");
    }

    @Test
    void aMalformedDomainNameIsAUsageErrorNamingWhatIsValid(Fleet fleet) {
        Result result = run("migrate", "--domain", "Content-1", "--endpoints",
                Fleet.endpointsFile(fleet.repoRoot()).toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Content-1").contains("must match");
    }

    @Test
    void anUnknownDomainIsAnErrorNamingTheKnownOnes(Fleet fleet) {
        Result result = run("migrate", "--domain", "billing", "--endpoints",
                Fleet.endpointsFile(fleet.repoRoot()).toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("'billing'").contains("known: [global, identity, content]");
    }

    @Test
    void aMissingEndpointsFileIsAnOperationalErrorWithExitCodeOne() {
        Result result = run("show", "--endpoints", "/nonexistent/endpoints.properties");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("/nonexistent/endpoints.properties").contains("infra/fleet up");
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run("add-cluster").exit()).isEqualTo(2);
    }

    @Test
    void addingAClusterThatIsNotInTheEndpointsFileNamesTheFix(Fleet fleet) {
        Result result = run("add-cluster", "c99", "--endpoints", Fleet.endpointsFile(fleet.repoRoot()).toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("c99").contains("infra/fleet add-cluster");
    }
}
