package dev.shardwise.linters.exempt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shardwise.linters.rules.Finding;
import dev.shardwise.linters.rules.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reviewed allowlist ({@code linters/allowlist.yml}): statements exempt from one rule each,
 * every entry with a reason, an owner and an expiry date.
 *
 * <pre>
 * exemptions:
 *   - rule: unscoped-sharded-query
 *     statement: "select count(*) from pages"     # fingerprint, or:
 *     # pattern: "^select .* from outbox where"   # a regex over fingerprints
 *     reason: nightly report, runs through the aggregation layer
 *     owner: content-team
 *     expires: 2026-12-31
 * </pre>
 *
 * An expired entry no longer exempts anything and is itself a {@link Rule#EXPIRED_EXEMPTION}
 * finding. A malformed file fails to load with a message naming the source and the entry.
 */
public final class Exemptions {

    /** Where the linters jar carries the repository's {@code linters/allowlist.yml}. */
    public static final String SHIPPED_RESOURCE = "dev/shardwise/linters/allowlist.yml";

    private static final Exemptions NONE = new Exemptions(List.of(), "none");

    private final List<Exemption> entries;
    private final String source;

    private Exemptions(List<Exemption> entries, String source) {
        this.entries = List.copyOf(entries);
        this.source = source;
    }

    public static Exemptions none() {
        return NONE;
    }

    public static Exemptions of(List<Exemption> entries) {
        return new Exemptions(entries, "in-memory");
    }

    public static Exemptions load(Path allowlistYml) {
        try (InputStream in = Files.newInputStream(allowlistYml)) {
            return parse(in, allowlistYml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read allowlist " + allowlistYml, e);
        }
    }

    /** The reviewed allowlist shipped in the linters jar ({@link #SHIPPED_RESOURCE}). */
    public static Exemptions shipped() {
        return fromClasspath(SHIPPED_RESOURCE);
    }

    public static Exemptions fromClasspath(String resource) {
        try (InputStream in = Exemptions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("allowlist " + resource + " is not on the classpath");
            }
            return parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read allowlist " + resource, e);
        }
    }

    public static Exemptions parse(InputStream in, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        JsonNode list = root == null ? null : root.get("exemptions");
        if (list == null || list.isNull()) {
            return new Exemptions(List.of(), source);
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(source + ": 'exemptions' must be a list");
        }
        List<Exemption> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(entry(list.get(i), source + " entry " + (i + 1)));
        }
        return new Exemptions(out, source);
    }

    private static Exemption entry(JsonNode node, String where) {
        String ruleId = text(node, "rule").orElseThrow(() -> new IllegalArgumentException(where + ": no rule"));
        Rule rule = Rule.fromId(ruleId).orElseThrow(() -> new IllegalArgumentException(where
                + ": unknown rule '" + ruleId + "'; allowed: " + Arrays.stream(Rule.values()).map(Rule::id).toList()));
        String expires = text(node, "expires").orElseThrow(() -> new IllegalArgumentException(where
                + ": no expires date (YYYY-MM-DD)"));
        try {
            return new Exemption(rule, text(node, "statement"), text(node, "pattern").map(Pattern::compile),
                    text(node, "reason").orElse(""), text(node, "owner").orElse(""), LocalDate.parse(expires));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": expires '" + expires + "' is not a date (YYYY-MM-DD)", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty()
                : Optional.of(value.asText());
    }

    public List<Exemption> entries() {
        return entries;
    }

    /** Where these entries were loaded from, for messages. */
    public String source() {
        return source;
    }

    /** The entries for {@code rule} that cover a statement with this fingerprint, expired or not. */
    public List<Exemption> covering(Rule rule, String fingerprint) {
        return entries.stream().filter(e -> e.rule() == rule && e.covers(fingerprint)).toList();
    }

    /** The entries covering a fingerprint for any rule, expired or not. */
    public List<Exemption> covering(String fingerprint) {
        return entries.stream().filter(e -> e.covers(fingerprint)).toList();
    }

    /** One {@link Rule#EXPIRED_EXEMPTION} finding per entry that has lapsed on {@code today}. */
    public List<Finding> expired(LocalDate today) {
        return entries.stream().filter(e -> e.expiredOn(today)).map(e -> expiredFinding(e, today)).toList();
    }

    /** The finding for one lapsed entry. */
    public Finding expiredFinding(Exemption e, LocalDate today) {
        return new Finding(Rule.EXPIRED_EXEMPTION, "the " + source + " exemption from " + e.rule().id()
                + " for " + e.subject() + " (owner " + e.owner() + ", reason: " + e.reason() + ") expired on "
                + e.expires() + " (today is " + today + "), so it no longer exempts anything",
                List.of(), "fix the statement so it no longer needs the exemption, or have " + e.owner()
                + " review it again and move 'expires' forward");
    }
}
