package dev.shardwise.graphql.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.GraphQLException;
import graphql.schema.DataFetchingEnvironmentImpl;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.spi.DataFetcherService;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PropertyFetcherTest {

    /** A value type as the API's model declares them: a public record. */
    public record Sample(String title, int blocks) {
    }

    private static Reference owner() {
        Reference owner = new Reference();
        owner.setClassName(Sample.class.getName());
        owner.setName("Sample");
        owner.setType(ReferenceType.TYPE);
        return owner;
    }

    private static Field field(String method, Class<?> type) {
        Reference reference = new Reference();
        reference.setClassName(type.getName());
        reference.setGraphQLClassName(type.getName());
        reference.setType(ReferenceType.SCALAR);
        return new Field(method, method, method, reference);
    }

    private static Object read(String method, Class<?> type, Object source) throws Exception {
        return new PropertyFetcher<>(field(method, type), owner())
                .get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment().source(source).build());
    }

    @Test
    void readsTheRecordComponentTheSchemaNamed() throws Exception {
        Sample sample = new Sample("Roadmap", 20);

        assertThat(read("title", String.class, sample)).isEqualTo("Roadmap");
        assertThat(read("blocks", Integer.class, sample)).isEqualTo(20);
    }

    @Test
    void aMissingSourceReadsAsNull() throws Exception {
        assertThat(read("title", String.class, null)).isNull();
    }

    @Test
    void anAccessorThatDoesNotExistNamesTheClassAndField() {
        assertThatThrownBy(() -> read("subtitle", String.class, new Sample("Roadmap", 1)))
                .isInstanceOf(GraphQLException.class)
                .hasMessageContaining(Sample.class.getName() + ".subtitle");
    }

    @Test
    void smallRyeFindsTheServiceThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(DataFetcherService.class).stream().map(ServiceLoader.Provider::type))
                .contains(PropertyFetchers.class);
    }
}
