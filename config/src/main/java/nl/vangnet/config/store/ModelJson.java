package nl.vangnet.config.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import nl.vangnet.config.model.Device;

/**
 * JSON (de)serialisation of the model records, for the store's TEXT body columns and the audit log's before/after
 * snapshots. The output is deterministic: properties and map keys sorted alphabetically, set elements sorted
 * (enums by declaration order, other values by natural order), dates and instants as ISO-8601 text, no whitespace.
 * Only record components are written (no derived {@code isX()} accessors).
 *
 * <p>{@link #audit(Object)} never reveals a device's proxy password hash: it is replaced by {@value #REDACTED}.
 *
 * <p>Thread-safe: one immutable, shared Jackson mapper.
 */
public final class ModelJson {
    /** What the audit log shows instead of a device's proxy password hash (when one is set). */
    public static final String REDACTED = "***";

    private static final ModelJson INSTANCE = new ModelJson();

    private final JsonMapper mapper;

    private ModelJson() {
        SimpleModule sortedSets = new SimpleModule("vangnet-sorted-sets");
        sortedSets.setSerializerModifier(new BeanSerializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public JsonSerializer<?> modifyCollectionSerializer(SerializationConfig config, CollectionType type,
                    BeanDescription beanDesc, JsonSerializer<?> serializer) {
                return Set.class.isAssignableFrom(type.getRawClass()) ? new SortedSetSerializer() : serializer;
            }
        });
        mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(sortedSets)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                .build();
    }

    /** The shared instance. */
    public static ModelJson instance() {
        return INSTANCE;
    }

    /** {@code value} as compact, deterministic JSON text. */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads JSON text written by {@link #write} back into a {@code type}. */
    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code entity} as JSON for the audit log's before/after, or {@code null} for {@code null}. Like
     * {@link #write}, except that a {@link Device}'s {@code proxyPasswordHash} is replaced by {@value #REDACTED}
     * when set (and stays {@code null} when not).
     */
    public String audit(Object entity) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof Device device) {
            ObjectNode node = mapper.valueToTree(device);
            if (device.proxyPasswordHash() != null) {
                node.put("proxyPasswordHash", REDACTED);
            }
            return write(node);
        }
        return write(entity);
    }

    /** Serialises any {@link Set} as a JSON array in a stable order, so that equal sets give equal JSON. */
    private static final class SortedSetSerializer extends StdSerializer<Set<?>> {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings({"unchecked", "rawtypes"})
        SortedSetSerializer() {
            super((Class) Set.class);
        }

        @Override
        public void serialize(Set<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            List<Object> sorted = new ArrayList<>(value);
            sorted.sort(ModelJson::compareElements);
            provider.defaultSerializeValue(sorted, gen);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Set<?> value) {
            return value.isEmpty();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareElements(Object a, Object b) {
        if (a == null || b == null) {
            return Comparator.<Object, Boolean>comparing(o -> o != null).compare(a, b);
        }
        if (a instanceof Comparable && a.getClass() == b.getClass()) {
            return ((Comparable) a).compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
