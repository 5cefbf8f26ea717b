package nl.vangnet.admin.http;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Parameterised response types for {@link Endpoint#responseBody()}. Stateless and thread-safe. */
public final class Types {
    private Types() {
    }

    /** {@code Page<item>}. */
    public static Type pageOf(Class<?> item) {
        return new Parameterized(Page.class, item);
    }

    /** {@code List<item>}. */
    public static Type listOf(Class<?> item) {
        return new Parameterized(List.class, item);
    }

    private record Parameterized(Class<?> raw, Type arg) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {arg};
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && raw.equals(p.getRawType()) && p.getOwnerType() == null
                    && Arrays.equals(getActualTypeArguments(), p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(getActualTypeArguments()) ^ Objects.hashCode(raw);
        }

        @Override
        public String toString() {
            return raw.getName() + "<" + arg.getTypeName() + ">";
        }
    }
}
