package io.coremonitor.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The JSON form of a runtime mapping and of a version's files in their columns, and the hash of a definition. */
public final class RuntimeJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RuntimeJson() {
    }

    public static String write(RuntimeMapping runtime) {
        try {
            return MAPPER.writeValueAsString(runtime);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialize a runtime mapping", e);
        }
    }

    public static RuntimeMapping read(String json) {
        try {
            return MAPPER.readValue(json, RuntimeMapping.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt runtime_mapping column: " + e.getOriginalMessage(), e);
        }
    }

    /** The files of a version as their column holds them: a JSON object sorted by path; null when there is none. */
    public static String writeFiles(Map<String, String> files) {
        if (files.isEmpty()) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(new TreeMap<>(files));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialize the files of a version", e);
        }
    }

    public static Map<String, String> readFiles(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt files column: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The hash of a version: SHA-256 of its canonical definition, or, when it has files, of the definition, a line
     * break and the files' column text.
     */
    public static String versionHash(String compose, Map<String, String> files) {
        return files.isEmpty() ? sha256(compose) : sha256(compose + "\n" + writeFiles(files));
    }

    /** SHA-256 of the text, lower-case hex. */
    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
