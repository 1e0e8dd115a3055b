package dev.shardwise.graphql.ops;

import dev.shardwise.domains.product.reporting.ReportingService;
import dev.shardwise.graphql.error.ApiException;
import dev.shardwise.graphql.error.MappedErrors;
import dev.shardwise.domains.platform.OperatorCapability;
import dev.shardwise.graphql.product.GlobalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

/**
 * {@code reporting} (ANALYST): aggregates over every content shard, read from replicas
 * ({@link ReportingService}). The capability is checked once, on the {@code reporting} field,
 * through which alone the reports are reachable.
 */
@GraphQLApi
@ApplicationScoped
@MappedErrors
public class ReportingApi {

    static final int MAX_DAYS = 366;
    static final int MAX_FIRST = 100;

    private final Capabilities capabilities;
    private final ReportingService reports;

    /** The entry point of the reports (no data of its own). */
    @Type("Reporting")
    @Description("Cross-shard reports, served from read replicas (may trail the latest writes slightly).")
    public record Reporting(@Description("Always true; the reports are its other fields.") boolean available) {
    }

    @Type("DayCount")
    public record DayCount(@NonNull @Description("A UTC day.") LocalDate day, long count) {
    }

    @Type("WorkspaceCount")
    public record WorkspaceCount(@NonNull @Id String workspaceId, long count) {
    }

    @Inject
    public ReportingApi(Capabilities capabilities, ReportingService reports) {
        this.capabilities = capabilities;
        this.reports = reports;
    }

    @Query("reporting")
    @NonNull
    @Description("Cross-shard reports. Needs the ANALYST capability.")
    public Reporting reporting() throws ApiException {
        capabilities.require(OperatorCapability.ANALYST);
        return new Reporting(true);
    }

    @NonNull
    @Description("Pages created per UTC day over the last `days` days (1.." + MAX_DAYS + ", today included),"
            + " oldest first, days without pages as 0.")
    public List<@NonNull DayCount> pagesCreatedPerDay(@Source Reporting reporting, @Name("days") int days)
            throws ApiException {
        if (days < 1 || days > MAX_DAYS) {
            throw ApiException.badUserInput("days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        return reports.pagesCreatedPerDay(days).stream().map(d -> new DayCount(d.day(), d.count())).toList();
    }

    @NonNull
    @Description("The `first` (1.." + MAX_FIRST + ") workspaces with the most blocks, most first.")
    public List<@NonNull WorkspaceCount> topWorkspacesByBlocks(@Source Reporting reporting, @Name("first") int first)
            throws ApiException {
        if (first < 1 || first > MAX_FIRST) {
            throw ApiException.badUserInput("first must be between 1 and " + MAX_FIRST + ", got " + first);
        }
        return reports.topWorkspacesByBlocks(first).stream()
                .map(w -> new WorkspaceCount(new GlobalId.WorkspaceId(w.workspaceId()).encode(), w.count())).toList();
    }
}
