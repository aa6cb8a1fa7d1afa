package io.github.irq4j.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Class files given to {@code irq4j verify} (and the Maven plugin) come from outside: whatever bytes
 * they hold, the static verifier reports an {@link InputError} for what it cannot read and goes on;
 * no exception may leave {@link StaticVerifier#verifyBytes}, nor the text and SARIF reports of
 * its result.
 * <p>
 * The input is a real compiled driver (one of the samples, which exercise every lock rule: passive
 * and spin-lock interrupts, try-lock, DPC, work items, I/O queues), mutated where the fuzzer says:
 * bytes overwritten, inserted or cut. Starting from valid classes gets the fuzzer past the
 * magic/version/constant-pool checks into the analysis itself, which raw bytes would rarely reach.
 */
class StaticVerifierFuzzTest {

    /** The samples' classes the mutations start from. */
    private static final List<String> BASES = List.of(
            "io/github/irq4j/samples/SequentialUartDriver",
            "io/github/irq4j/samples/SeedUartDriver",
            "io/github/irq4j/samples/SpinLockTimerDriver",
            "io/github/irq4j/samples/ParallelUartDriver",
            "io/github/irq4j/samples/BrokenSequentialUartDriver",
            "io/github/irq4j/samples/EventFdWorkItemDriver",
            "io/github/irq4j/samples/EduDriver",
            "io/github/irq4j/samples/QuadratureEncoderDriver");
    private static final List<byte[]> BASE_BYTES = BASES.stream().map(StaticVerifierFuzzTest::load).toList();

    private static byte[] load(String name) {
        try (InputStream in = StaticVerifierFuzzTest.class.getClassLoader().getResourceAsStream(name + ".class")) {
            assertThat(in).as("class file of %s on the test class path", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "12s")
    void mutatedClassFiles(FuzzedDataProvider data) {
        int base = data.consumeInt(0, BASES.size() - 1);
        byte[] bytes = mutate(BASE_BYTES.get(base), data);
        // the mutated class beside an intact one: the analysis follows calls across the input's classes
        int neighbour = (base + 1) % BASES.size();
        Map<String, byte[]> input = new LinkedHashMap<>();
        input.put("fuzzed/" + BASES.get(base) + ".class", bytes);
        input.put(BASES.get(neighbour) + ".class", BASE_BYTES.get(neighbour));

        VerificationResult result = new StaticVerifier().verifyBytes(input);

        assertThat(result).isNotNull();
        assertThat(result.exitCode()).isBetween(VerificationResult.EXIT_CLEAN, VerificationResult.EXIT_BAD_INPUT);
        for (InputError e : result.errors()) {
            assertThat(e.message()).as("an input error says what was wrong").isNotBlank();
        }
        StringBuilder text = new StringBuilder();
        new TextReport().write(result, text);
        StringBuilder sarif = new StringBuilder();
        new SarifReport().write(result, sarif);
        assertThat(sarif).startsWith("{");
    }

    /** Up to 8 edits of {@code original}, as the fuzzer chooses them; the rest of the input is appended. */
    static byte[] mutate(byte[] original, FuzzedDataProvider data) {
        byte[] b = original.clone();
        int edits = data.consumeInt(0, 8);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int kind = data.consumeInt(0, 3);
            int at = data.consumeInt(0, b.length - 1);
            switch (kind) {
                case 0 -> b[at] = data.consumeByte();                         // overwrite one byte
                case 1 -> {                                                    // overwrite a run
                    byte[] run = data.consumeBytes(data.consumeInt(1, 8));
                    System.arraycopy(run, 0, b, at, Math.min(run.length, b.length - at));
                }
                case 2 -> {                                                    // insert bytes
                    byte[] run = data.consumeBytes(data.consumeInt(1, 8));
                    byte[] n = new byte[b.length + run.length];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(run, 0, n, at, run.length);
                    System.arraycopy(b, at, n, at + run.length, b.length - at);
                    b = n;
                }
                default -> {                                                   // cut a range
                    int len = Math.min(data.consumeInt(1, 64), b.length - at);
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + len, n, at, b.length - at - len);
                    b = n;
                }
            }
        }
        return b;
    }
}
