package dev.shardwise.domains.platform.cli;

import dev.shardwise.domains.platform.OperatorCapability;
import dev.shardwise.domains.platform.OperatorKeyFormat;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code shardwise-admin operator-key NAME CAPABILITY…}: makes an operator key. It prints the key,
 * which is shown once and goes to the operator, and the configuration entry (a SHA-256 digest of
 * the secret, never the secret) for {@code SHARDWISE_API_OPERATORS}. Nothing is stored anywhere: a
 * key is revoked by removing its entry and restarting the instances.
 */
@Command(name = "operator-key", description = "Make an operator key granting capabilities (ADMIN, ANALYST) and print"
        + " the key and its configuration entry for SHARDWISE_API_OPERATORS.")
final class OperatorKeyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "who holds it: lower-case letters, digits and dashes",
            converter = NameConverter.class)
    String name;

    /** A name as the app's configuration accepts it, or a usage error (exit 2) saying what is valid. */
    static final class NameConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!OperatorKeyFormat.NAME.matcher(value).matches()) {
                throw new CommandLine.TypeConversionException("operator name '" + value + "' must be "
                        + OperatorKeyFormat.NAME_RULE);
            }
            return value;
        }
    }

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CAPABILITY", description = "ADMIN, ANALYST")
    List<OperatorCapability> capabilities;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Set<OperatorCapability> granted = EnumSet.copyOf(capabilities);
        String entry = name + ":" + granted.stream().map(Enum::name).collect(Collectors.joining("+")) + ":"
                + HexFormat.of().formatHex(OperatorKeyFormat.digest(secret));
        var out = spec.commandLine().getOut();
        out.println("operator key (give it to " + name + "; it is not shown again):");
        out.println("  " + name + "." + secret);
        out.println("configuration entry (append to SHARDWISE_API_OPERATORS, comma-separated, on every instance):");
        out.println("  " + entry);
        out.println("requests present it as the header `X-Operator-Key: " + name + ".<secret>`");
        return 0;
    }
}
