package dev.shardwise.domains.product.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SearchServiceTest {

    @Test
    void likeWildcardsAndTheEscapeMatchLiterally() {
        assertThat(SearchService.escapeLike("100%_a\\b")).isEqualTo("100\\%\\_a\\\\b");
        assertThat(SearchService.escapeLike("plain")).isEqualTo("plain");
    }

    @Test
    void uuidsCompareBytewiseLikePostgres() {
        UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        // UUID.compareTo is signed and gets this pair backwards; PostgreSQL does not.
        assertThat(low.compareTo(high)).isPositive();
        assertThat(SearchService.compareUuids(low, high)).isNegative();
        List<UUID> ids = new ArrayList<>(List.of(high, low, UUID.fromString("00000000-0000-0000-8000-000000000000")));
        ids.sort(SearchService::compareUuids);
        assertThat(ids.stream().map(UUID::toString).toList()).isSorted();
    }
}
