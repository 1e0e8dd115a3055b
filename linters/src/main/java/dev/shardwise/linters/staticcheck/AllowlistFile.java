package dev.shardwise.linters.staticcheck;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shardwise.linters.exempt.Exemption;
import dev.shardwise.linters.exempt.Exemptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An allowlist file as the static check reports on it: every entry that has expired is a finding
 * at the line the entry starts on.
 */
final class AllowlistFile {

    private AllowlistFile() {
    }

    /** One {@code expired-exemption} finding per lapsed entry of {@code exemptions}, loaded from {@code file}. */
    static List<LocatedFinding> expired(Exemptions exemptions, Path file, String displayPath, LocalDate today) {
        List<Integer> lines = entryLines(file);
        List<LocatedFinding> out = new ArrayList<>();
        List<Exemption> entries = exemptions.entries();
        for (int i = 0; i < entries.size(); i++) {
            Exemption e = entries.get(i);
            if (e.expiredOn(today)) {
                int line = i < lines.size() ? lines.get(i) : 1;
                out.add(new LocatedFinding(displayPath, line, exemptions.expiredFinding(e, today)));
            }
        }
        return out;
    }

    /** The line each item of the top-level {@code exemptions:} list starts on. */
    static List<Integer> entryLines(Path file) {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
            int depth = 0;
            boolean inList = false;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && depth == 1 && p.currentName().equals("exemptions")) {
                    inList = p.nextToken() == JsonToken.START_ARRAY;
                    depth += inList ? 1 : 0;
                    continue;
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (inList && depth == 2 && t == JsonToken.START_OBJECT) {
                        lines.add(p.currentTokenLocation().getLineNr());
                    }
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                    if (depth < 2) {
                        inList = false;
                    }
                }
            }
        } catch (IOException e) {
            return lines;
        }
        return lines;
    }
}
