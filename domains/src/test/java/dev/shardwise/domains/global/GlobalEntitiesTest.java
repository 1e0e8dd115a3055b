package dev.shardwise.domains.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the global entities against schema-domains.yml by reflection only; no database. */
class GlobalEntitiesTest {

    private static final String DOMAIN = "global";

    private static JsonNode domain;

    @BeforeAll
    static void readSchemaDomains() throws IOException {
        // Maven runs tests in the module directory, where schema-domains.yml lives.
        domain = new ObjectMapper(new YAMLFactory()).readTree(Path.of("schema-domains.yml").toFile())
                .path("domains").path(DOMAIN);
        assertThat(domain.isObject()).as("domain %s in schema-domains.yml", DOMAIN).isTrue();
    }

    @Test
    void allIsAnImmutableListOfDistinctClasses() {
        List<Class<?>> all = GlobalEntities.all();
        assertThat(all).isNotEmpty().doesNotHaveDuplicates();
        assertThatThrownBy(() -> all.add(Object.class)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eachEntityMapsAnUnqualifiedTableOfTheDomainAndEachTableHasOneEntity() {
        List<String> tables = new ArrayList<>();
        domain.path("tables").forEach(t -> tables.add(t.asText()));
        List<String> mapped = new ArrayList<>();
        for (Class<?> type : GlobalEntities.all()) {
            assertThat(type.getAnnotation(Entity.class)).as("@Entity on %s", type.getSimpleName()).isNotNull();
            Table table = type.getAnnotation(Table.class);
            assertThat(table).as("@Table on %s", type.getSimpleName()).isNotNull();
            assertThat(table.name()).as("table of %s", type.getSimpleName()).isIn(tables);
            assertThat(table.schema()).as("schema of %s (search_path picks the shard)", type.getSimpleName()).isEmpty();
            assertThat(table.catalog()).as("catalog of %s", type.getSimpleName()).isEmpty();
            mapped.add(table.name());
        }
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void domainIsUnshardedSoEntitiesCarryNoShardKey() {
        assertThat(domain.path("sharded").asBoolean(true)).isFalse();
        assertThat(domain.has("shard_key")).isFalse();
    }

    @Test
    void eachPersistentFieldNamesItsSnakeCaseColumn() {
        for (Class<?> type : GlobalEntities.all()) {
            for (Field field : persistentFields(type)) {
                Column column = field.getAnnotation(Column.class);
                assertThat(column).as("@Column on %s.%s", type.getSimpleName(), field.getName()).isNotNull();
                assertThat(column.name()).as("column of %s.%s", type.getSimpleName(), field.getName()).matches("[a-z][a-z0-9_]*");
            }
        }
    }

    @Test
    void eachEntityHasAProtectedNoArgConstructor() throws NoSuchMethodException {
        for (Class<?> type : GlobalEntities.all()) {
            assertThat(Modifier.isProtected(type.getDeclaredConstructor().getModifiers()))
                    .as("no-arg constructor of %s is protected", type.getSimpleName()).isTrue();
        }
    }

    @Test
    void publicConstructorsRejectNullForEveryRequiredColumn() throws Exception {
        for (Class<?> type : GlobalEntities.all()) {
            assertThat(type.getConstructors()).as("public constructors of %s", type.getSimpleName()).isNotEmpty();
            for (Constructor<?> constructor : type.getConstructors()) {
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
        }
    }

    @Test
    void emailClaimRequiresALowerCaseEmail() {
        assertThatThrownBy(() -> new EmailClaim("Someone@Example.com", UUID.randomUUID(), ClaimState.PENDING,
                Instant.EPOCH, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower case");
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
