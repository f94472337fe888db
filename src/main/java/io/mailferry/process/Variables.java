package io.mailferry.process;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed reads of process variables, which arrive from forms and REST as whatever JSON number type they were sent in. */
public final class Variables {
    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
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
        return HUMAN.format(instant);
    }

    /** "3 days", "1 hour", "15 minutes": durations as the forms show them, in the largest whole unit. */
    public static String human(Duration duration) {
        if (duration.toDays() > 0 && duration.toHours() % 24 == 0) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toHours() > 0 && duration.toMinutes() % 60 == 0) {
            return plural(duration.toHours(), "hour");
        }
        if (duration.toMinutes() > 0 && duration.toSeconds() % 60 == 0) {
            return plural(duration.toMinutes(), "minute");
        }
        return plural(duration.toSeconds(), "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
