package dev.shardwise.routing.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Xxh64Test {

    // Reference values produced by the reference C library (libxxhash 0.8.1, via its Python binding)
    // for data(n), n = 0..100, i.e. every tail combination below and above the 32-byte stripe path.
    private static final long[] REFERENCE_SEED_0 = {
            0xEF46DB3751D8E999L, 0xA96C7F0CE858BBB7L, 0xAC378C5993CD5F9AL,
            0x56E6957632A487F9L, 0xC60D15B1E3FF8F04L, 0x808815858624DD4EL,
            0xCF22B4E87E9BBD00L, 0xAFBEFC3D6C6F9A8EL, 0x3DA5C7AA269683E0L,
            0x4B17A9BA9E215C09L, 0x6B889090B8A922B8L, 0x1FC070E44716BD8EL,
            0x8FE8AB1C1FD0666EL, 0x0382284CC19C4ABBL, 0x1523F762201BA56EL,
            0xAE2A37EB9357CAA7L, 0xA19AD429B02BC413L, 0xFE9F0FEB7EEEDC09L,
            0xA44DBC53C815D4FEL, 0x3693E04C0DFC7DD2L, 0x0BFBADB368E7F37CL,
            0xFE78683697D5C575L, 0xB07142420C77FE7FL, 0xE77B1FCEA84118C3L,
            0x929438E5C2159EF9L, 0x7E6C95919380459FL, 0xAF2EFE1AA0CF37DCL,
            0x8EDAA24C28D12EC6L, 0xA36B5C4091187D2AL, 0xEB1FEE1BF0954759L,
            0x6A54EBE6FE40B928L, 0x4A74F3A1A39AD4A1L, 0x8D57D6A4671CC43DL,
            0x62C9FD21ED857664L, 0x42CCE8A8F5FC5F1FL, 0x85CBCF9E0D9CBECAL,
            0xA4475C606B0ABC3CL, 0x5D71D9FC4B676D9FL, 0x88A74AB8EAEB0218L,
            0x1789542489E59CC4L, 0x49B45332E280F187L, 0xB410B48464DC1268L,
            0x9DACB790A1526540L, 0x7C296A6B49B188E7L, 0xA6B69C7CEE5D5B54L,
            0xAA6AEB7198C8C81CL, 0x7C4B5A84F7CD59F3L, 0x05E3AB06C6BB0A6BL,
            0x9F31C521803DA811L, 0x9F787017DE727118L, 0xCA2EEE5CB9FB5469L,
            0x33A29BD165146948L, 0x76D9CAACC61B6870L, 0xA7A6E96A5BE18EB9L,
            0x4A6D8C8CB7AB9234L, 0x2471440903895716L, 0x69AEA7699ABF3484L,
            0x49E8D867C0AC8865L, 0xD3928F8D2530D5EEL, 0x8A1F4D8F4C9045FEL,
            0xEAFEFBF83AB62C32L, 0x1BE3BA2EA41289BEL, 0x7ACAEF6AE2F7A5B6L,
            0x5C320A0D2707057FL, 0x7BBABBC45729D17EL, 0xF3980C34BAE65DC1L,
            0x37082D58BA4215F9L, 0x6ACEF358C3E521BDL, 0x2C0A027BBF50EC18L,
            0x7D90EA5F45D705CBL, 0x383A51C48C4F8F4CL, 0x31BF591B718974D1L,
            0x4063B91780ECA3E6L, 0xFE37944EE4DE1188L, 0x62C6DCE103A4F939L,
            0x68372688B22C91BDL, 0x43A0F285258BFBD3L, 0xDB97AF1ABC152D81L,
            0x1EF3D95869E00AE6L, 0xF09091AF6C3D95D5L, 0x7FB26396EFCAA30FL,
            0xF9BAD4217AA6CFC7L, 0xB6A5A7DCAAC8D5D3L, 0xEA36B2CCA41AA5DBL,
            0x9D023A6680A69206L, 0x6DA6C43A8402B3D5L, 0x21B67DFF095C57D5L,
            0x51389DFE4EA33D31L, 0xF8C13E3AC3588869L, 0x624408EA804D589CL,
            0xE02B69577487C15BL, 0x4B92A391BC6CB1F1L, 0x5A85982492327A09L,
            0x66962B5F6D39B1CDL, 0x7521D2AC06453B07L, 0x90F6CB6D1DB41380L,
            0x1A4B207385051B55L, 0xB8016EEFF392BE5DL, 0xE2F2AEA4F6C4A4C1L,
            0xEDE5C62DF22AB2D0L, 0xEFA0AD2D3E70C151L,
    };

    private static final long SEED = 0x9E3779B97F4A7C15L;

    private static final long[] REFERENCE_SEED_9E37 = {
            0xC4349FC93C010000L, 0x585882422A6165E7L, 0x641D1A59667AE544L,
            0x5ACB303E78133C22L, 0x7D51D5E2461732B3L, 0x7F8B72856A42BB63L,
            0xE9025E4E32C729E4L, 0x2CE9ADEC2B2C8104L, 0x758848F033FA76A2L,
            0xD4576CF554B7D929L, 0xE8B41976772424C5L, 0xE96560D0AA53CB57L,
            0xEAA6D4D803D21FD7L, 0x4CAC40DD02BDE820L, 0xA2655FFF7225FFFAL,
            0xA18D5C90D722CEE3L, 0xE3594F9058B426E7L, 0xA0C8A40EF8F3A9F7L,
            0xFF0386A0513FBF6DL, 0xDB2B25FBBEB12A5CL, 0x45525F71657D38D8L,
            0xC1C8E43136920400L, 0x90AB7B1B934EB633L, 0x1C67B969B8E6AF9DL,
            0xD8E4876E939CD5D4L, 0x427F8E1EF2F5ACBAL, 0x0B5290A5F9D9131BL,
            0x12AF0C2833FB02F5L, 0x3B964CB90C5E553CL, 0x477FB2E3617D6D67L,
            0x931913A0688DEAF8L, 0x8137041F5AF88413L, 0x184EBCF3745CD46CL,
            0x52FAC3C981F3CC2EL, 0xC16CFDBE42AE063EL, 0x04483606D3944CFBL,
            0xE29861E99AD805D0L, 0x2663FCC0301BE7AAL, 0x0AC936604B249F65L,
            0x5661126B7EFAF137L, 0x36758D31812C0E57L, 0x0C49FF942C4A576FL,
            0x68D5648B3C128A19L, 0x930D19B8032ADE86L, 0x588EE31C58A504D4L,
            0x5FBC30F7FD324E66L, 0x4C22E1EFED3D9A66L, 0x37B10E45D45D4DF1L,
            0x456B6C6271122051L, 0xFFEACAD62BAAD04FL, 0x84D0663CEF61BADEL,
            0x8E483B7BE2F48861L, 0xFB4BEC86D4114D38L, 0xCF4027AE31DB2FE5L,
            0x8C8EF993013610B7L, 0x8CCD7666967EBFA3L, 0xA06A3809D3B00D2EL,
            0xD226B9589C4D7D11L, 0xFCD41A6FFC88D404L, 0x43CB35148A1F9001L,
            0x500E74A23A5132E3L, 0x6C24FB598769BDFDL, 0x7C4E9E4A7B1DDE56L,
            0x64EF99A2E94CC7BDL, 0xF7F22435FE1AB128L, 0x7A0B76A812617C73L,
            0x0D3C592AA743028FL, 0xA17E42535D405A8CL, 0x42D1D555A2FABB3DL,
            0xB14A43304A5D69F6L, 0xF119DDFAC3276859L, 0x2917AB0CFCAD93C2L,
            0x18F08483AB955731L, 0x87E5E0786264D936L, 0x9915E122BECAFDF5L,
            0x345E0990BFCED4E2L, 0x37EAE5A84BA626F0L, 0xCED145194CC71D33L,
            0x0578633EC7EBC18EL, 0x6E6D0FEAB71C1D51L, 0x9E053F3178B1FC90L,
            0x1D4112A328FA9966L, 0xC70D6A9CC1CAD27FL, 0x1454C13075A8B4EEL,
            0x567ED9DFF5E92DEBL, 0x8B8512454BC6494AL, 0xF3E882A543CFF89DL,
            0xE57C0C585D39D0E6L, 0x19098B2F6F1E72E6L, 0xB56263FEBC09684BL,
            0xF3808A17B8F366D0L, 0xC1B582A4345F2089L, 0x348804B4BCCAD35CL,
            0xD0438171A26439EBL, 0x12741ABF72C42F93L, 0x355C5A404499B036L,
            0x8CA91B1316D13AF8L, 0x4EC794AABAAA40F5L, 0x495BB12BBDAB567DL,
            0x80622C1E4684228FL, 0xBC7AB33BE7528C18L,
    };

    /** Deterministic test input: byte i is (i * 31 + 7) mod 256. */
    private static byte[] data(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    @ParameterizedTest
    @CsvSource({
        "'', EF46DB3751D8E999",
        "a, D24EC4F1A98C6E5B",
        "abc, 44BC2CF5AD770999",
        "Nobody inspects the spammish repetition, FBCEA83C8A378BF1",
    })
    void matchesPublishedValues(String text, String expectedHex) {
        long expected = Long.parseUnsignedLong(expectedHex, 16);
        assertThat(Xxh64.hash(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
        assertThat(Xxh64.hash(text.getBytes(StandardCharsets.US_ASCII), 0L)).isEqualTo(expected);
    }

    @Test
    void matchesReferenceForEveryLengthUpTo100() {
        assertThat(REFERENCE_SEED_0).hasSize(101);
        assertThat(REFERENCE_SEED_9E37).hasSize(101);
        for (int n = 0; n <= 100; n++) {
            byte[] input = data(n);
            assertThat(Xxh64.hash(input)).as("length %d, seed 0", n).isEqualTo(REFERENCE_SEED_0[n]);
            assertThat(Xxh64.hash(input, SEED)).as("length %d, seed %x", n, SEED).isEqualTo(REFERENCE_SEED_9E37[n]);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1000, 99594F4828043D35, 44B2E23187D61C00",
        "4096, E21174BE82DC78D9, 471A98BE64CA8A05",
        "65537, EC80F22FCACFF852, F59276CADC63DDE1",
    })
    void matchesReferenceForLongInputs(int length, String seed0Hex, String seedAllOnesHex) {
        byte[] input = data(length);
        assertThat(Xxh64.hash(input)).isEqualTo(Long.parseUnsignedLong(seed0Hex, 16));
        assertThat(Xxh64.hash(input, -1L)).isEqualTo(Long.parseUnsignedLong(seedAllOnesHex, 16));
    }

    @Test
    void agreesWithIndependentImplementationOnRandomInputs() {
        SplittableRandom random = new SplittableRandom(20240611L);
        for (int i = 0; i < 5_000; i++) {
            int length = i < 300 ? i : random.nextInt(2_000);
            byte[] input = new byte[length];
            random.nextBytes(input);
            long seed = random.nextLong();
            assertThat(Xxh64.hash(input, seed))
                    .as("length %d seed %x", length, seed)
                    .isEqualTo(SpecXxh64.hash(input, seed));
        }
    }

    @Test
    void seedChangesResult() {
        byte[] input = data(40);
        assertThat(Xxh64.hash(input, 1L)).isNotEqualTo(Xxh64.hash(input, 0L));
    }

    @Test
    void doesNotModifyInput() {
        byte[] input = data(77);
        Xxh64.hash(input, 42L);
        assertThat(input).isEqualTo(data(77));
    }

    @Test
    void rejectsNullInput() {
        assertThatThrownBy(() -> Xxh64.hash(null)).isInstanceOf(NullPointerException.class);
    }

    /**
     * A second, deliberately plain transcription of the spec, structured differently from the
     * production code (ByteBuffer little-endian reads, hand-written rotations, lanes in an array),
     * used only to cross-check it on inputs the reference table does not cover.
     */
    private static final class SpecXxh64 {
        private static final long PRIME64_1 = 0x9E3779B185EBCA87L;
        private static final long PRIME64_2 = 0xC2B2AE3D27D4EB4FL;
        private static final long PRIME64_3 = 0x165667B19E3779F9L;
        private static final long PRIME64_4 = 0x85EBCA77C2B2AE63L;
        private static final long PRIME64_5 = 0x27D4EB2F165667C5L;

        static long hash(byte[] input, long seed) {
            ByteBuffer buffer = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
            long acc;
            if (input.length < 32) {
                acc = seed + PRIME64_5;
            } else {
                long[] lanes = {seed + PRIME64_1 + PRIME64_2, seed + PRIME64_2, seed, seed - PRIME64_1};
                while (buffer.remaining() >= 32) {
                    for (int lane = 0; lane < 4; lane++) {
                        lanes[lane] = round(lanes[lane], buffer.getLong());
                    }
                }
                acc = rotl(lanes[0], 1) + rotl(lanes[1], 7) + rotl(lanes[2], 12) + rotl(lanes[3], 18);
                for (long lane : lanes) {
                    acc = (acc ^ round(0, lane)) * PRIME64_1 + PRIME64_4;
                }
            }
            acc += input.length;
            while (buffer.remaining() >= 8) {
                acc = rotl(acc ^ round(0, buffer.getLong()), 27) * PRIME64_1 + PRIME64_4;
            }
            if (buffer.remaining() >= 4) {
                acc = rotl(acc ^ (Integer.toUnsignedLong(buffer.getInt()) * PRIME64_1), 23) * PRIME64_2 + PRIME64_3;
            }
            while (buffer.hasRemaining()) {
                acc = rotl(acc ^ (Byte.toUnsignedLong(buffer.get()) * PRIME64_5), 11) * PRIME64_1;
            }
            acc = (acc ^ (acc >>> 33)) * PRIME64_2;
            acc = (acc ^ (acc >>> 29)) * PRIME64_3;
            return acc ^ (acc >>> 32);
        }

        private static long round(long acc, long input) {
            return rotl(acc + input * PRIME64_2, 31) * PRIME64_1;
        }

        private static long rotl(long value, int bits) {
            return (value << bits) | (value >>> (64 - bits));
        }
    }
}
