package io.github.irq4j.verify;

import org.objectweb.asm.ClassReader;

/**
 * Checks, before ASM reads a class file's members, that every 4-byte length in it fits the bytes
 * that are there: each attribute's {@code attribute_length} (of the class, its fields, methods,
 * record components, and the attributes inside {@code Code}) and each {@code code_length}.
 * <p>
 * Why: ASM allocates what these lengths say before it copies (an unknown attribute becomes a
 * {@code byte[attribute_length]}, code gets a {@code Label[code_length + 1]}), so one corrupt
 * length of 2 GB in a 20-byte file ran the verifier out of memory (found by
 * {@code StaticVerifierFuzzTest}; its input is kept as a regression input there). The 2-byte
 * counts ASM reads are at most 65,535 and need no check. The constant pool was already walked
 * by {@link ClassReader}'s constructor; this starts at {@link ClassReader#header}.
 */
final class ClassFileBounds {

    private final ClassReader reader;
    private final int end;
    private final char[] buf;

    private ClassFileBounds(ClassReader reader, int end) {
        this.reader = reader;
        this.end = end;
        this.buf = new char[reader.getMaxStringLength()];
    }

    /**
     * @param bytes the class file {@code reader} was made from
     * @return null if every length fits, else what does not, for an {@link InputError}
     */
    static String check(ClassReader reader, byte[] bytes) {
        try {
            return new ClassFileBounds(reader, bytes.length).classFile();
        } catch (Bounds e) {
            return e.getMessage();
        } catch (IndexOutOfBoundsException e) {
            return "its structure ends early or points outside its " + bytes.length + " bytes";
        }
    }

    private String classFile() {
        int p = reader.header + 6;                                     // access, this, super
        p = need(p, 2, "interfaces_count");
        p += 2 + 2 * reader.readUnsignedShort(p);
        for (int kind = 0; kind < 2; kind++) {                        // fields, then methods
            p = need(p, 2, kind == 0 ? "fields_count" : "methods_count");
            int count = reader.readUnsignedShort(p);
            p += 2;
            for (int i = 0; i < count; i++) {
                p = need(p, 8, kind == 0 ? "field_info" : "method_info") + 6;   // access, name, descriptor
                p = attributes(p, kind == 0 ? "field" : "method");
            }
        }
        attributes(p, "class");
        return null;
    }

    /** Checks the attribute table at {@code p} and what is nested in it; returns the offset after it. */
    private int attributes(int p, String owner) {
        p = need(p, 2, owner + " attributes_count");
        int count = reader.readUnsignedShort(p);
        p += 2;
        for (int i = 0; i < count; i++) {
            need(p, 6, owner + " attribute header");
            long length = reader.readInt(p + 2) & 0xFFFF_FFFFL;
            int start = p + 6;
            if (length > end - start) {
                throw new Bounds(owner + " attribute '" + name(p) + "' declares " + length + " bytes, only "
                        + (end - start) + " remain");
            }
            String name = name(p);
            if (name.equals("Code")) {
                code(start, (int) length);
            } else if (name.equals("Record")) {
                int q = need(start, 2, "Record components_count");
                int components = reader.readUnsignedShort(q);
                q += 2;
                for (int c = 0; c < components; c++) {
                    q = attributes(need(q, 4, "record_component_info") + 4, "record component");
                }
            }
            p = start + (int) length;
        }
        return p;
    }

    private void code(int start, int length) {
        need(start, 8, "Code header");
        long codeLength = reader.readInt(start + 4) & 0xFFFF_FFFFL;
        if (codeLength > length - 8) {
            throw new Bounds("Code attribute declares code_length " + codeLength + ", only " + (length - 8) + " bytes remain in it");
        }
        int p = need(start + 8 + (int) codeLength, 2, "exception_table_length");
        p += 2 + 8 * reader.readUnsignedShort(p);
        attributes(p, "Code");
    }

    private String name(int p) {
        try {
            return reader.readUTF8(p, buf);
        } catch (RuntimeException e) {
            return "#" + reader.readUnsignedShort(p);
        }
    }

    /** {@code p}, after checking that {@code n} bytes are there. */
    private int need(int p, int n, String what) {
        if (p < 0 || p > end - n) {
            throw new Bounds(what + " at offset " + p + " lies past the end (" + end + " bytes)");
        }
        return p;
    }

    /** What does not fit; {@link #check} turns it into its answer. */
    private static final class Bounds extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bounds(String message) {
            super(message, null, false, false);
        }
    }
}
