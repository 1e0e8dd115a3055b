package com.example.app;

import org.eclipse.microprofile.graphql.Query;

/** MicroProfile GraphQL's @Query names a GraphQL field, not SQL: not extracted. */
final class GraphqlApi {

    @Query("select")
    public String select() {
        return "select everything from nowhere";
    }
}
