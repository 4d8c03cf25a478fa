package dev.deepfakeguard.keycloak.metrics;

import dev.deepfakeguard.keycloak.contract.ReasonCodes;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code reason} tag of a decision: its first reason code, if it is one of ours. A scorer may send any
 * lower-snake code; those become {@code other}, so no remote service can grow the number of series.
 */
final class ReasonTag {

    static final String NONE = "none";
    static final String OTHER = "other";
    private static final Set<String> KNOWN = Arrays.stream(ReasonCodes.class.getFields())
            .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
            .map(ReasonTag::valueOf)
            .collect(Collectors.toUnmodifiableSet());

    private ReasonTag() {
    }

    static String of(List<String> reasons) {
        if (reasons == null || reasons.isEmpty()) {
            return NONE;
        }
        String first = reasons.get(0);
        return KNOWN.contains(first) ? first : OTHER;
    }

    private static String valueOf(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
