package dev.shardwise.graphql.health;

/**
 * A PostgreSQL write-ahead-log position (an {@code pg_lsn}), e.g. {@code 16/B374D848}: the high and
 * low 32 bits in hexadecimal. Byte offsets, so the difference of two positions is a byte count.
 *
 * @param bytes the position as an unsigned 64-bit byte offset
 */
public record WalPosition(long bytes) {

    /**
     * @param lsn the text form PostgreSQL prints
     * @return the position
     * @throws IllegalArgumentException if {@code lsn} is not {@code X/Y} in hexadecimal
     */
    public static WalPosition parse(String lsn) {
        int slash = lsn.indexOf('/');
        if (slash <= 0 || slash == lsn.length() - 1) {
            throw new IllegalArgumentException("not a WAL position: '" + lsn + "'");
        }
        try {
            long high = Long.parseUnsignedLong(lsn.substring(0, slash), 16);
            long low = Long.parseUnsignedLong(lsn.substring(slash + 1), 16);
            if (high > 0xFFFF_FFFFL || low > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("not a WAL position: '" + lsn + "'");
            }
            return new WalPosition((high << 32) | low);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a WAL position: '" + lsn + "'", e);
        }
    }

    /**
     * How far this (replayed) position trails {@code ahead}; zero if it does not trail it. The two
     * positions are read at slightly different instants, so a replica can appear marginally ahead.
     */
    public long bytesBehind(WalPosition ahead) {
        return Long.compareUnsigned(ahead.bytes, bytes) > 0 ? ahead.bytes - bytes : 0;
    }

    @Override
    public String toString() {
        return Long.toHexString(bytes >>> 32).toUpperCase() + "/" + Long.toHexString(bytes & 0xFFFF_FFFFL).toUpperCase();
    }
}
