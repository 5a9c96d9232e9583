package io.coremonitor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Immutable, sorted copies used by the model records so that equal meanings give equal records. */
final class ModelCollections {

    private ModelCollections() {
    }

    static <V> Map<String, V> sortedMap(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    static List<String> sortedList(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.sort(copy);
        return List.copyOf(copy);
    }
}
