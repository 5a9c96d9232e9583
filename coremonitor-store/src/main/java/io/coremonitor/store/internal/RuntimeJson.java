package io.coremonitor.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The JSON form of a runtime mapping in its column, and the hash of a definition. */
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
