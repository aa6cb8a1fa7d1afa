package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.spi.InProcessInterruptSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** {@code --dispatch thread|shared[:THREADS]} and the measuring source's unwrap, which the shared dispatcher looks through. */
class DispatchOptionTest {

    private final DispatchOption.Converter converter = new DispatchOption.Converter();

    @Test
    void threadSharedAndSharedWithACount() {
        assertThat(converter.convert("thread")).isEqualTo(DispatchOption.THREAD);
        assertThat(converter.convert("thread").shared()).isFalse();
        assertThat(converter.convert("shared:3")).isEqualTo(new DispatchOption(3));
        assertThat(converter.convert("shared:64").toString()).isEqualTo("shared:64");
        assertThat(converter.convert("shared").sharedThreads())
                .isEqualTo(Math.min(64, Runtime.getRuntime().availableProcessors()));
        assertThat(DispatchOption.THREAD.open(getClass().getClassLoader())).as("thread opens nothing").isNull();
    }

    @Test
    void badValuesNameTheValueAndTheSyntax() {
        assertThatThrownBy(() -> converter.convert("shared:0")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'shared:0': THREADS 0 is out of range (expected: 1 <= THREADS <= 64, such as shared:2)");
        assertThatThrownBy(() -> converter.convert("shared:65")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("THREADS 65 is out of range");
        assertThatThrownBy(() -> converter.convert("shared:two")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("THREADS 'two' is not a whole number");
        assertThatThrownBy(() -> converter.convert("threads")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'threads' is not a dispatch (expected: thread, shared or shared:THREADS, such as --dispatch shared:2)");
    }

    @Test
    void theMeasuringSourceUnwrapsToTheMeasuredOne() {
        InProcessInterruptSource source = new InProcessInterruptSource("s", 1);
        assertThat(new MeasuringSource(source).unwrap()).isSameAs(source);
        assertThat(new MeasuringSource(new MeasuringSource(source)).unwrap()).isSameAs(source);
    }
}
