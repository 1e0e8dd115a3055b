package com.example.app;

import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface PageQueries extends Repository<Page, UUID> {

    @Query("select p from Page p where p.workspaceId = ?1")
    Iterable<Page> inWorkspace(UUID workspaceId);

    @Query(value = "SELECT * FROM pages WHERE author_id = ?1", nativeQuery = true)
    Iterable<Page> byAuthor(UUID authorId);
}
