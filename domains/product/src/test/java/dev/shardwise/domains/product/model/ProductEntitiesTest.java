package dev.shardwise.domains.product.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardwise.domains.catalog.DomainName;
import dev.shardwise.domains.catalog.SchemaDomain;
import dev.shardwise.domains.catalog.SchemaDomains;
import dev.shardwise.domains.product.model.global.ClaimState;
import dev.shardwise.domains.product.model.global.EmailClaim;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.annotations.PartitionKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every domain's entities against the schema-domain catalog by reflection only (no
 * database): one entity per table of the domain, unqualified table names (the router picks the
 * shard's schema), the shard key mapped as a required column, snake-case columns, and
 * constructors that refuse null for every required column.
 */
class ProductEntitiesTest {

    private static final SchemaDomains CATALOG = SchemaDomains.load();

    static Stream<Map.Entry<DomainName, List<Class<?>>>> domains() {
        return ProductEntities.byDomain().entrySet().stream();
    }

    @Test
    void everyDomainOfTheCatalogHasEntities() {
        assertThat(ProductEntities.byDomain().keySet())
                .containsExactlyInAnyOrderElementsOf(CATALOG.domains().stream().map(SchemaDomain::name).toList());
    }

    @ParameterizedTest
    @MethodSource("domains")
    void entitiesAreAnImmutableListOfDistinctClasses(Map.Entry<DomainName, List<Class<?>>> domain) {
        List<Class<?>> all = domain.getValue();
        assertThat(all).isNotEmpty().doesNotHaveDuplicates();
        assertThatThrownBy(() -> all.add(Object.class)).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @MethodSource("domains")
    void eachEntityMapsAnUnqualifiedTableOfTheDomainAndEachTableHasOneEntity(Map.Entry<DomainName, List<Class<?>>> domain) {
        List<String> tables = CATALOG.domain(domain.getKey()).tables();
        List<String> mapped = domain.getValue().stream().map(type -> {
            assertThat(type.getAnnotation(Entity.class)).as("@Entity on %s", type.getSimpleName()).isNotNull();
            Table table = type.getAnnotation(Table.class);
            assertThat(table).as("@Table on %s", type.getSimpleName()).isNotNull();
            assertThat(table.name()).as("table of %s", type.getSimpleName()).isIn(tables);
            assertThat(table.schema()).as("schema of %s (the router picks the shard)", type.getSimpleName()).isEmpty();
            assertThat(table.catalog()).as("catalog of %s", type.getSimpleName()).isEmpty();
            return table.name();
        }).toList();
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(tables);
    }

    @ParameterizedTest
    @MethodSource("domains")
    void eachEntityOfAShardedDomainHasARequiredShardKeyColumn(Map.Entry<DomainName, List<Class<?>>> domain) {
        SchemaDomain schema = CATALOG.domain(domain.getKey());
        if (schema.shardKey().isEmpty()) {
            assertThat(schema.sharded()).isFalse();
            return;
        }
        String key = schema.shardKey().get();
        for (Class<?> type : domain.getValue()) {
            Field field = persistentFields(type).stream()
                    .filter(f -> f.isAnnotationPresent(Column.class) && f.getAnnotation(Column.class).name().equals(key))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(type.getSimpleName() + " maps no " + key));
            assertThat(field.getType()).as("type of %s.%s", type.getSimpleName(), field.getName()).isEqualTo(UUID.class);
            assertThat(field.getAnnotation(Column.class).nullable())
                    .as("%s.%s nullable", type.getSimpleName(), field.getName()).isFalse();
        }
    }

    /**
     * Hibernate writes an entity's updates and deletes by its id: the shard key must be part of the
     * id or marked {@code @PartitionKey}, or those statements would not name it (and the linter
     * refuses them).
     */
    @ParameterizedTest
    @MethodSource("domains")
    void everyUpdateAndDeleteHibernateWritesNamesTheShardKey(Map.Entry<DomainName, List<Class<?>>> domain) {
        Optional<String> key = CATALOG.domain(domain.getKey()).shardKey();
        for (Class<?> type : domain.getValue()) {
            key.ifPresent(column -> {
                Field field = persistentFields(type).stream()
                        .filter(f -> f.getAnnotation(Column.class).name().equals(column)).findFirst().orElseThrow();
                assertThat(field.isAnnotationPresent(Id.class) || field.isAnnotationPresent(PartitionKey.class))
                        .as("%s.%s is the shard key: make it (part of) the @Id or mark it @PartitionKey",
                                type.getSimpleName(), field.getName()).isTrue();
            });
        }
    }

    @ParameterizedTest
    @MethodSource("domains")
    void eachPersistentFieldNamesItsSnakeCaseColumn(Map.Entry<DomainName, List<Class<?>>> domain) {
        for (Class<?> type : domain.getValue()) {
            for (Field field : persistentFields(type)) {
                Column column = field.getAnnotation(Column.class);
                assertThat(column).as("@Column on %s.%s", type.getSimpleName(), field.getName()).isNotNull();
                assertThat(column.name()).as("column of %s.%s", type.getSimpleName(), field.getName())
                        .matches("[a-z][a-z0-9_]*");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("domains")
    void eachEntityHasAProtectedNoArgConstructor(Map.Entry<DomainName, List<Class<?>>> domain) throws Exception {
        for (Class<?> type : domain.getValue()) {
            assertThat(Modifier.isProtected(type.getDeclaredConstructor().getModifiers()))
                    .as("no-arg constructor of %s is protected", type.getSimpleName()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("domains")
    void publicConstructorsRejectNullForEveryRequiredColumn(Map.Entry<DomainName, List<Class<?>>> domain) throws Exception {
        for (Class<?> type : domain.getValue()) {
            assertThat(type.getConstructors()).as("public constructors of %s", type.getSimpleName()).isNotEmpty();
            for (Constructor<?> constructor : type.getConstructors()) {
                checkNullRejection(type, constructor);
            }
        }
    }

    @Test
    void emailClaimRequiresALowerCaseEmail() {
        assertThatThrownBy(() -> new EmailClaim("Someone@Example.com", UUID.randomUUID(), ClaimState.PENDING,
                Instant.EPOCH, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower case");
    }

    private static void checkNullRejection(Class<?> type, Constructor<?> constructor) throws Exception {
        Parameter[] parameters = constructor.getParameters();
        Object[] valid = Arrays.stream(parameters).map(p -> sample(p.getType())).toArray();
        assertThat(constructor.newInstance(valid)).isNotNull();
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            if (parameter.getType().isPrimitive()) {
                continue;
            }
            assertThat(parameter.isNamePresent()).as("compiled with -parameters").isTrue();
            Object[] args = valid.clone();
            args[i] = null;
            String what = type.getSimpleName() + "(" + parameter.getName() + " = null)";
            if (isNullableColumn(type, parameter.getName())) {
                assertThat(constructor.newInstance(args)).as(what).isNotNull();
            } else {
                assertThatThrownBy(() -> constructor.newInstance(args)).as(what)
                        .isInstanceOf(InvocationTargetException.class)
                        .cause().isInstanceOf(NullPointerException.class).hasMessage(parameter.getName());
            }
        }
    }

    private static boolean isNullableColumn(Class<?> type, String fieldName) {
        return persistentFields(type).stream()
                .filter(f -> f.getName().equals(fieldName))
                .findFirst()
                .map(f -> Optional.ofNullable(f.getAnnotation(Column.class)).map(Column::nullable).orElse(true))
                .orElse(false);
    }

    private static List<Field> persistentFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                .filter(f -> !f.isAnnotationPresent(Transient.class) && !f.isSynthetic())
                .toList();
    }

    private static Object sample(Class<?> type) {
        if (type == UUID.class) {
            return UUID.randomUUID();
        } else if (type == String.class) {
            return "sample@example.com";
        } else if (type == Instant.class) {
            return Instant.parse("2025-01-01T00:00:00Z");
        } else if (type == byte[].class) {
            return new byte[] {1, 2, 3};
        } else if (type == long.class) {
            return 1L;
        } else if (type == int.class) {
            return 1;
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new AssertionError("no sample value for constructor parameter type " + type);
    }
}
