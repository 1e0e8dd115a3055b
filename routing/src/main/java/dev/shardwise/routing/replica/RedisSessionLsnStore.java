package dev.shardwise.routing.replica;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * A {@link SessionLsnStore} in Redis, shared by every application instance: one hash per session
 * ({@code shardwise:rw:<session>}, field = cluster id) that expires {@code retention} after the
 * session's last write. The maximum is kept atomically by a server-side script, so concurrent
 * writes of one session on two instances never move a position backwards. Positions are stored
 * as decimal strings (Lua compares them as doubles: exact below 2^53 bytes of WAL, i.e. 8 PiB).
 */
public final class RedisSessionLsnStore implements SessionLsnStore {

    private static final String KEY_PREFIX = "shardwise:rw:";
    private static final String RECORD_MAX = """
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            if (not cur) or tonumber(cur) < tonumber(ARGV[2]) then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1""";

    private final RedissonClient redisson;
    private final Duration retention;

    /** {@code redisson} is owned by the caller, who closes it. */
    public RedisSessionLsnStore(RedissonClient redisson, Duration retention) {
        this.redisson = Objects.requireNonNull(redisson, "redisson");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    @Override
    public void recordCommit(String session, String clusterId, long lsn) {
        redisson.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, RECORD_MAX, RScript.ReturnType.LONG,
                List.of(KEY_PREFIX + session), clusterId, Long.toString(lsn), Long.toString(retention.toMillis()));
    }

    @Override
    public OptionalLong lastCommit(String session, String clusterId) {
        Object value = redisson.getMap(KEY_PREFIX + session, StringCodec.INSTANCE).get(clusterId);
        return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.toString()));
    }
}
