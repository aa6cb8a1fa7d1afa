package io.github.irq4j.verify;

import org.objectweb.asm.Type;

/**
 * A method where a bound on paths was hit, so that some paths were not followed: its findings
 * are reported, but it is not known to be clean.
 *
 * @param className the class, dotted
 * @param methodName the method's name
 * @param methodDescriptor the method's JVM descriptor
 * @param reason which bound was hit, and where
 */
public record Truncation(String className, String methodName, String methodDescriptor, String reason) {

    /** The method as a reader writes it: {@code com.example.Queue.contains(Object)}. */
    public String method() {
        StringBuilder sb = new StringBuilder(className).append('.').append(methodName).append('(');
        Type[] args = Type.getArgumentTypes(methodDescriptor);
        for (int i = 0; i < args.length; i++) {
            String n = args[i].getClassName();
            sb.append(i == 0 ? "" : ", ").append(n.substring(n.lastIndexOf('.') + 1));
        }
        return sb.append(')').toString();
    }

    /** One line for reports: the method, what was not followed, and what to do. */
    public String message() {
        return method() + ": not every path was followed (" + reason + "); findings on the paths followed are reported, "
                + "the rest of the method is unchecked";
    }
}
