package dev.shardwise.graphql.execution;

import graphql.GraphQLException;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.spi.ClassloadingService;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads one GraphQL field from a Java property of the source object: the accessor method the
 * schema named (or the public field), then the same output transformation and adapters as
 * SmallRye's own property fetcher ({@link FieldHelper}: formats, {@code @AdaptWith}, maps), but
 * without populating SmallRye's per-field request context, which a property read never uses.
 *
 * <p>The accessor is resolved on first use (the owner class may not be loadable while the schema
 * is built) and is then a cached method handle; a race only resolves it twice.
 */
final class PropertyFetcher<T> implements PlugableDataFetcher<T>, TrivialDataFetcher<T> {

    private final Field field;
    private final Reference owner;
    private final FieldHelper helper;
    private volatile MethodHandle accessor;

    PropertyFetcher(Field field, Reference owner) {
        this.field = field;
        this.owner = owner;
        this.helper = new FieldHelper(field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(DataFetchingEnvironment environment) throws Exception {
        Object source = environment.getSource();
        if (source == null) {
            return null;
        }
        Object value;
        try {
            value = accessor().invoke(source);
        } catch (Error | Exception e) {
            throw e;
        } catch (Throwable t) {
            throw new GraphQLException("reading " + owner.getName() + "." + field.getName(), t);
        }
        return (T) helper.transformOrAdaptResponse(value, environment);
    }

    private MethodHandle accessor() {
        MethodHandle h = accessor;
        if (h == null) {
            h = resolve();
            accessor = h;
        }
        return h;
    }

    private MethodHandle resolve() {
        try {
            Class<?> type = ClassloadingService.get().loadClass(owner.getClassName());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle h = field.getMethodName() == null
                    ? lookup.unreflectGetter(type.getField(field.getPropertyName()))
                    : lookup.unreflect(type.getMethod(field.getMethodName()));
            return h.asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new GraphQLException("no accessor for " + owner.getClassName() + "." + field.getName()
                    + " (method " + field.getMethodName() + ", property " + field.getPropertyName() + ")", e);
        }
    }
}
