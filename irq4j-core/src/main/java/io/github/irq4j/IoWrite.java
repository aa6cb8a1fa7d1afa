package io.github.irq4j;

/**
 * A queue's write callback. Mirrors {@code EVT_WDF_IO_QUEUE_IO_WRITE} ({@code EvtIoWrite}). Same
 * thread and lock rules as {@link IoRead}.
 */
@FunctionalInterface
public interface IoWrite {
    /**
     * @param queue the queue that delivered the request
     * @param request the request
     * @param length the number of bytes to write (the input buffer's size)
     */
    void onWrite(IoQueue queue, Request request, long length);
}
