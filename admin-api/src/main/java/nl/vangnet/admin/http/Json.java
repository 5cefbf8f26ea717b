package nl.vangnet.admin.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.vangnet.config.model.PhaseOutStep;

/**
 * The admin API's JSON: one configured {@link ObjectMapper} (ISO-8601 dates, unknown fields refused) and the reading
 * of request bodies into request records, with a {@code 400} problem naming the field when a body cannot be read.
 * Thread-safe (the mapper is configured once and then only used).
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addMixIn(PhaseOutStep.class, DerivedUnrestricted.class);

    /** {@code PhaseOutStep.isUnrestricted()} is derived from {@code profileId}: neither shown nor read. */
    @JsonIgnoreProperties({"unrestricted"})
    private interface DerivedUnrestricted {
    }

    private Json() {
    }

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads the request body as {@code type}.
     *
     * @throws ApiException 400 naming the field for unreadable JSON, an unknown field or a value of the wrong type
     */
    public static <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiException.badParameter("body", "a JSON object is required");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badParameter("body", "a JSON object is required, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw problem(e, "unknown field; known fields: " + e.getKnownPropertyIds());
        } catch (InvalidFormatException e) {
            throw problem(e, "'" + e.getValue() + "' is not " + expected(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw problem(e, "expected " + expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw problem(e, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badParameter("body", "not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private static ApiException problem(JsonMappingException e, String message) {
        String field = path(e.getPath());
        return ApiException.badParameter(field.isEmpty() ? "body" : field, message);
    }

    /** The JSON path of a mapping problem, e.g. {@code phaseOut[1].from}. */
    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        Map<String, String> names = Map.of("LocalDate", "a date (yyyy-mm-dd)", "LocalTime", "a time (hh:mm)",
                "Instant", "an instant (e.g. 2026-01-15T09:30:00Z)", "long", "a whole number",
                "Long", "a whole number", "int", "a whole number", "Integer", "a whole number",
                "boolean", "true or false", "Boolean", "true or false", "String", "a string");
        String simple = type.getSimpleName();
        if (names.containsKey(simple)) {
            return names.get(simple);
        }
        if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object (" + simple + ")";
    }
}
