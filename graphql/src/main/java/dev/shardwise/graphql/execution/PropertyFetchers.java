package dev.shardwise.graphql.execution;

import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/**
 * Plugs {@link PropertyFetcher} in for every field SmallRye GraphQL reads from a Java property
 * (a record component or getter), loaded by SmallRye through {@link java.util.ServiceLoader}.
 * Resolver methods ({@code @Query}, {@code @Mutation}, {@code @Source} fields) keep SmallRye's
 * own fetchers, and with them the request context they may inject.
 *
 * <p>Why: SmallRye's property fetcher clones the request context and builds the field's selection
 * set as JSON, twice, for every property of every object in a response, although a property read
 * uses neither. In {@code bench/run http} that was about a tenth of the API's CPU on a page read.
 */
public final class PropertyFetchers implements DataFetcherService {

    /** After Quarkus's own service (1), which supplies no property fetchers; the lowest number wins. */
    private static final int PRIORITY = 100;

    @Override
    public Integer getPriority() {
        return PRIORITY;
    }

    @Override
    public PlugableDataFetcher<?> getFieldDataFetcher(Field field, Type type, Reference owner) {
        return new PropertyFetcher<>(field, owner);
    }
}
