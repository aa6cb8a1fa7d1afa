package io.github.irq4j.samples;

import io.github.irq4j.Request;
import io.github.irq4j.RequestStatus;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * What the edu device is working on for {@link EduDriver}'s current request: which interrupt bit
 * ends it, and how its result is written into the request when it completes. A DMA round trip is
 * two commands, to the device and back.
 */
enum EduCommand {
    /** Nothing: an interrupt now completes no request. */
    NONE(0),
    /** A factorial; {@link EduRegisters#INT_FACTORIAL} ends it. */
    FACTORIAL(EduRegisters.INT_FACTORIAL),
    /** A doorbell raised by the driver; {@link EduDriver#INT_PING} ends it. */
    PING(EduDriver.INT_PING),
    /** A read: the same doorbell, answered with as many bytes of the latency as the read asked for. */
    DOORBELL_READ(EduDriver.INT_PING),
    /** The first leg of a DMA round trip, host memory to the device's buffer. */
    DMA_TO_DEVICE(EduRegisters.INT_DMA),
    /** The second leg, the device's buffer back to host memory. */
    DMA_TO_RAM(EduRegisters.INT_DMA);

    private final int interruptBit;

    EduCommand(int interruptBit) {
        this.interruptBit = interruptBit;
    }

    /** The interrupt status bit the device raises when this command is done; 0 for {@link #NONE}. */
    int interruptBit() {
        return interruptBit;
    }

    /**
     * Completes {@code request} with this command's result, outside the interrupt lock: a
     * factorial's {@code result} as a big-endian int, a ping's {@code latencyNs} as a big-endian
     * long (a read's: its first bytes, as many as the read asked for, at most 8), a DMA round trip's bytes read back from the second half of {@code dma}.
     */
    void complete(Request request, int result, long latencyNs, EduDmaWindow dma) {
        switch (this) {
            case FACTORIAL -> {
                request.retrieveOutputBuffer().putInt(0, result);
                request.completeWithInformation(RequestStatus.SUCCESS, Integer.BYTES);
            }
            case PING -> {
                request.retrieveOutputBuffer().putLong(0, latencyNs);
                request.completeWithInformation(RequestStatus.SUCCESS, Long.BYTES);
            }
            case DOORBELL_READ -> {
                int length = (int) Math.min(request.length(), Long.BYTES);
                ByteBuffer out = request.retrieveOutputBuffer();
                for (int k = 0; k < length; k++) {
                    out.put(k, (byte) (latencyNs >>> (8 * (Long.BYTES - 1 - k))));
                }
                request.completeWithInformation(RequestStatus.SUCCESS, length);
            }
            default -> {
                int length = (int) request.length();
                ByteBuffer out = request.retrieveOutputBuffer();
                MemorySegment back = dma.memory().asSlice(EduRegisters.DMA_BUFFER_SIZE, length);
                for (int k = 0; k < length; k++) {
                    out.put(k, back.get(ValueLayout.JAVA_BYTE, k));
                }
                request.completeWithInformation(RequestStatus.SUCCESS, length);
            }
        }
    }
}
