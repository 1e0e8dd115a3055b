package dev.shardwise.domains.product.auth;

/**
 * The cost parameters of Argon2id: memory in KiB, iterations (passes) and parallelism (lanes).
 * They are written into every hash, so raising them later only affects new hashes; old ones are
 * upgraded on the next successful log-in ({@link PasswordHasher#needsRehash}).
 *
 * <p>Bounds: parallelism 1..64, iterations 1..100, memory from 8 × parallelism (Argon2's own
 * minimum) to 4 GiB. The same bounds apply to parameters read back from a stored hash, so a
 * tampered row cannot make the server allocate without limit.
 */
public record Argon2Settings(int memoryKib, int iterations, int parallelism) {

    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 100;
    static final int MAX_PARALLELISM = 64;

    public Argon2Settings {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM + ", got " + parallelism);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS + ", got " + iterations);
        }
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("memoryKib must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB
                    + ", got " + memoryKib);
        }
    }

    /** OWASP's recommended Argon2id configuration (19 MiB, 2 passes, 1 lane). */
    public static Argon2Settings recommended() {
        return new Argon2Settings(19_456, 2, 1);
    }
}
