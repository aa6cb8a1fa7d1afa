package io.github.irq4j;

/**
 * A queue's device-control callback. Mirrors {@code EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL}
 * ({@code EvtIoDeviceControl}). Same thread and lock rules as {@link IoRead}.
 */
@FunctionalInterface
public interface IoDeviceControl {
    /**
     * @param queue the queue that delivered the request
     * @param request the request
     * @param outputBufferLength the output buffer's size
     * @param inputBufferLength the input buffer's size
     * @param ioControlCode the control code
     */
    void onDeviceControl(IoQueue queue, Request request, long outputBufferLength, long inputBufferLength, int ioControlCode);
}
