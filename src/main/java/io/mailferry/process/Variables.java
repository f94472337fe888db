package io.mailferry.process;

import io.mailferry.dns.HumanText;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed reads of process variables, which arrive from forms and REST as whatever JSON number type they were sent in. */
public final class Variables {

    private Variables() {}

    public static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("Process variable '" + name + "' is missing");
        }
        return value.toString().trim();
    }

    public static String stringOr(VariableScope scope, String name, String fallback) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank()
                ? fallback
                : value.toString().trim();
    }

    public static long number(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && s.matches("\\d+")) {
            return Long.parseLong(s);
        }
        throw new IllegalStateException("Process variable '" + name + "' should be a number but is " + value);
    }

    /** The number, or null when the variable is not set (a step called with one id or another). */
    public static Long numberOrNull(VariableScope scope, String name) {
        return scope.getVariable(name) == null ? null : number(scope, name);
    }

    public static int increment(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        int next = (value instanceof Number n ? n.intValue() : 0) + 1;
        scope.setVariable(name, next);
        return next;
    }

    /** Sets {@code name} only when the process was not started with a value for it. */
    public static void setDefault(VariableScope scope, String name, Object value) {
        if (scope.getVariable(name) == null) {
            scope.setVariable(name, value);
        }
    }

    public static Date date(Instant instant) {
        return Date.from(instant);
    }

    public static String human(Instant instant) {
        return HumanText.instant(instant);
    }

    /** "3 days", "1 hour", "15 minutes": durations as the forms show them, in the largest whole unit. */
    public static String human(Duration duration) {
        return HumanText.duration(duration);
    }
}
