package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link IoUring} against the real kernel: the layouts, arming, completions, close, errors. */
class IoUringTest {

    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(5);

    /** Polls {@code ring} for index 0 until it reports readable or 5 s pass. */
    private static boolean awaitReadable(IoUring ring) throws NativeIoException {
        long deadline = System.nanoTime() + DEADLINE_NS;
        while (System.nanoTime() - deadline < 0) {
            if (ring.takeReadable(0)) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** Lines of /proc/self/maps that map an io_uring (the kernel names them anon_inode:[io_uring]). */
    private static long ringMappings() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains("io_uring")).count();
    }

    private static long off(java.lang.foreign.StructLayout l, String f) {
        return l.byteOffset(MemoryLayout.PathElement.groupElement(f));
    }

    @Test
    void layoutsMatchTheKernelHeader() {
        // include/uapi/linux/io_uring.h: sizeof(struct io_uring_params) 120, io_uring_sqe 64, io_uring_cqe 16
        assertThat(IoUring.PARAMS.byteSize()).isEqualTo(120);
        assertThat(off(IoUring.PARAMS, "features")).isEqualTo(20);
        assertThat(off(IoUring.PARAMS, "sq_off")).isEqualTo(40);
        assertThat(off(IoUring.PARAMS, "cq_off")).isEqualTo(80);
        assertThat(IoUring.SQRING_OFFSETS.byteSize()).isEqualTo(40);
        assertThat(off(IoUring.SQRING_OFFSETS, "array")).isEqualTo(24);
        assertThat(off(IoUring.CQRING_OFFSETS, "cqes")).isEqualTo(20);
        assertThat(IoUring.SQE.byteSize()).isEqualTo(64);
        assertThat(off(IoUring.SQE, "fd")).isEqualTo(4);
        assertThat(off(IoUring.SQE, "len")).isEqualTo(24);
        assertThat(off(IoUring.SQE, "poll32_events")).isEqualTo(28);
        assertThat(off(IoUring.SQE, "user_data")).isEqualTo(32);
        assertThat(IoUring.CQE.byteSize()).isEqualTo(16);
        assertThat(off(IoUring.CQE, "res")).isEqualTo(8);
    }

    @Test
    void anArmedEventFdCompletesAfterEachWriteAndNotBefore() throws IOException {
        int efd = EventFd.create("uring test");
        IoUring ring = IoUring.open(4, "uring test");
        try {
            CallState st = CallState.forCurrentThread();
            ring.watch(0, efd);
            assertThat(ring.takeReadable(0)).as("armed, nothing written").isFalse();
            for (int i = 1; i <= 3; i++) {
                EventFd.write(efd, i, st, "uring test");
                assertThat(awaitReadable(ring)).as("a completion after write " + i).isTrue();
                assertThat(EventFd.read(efd, st, "uring test")).isEqualTo(i);
                assertThat(ring.takeReadable(0)).as("taken once").isFalse();
            }
            assertThat(ring.rearms()).as("the multishot poll stayed armed").isZero();
        } finally {
            ring.close();
            FileDescriptors.close(efd);
        }
    }

    @Test
    void aDescriptorReadableBeforeTheArmCompletesAtOnce() throws IOException {
        int efd = EventFd.create("uring early");
        IoUring ring = IoUring.open(1, "uring early");
        try {
            EventFd.write(efd, 5, CallState.forCurrentThread(), "uring early");
            ring.watch(0, efd);
            assertThat(awaitReadable(ring)).isTrue();
        } finally {
            ring.close();
            FileDescriptors.close(efd);
        }
    }

    @Test
    void closeUnmapsTheRingsAndClosesItsDescriptor() throws IOException {
        long mapsBefore = ringMappings();
        IoUring ring = IoUring.open(2, "uring close");
        int fd = ring.fd();
        assertThat(Files.exists(Path.of("/proc/self/fd/" + fd))).isTrue();
        assertThat(ringMappings()).isEqualTo(mapsBefore + 2);   // the rings and the SQE array
        ring.close();
        ring.close();   // idempotent
        assertThat(ringMappings()).isEqualTo(mapsBefore);
        Path link = Path.of("/proc/self/fd/" + fd);
        assertThat(!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || !Files.readSymbolicLink(link).toString().contains("io_uring")).as("descriptor %d after close", fd).isTrue();
        assertThat(ring.fd()).isEqualTo(-1);
        assertThatThrownBy(() -> ring.watch(0, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("uring close: io_uring used after close(); open a new one");
    }

    @Test
    void aBadDescriptorFailsWithItsErrnoAndTheDescriptor() throws IOException {
        IoUring ring = IoUring.open(1, "uring bad");
        // Closed after the ring is open, so the ring cannot have taken its number.
        int closed = EventFd.create("uring bad");
        FileDescriptors.close(closed);
        try {
            ring.watch(0, closed);
            long deadline = System.nanoTime() + DEADLINE_NS;
            NativeIoException failure = null;
            while (failure == null && System.nanoTime() - deadline < 0) {
                try {
                    ring.takeReadable(0);
                } catch (NativeIoException e) {
                    failure = e;
                }
            }
            assertThat(failure).as("the completion of a POLL_ADD on a closed descriptor").isNotNull();
            assertThat(failure.expectedErr()).isEqualTo(Errno.EBADF);
            assertThat(failure.getMessage()).contains("io_uring POLL_ADD", "uring bad descriptor " + closed, "EBADF",
                    "the descriptor is not open");
        } finally {
            ring.close();
        }
    }

    @Test
    void badArgumentsSayWhatIsExpected() throws IOException {
        assertThatThrownBy(() -> IoUring.open(0, "uring args")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uring args: io_uring entries 0 (expected: 1 <= entries <= 4096)");
        IoUring ring = IoUring.open(1, "uring args");
        try {
            assertThatThrownBy(() -> ring.watch(IoUring.MAX_WATCHED, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("uring args: io_uring watch index 64 (expected: 0 <= index < 64)");
            int efd = EventFd.create("uring args");
            try {
                ring.watch(0, efd);
                assertThatThrownBy(() -> ring.watch(0, efd)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("uring args: io_uring watch index 0 is already watching descriptor " + efd);
            } finally {
                ring.close();
                FileDescriptors.close(efd);
            }
        } finally {
            ring.close();
        }
    }

    @Test
    void anEventFdSourceOnTheRingDeliversAndItsDisconnectReleasesTheRing() throws IOException {
        long mapsBefore = ringMappings();
        EventFdSource source;
        System.setProperty(EventFdSource.COMPLETION_PROPERTY, "io_uring");
        try {
            source = new EventFdSource("efd-uring");
        } finally {
            System.clearProperty(EventFdSource.COMPLETION_PROPERTY);
        }
        try {
            assertThat(source.completesByRing()).isTrue();
            source.connect();
            assertThat(ringMappings()).isEqualTo(mapsBefore + 2);
            EventFdSourceTest.Recorder r = new EventFdSourceTest.Recorder();
            assertThat(source.poll(r)).isZero();
            source.signal(2);
            long deadline = System.nanoTime() + DEADLINE_NS;
            while (r.total() < 2 && System.nanoTime() - deadline < 0) {
                source.poll(r);
            }
            assertThat(r.signals).hasSize(1);
            assertThat(r.signals.get(0)).containsExactly(0, 2);
            assertThat(source.lostSignals(0)).as("count 2 in one read: one coalesced").isEqualTo(1);
            source.disconnect();
            assertThat(ringMappings()).isEqualTo(mapsBefore);
        } finally {
            source.disconnect();
            source.close();
        }
    }

    @Test
    void anUnknownCompletionModeIsRefusedByName() {
        System.setProperty(EventFdSource.COMPLETION_PROPERTY, "aio");
        try {
            assertThatThrownBy(() -> new EventFdSource("efd-bad")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("efd-bad: -Dirq4j.linux.eventfd.completion=aio (expected: read or io_uring)");
        } finally {
            System.clearProperty(EventFdSource.COMPLETION_PROPERTY);
        }
    }
}
