package dev.shardwise.linters.staticcheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shardwise.linters.rules.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Findings as a SARIF 2.1.0 log, the format code-scanning tools (GitHub code scanning, IDEs)
 * import: one run of tool {@code shardwise-linters} with every rule's metadata, and one
 * {@code error} result per finding at its repository-relative file and line (relative to
 * {@code %SRCROOT%}, the checkout root).
 */
public final class SarifReport {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String TOOL = "shardwise-linters";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {
    }

    /** The SARIF log for {@code findings}. */
    public static ObjectNode of(List<LocatedFinding> findings) {
        ObjectNode log = JSON.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", TOOL);
        ArrayNode rules = driver.putArray("rules");
        for (Rule rule : Rule.values()) {
            ObjectNode r = rules.addObject();
            r.put("id", rule.id());
            r.putObject("shortDescription").put("text", RuleHelp.shortDescription(rule));
            r.putObject("help").put("text", RuleHelp.help(rule));
            r.putObject("defaultConfiguration").put("level", "error");
        }
        ArrayNode results = run.putArray("results");
        for (LocatedFinding f : findings) {
            ObjectNode result = results.addObject();
            result.put("ruleId", f.finding().rule().id());
            result.put("ruleIndex", f.finding().rule().ordinal());
            result.put("level", "error");
            result.putObject("message").put("text", sentence(f.finding().message()) + " Fix: " + f.finding().fix());
            ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = location.putObject("artifactLocation");
            artifact.put("uri", f.path());
            artifact.put("uriBaseId", "%SRCROOT%");
            location.putObject("region").put("startLine", f.line());
        }
        return log;
    }

    private static String sentence(String text) {
        String t = text.strip();
        return t.endsWith(".") ? t : t + ".";
    }

    /** Writes the log to {@code file} (creating its directory). */
    public static void write(List<LocatedFinding> findings, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), of(findings));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write SARIF to " + file + ": " + e.getMessage(), e);
        }
    }
}
