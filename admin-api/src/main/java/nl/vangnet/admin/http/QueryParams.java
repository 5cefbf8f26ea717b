package nl.vangnet.admin.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads typed query and path parameters, with a 400 problem naming the parameter when a value cannot be read.
 * Stateless and thread-safe.
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** An integer query parameter in {@code [min, max]}, or {@code fallback} when absent. */
    public static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        long v = parseLong(name, raw);
        if (v < min || v > max) {
            throw ApiException.badParameter(name, "must be from " + min + " to " + max + ", not " + raw.strip());
        }
        return (int) v;
    }

    /** A whole-number query parameter, or {@code null} when absent. */
    public static Long longParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? null : parseLong(name, raw);
    }

    /** A positive id in the path. */
    public static long id(Context ctx, String name) {
        long v = parseLong(name, ctx.pathParam(name));
        if (v < 1) {
            throw ApiException.notFound("there is no resource with " + name + " " + v);
        }
        return v;
    }

    /** A date ({@code yyyy-mm-dd}) query parameter, or {@code null} when absent. */
    public static LocalDate date(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "'" + raw.strip() + "' is not a date (yyyy-mm-dd)");
        }
    }

    /** An instant (ISO-8601, e.g. {@code 2026-01-15T09:30:00Z}) query parameter, or {@code null} when absent. */
    public static Instant instant(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "'" + raw.strip()
                    + "' is not an instant (ISO-8601 in UTC, e.g. 2026-01-15T09:30:00Z)");
        }
    }

    /** An enum query parameter (case-insensitive), or {@code null} when absent. */
    public static <E extends Enum<E>> E enumParam(Context ctx, String name, Class<E> type) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(name, "'" + raw.strip() + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static long parseLong(String name, String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + raw.strip() + "' is not a whole number");
        }
    }
}
