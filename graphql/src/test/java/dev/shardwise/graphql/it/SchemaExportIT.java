package dev.shardwise.graphql.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.Query;
import org.junit.jupiter.api.Test;

/**
 * {@code graphql/schema.graphql} is the schema the application serves. To update the file after
 * an intended API change, run this test with {@code -DupdateSchema=true}.
 */
@QuarkusTest
@WithTestResource(FleetResource.class)
class SchemaExportIT {

    private static final Path FILE = Path.of("schema.graphql");

    @Test
    void exportedSchemaIsTheServedOne() throws IOException {
        String served = withoutTestOnlyFields(given().when().get("/graphql/schema.graphql")
                .then().statusCode(200).extract().asString());
        if (Boolean.getBoolean("updateSchema")) {
            Files.writeString(FILE, served);
        }
        assertThat(Files.exists(FILE)).as("%s exists; create it with -DupdateSchema=true",
                FILE.toAbsolutePath()).isTrue();
        assertThat(Files.readString(FILE))
                .as("graphql/schema.graphql differs from the served schema. If the change is intended, update the file:"
                        + " mvn -pl graphql verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false"
                        + " -Dit.test=SchemaExportIT -DupdateSchema=true")
                .isEqualTo(served);
        assertThat(served).contains("interface Node", "type Query", "type Mutation", "type Page implements Node");
    }

    /** The served schema minus the queries of this module's test-only resolvers (FailingTestApi). */
    private static String withoutTestOnlyFields(String schema) {
        Set<String> testOnly = Arrays.stream(FailingTestApi.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Query.class)).map(m -> m.getAnnotation(Query.class).value())
                .collect(Collectors.toSet());
        assertThat(testOnly).isNotEmpty();
        return schema.lines()
                .filter(line -> testOnly.stream().noneMatch(name ->
                        Pattern.compile("^\\s+" + Pattern.quote(name) + "\\b.*").matcher(line).matches()))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
