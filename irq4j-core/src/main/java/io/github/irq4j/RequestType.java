package io.github.irq4j;

/** The kind of an I/O request. Mirrors {@code WDF_REQUEST_TYPE} ({@code WdfRequestTypeRead}, ...). */
public enum RequestType {
    /** Delivered to {@link IoRead#onRead}; carries an output buffer. */
    READ,
    /** Delivered to {@link IoWrite#onWrite}; carries an input buffer. */
    WRITE,
    /** Delivered to {@link IoDeviceControl#onDeviceControl}; carries a control code and both buffers. */
    DEVICE_CONTROL
}
