package io.github.dlref.verify.oracle.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A type of component within a family (the {@code "type"} value of a layer, initializer, loss, regularizer,
 * optimizer, schedule or dataset object) and its settings (package-private: the schema of the spec format).
 */
record ComponentType(String family, String name, String description, List<Field> fields) {

    ComponentType {
        fields = List.copyOf(fields);
    }

    Map<String, Field> fieldMap() {
        Map<String, Field> map = new LinkedHashMap<>();
        for (Field f : fields) {
            map.put(f.name(), f);
        }
        return map;
    }

    Field field(String key) {
        for (Field f : fields) {
            if (f.name().equals(key)) {
                return f;
            }
        }
        return null;
    }
}
