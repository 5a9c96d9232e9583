package io.coremonitor.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every key of the compose specification (the property names of its JSON schema, kept in
 * {@code compose-spec/compose-spec-keys.json} with where they come from) is either supported by Core Monitor's own schema
 * or refused by {@link Refusals} with a reason: no key is silently dropped, none refused without saying why. A key added
 * to the list fails this test until it is classified.
 */
class ComposeSpecConformanceTest {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeSpecConformanceTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where each context's properties are in Core Monitor's schema. */
    private static final Map<String, String> POINTERS = Map.ofEntries(
        Map.entry("top", "/properties"),
        Map.entry("service", "/definitions/service/properties"),
        Map.entry("deploy", "/definitions/service/properties/deploy/properties"),
        Map.entry("deploy.resources", "/definitions/service/properties/deploy/properties/resources/properties"),
        Map.entry("deploy.resources.limits", "/definitions/service/properties/deploy/properties/resources/properties/limits/properties"),
        Map.entry("deploy.resources.reservations",
            "/definitions/service/properties/deploy/properties/resources/properties/reservations/properties"),
        Map.entry("deploy.restart_policy", "/definitions/service/properties/deploy/properties/restart_policy/properties"),
        Map.entry("network", "/definitions/network/properties"),
        Map.entry("volume", "/definitions/volume/properties"),
        Map.entry("secret", "/definitions/secret/properties"),
        Map.entry("config", "/definitions/config/properties"),
        Map.entry("mount", "/definitions/service/properties/volumes/items/properties"),
        Map.entry("mount.bind", "/definitions/service/properties/volumes/items/properties/bind/properties"),
        Map.entry("mount.volume", "/definitions/service/properties/volumes/items/properties/volume/properties"),
        Map.entry("mount.tmpfs", "/definitions/service/properties/volumes/items/properties/tmpfs/properties"),
        Map.entry("hook", "/definitions/service_hook/properties"));

    /** The service keys refused today, each for its reason (see Refusals). */
    private static final List<String> REFUSED_SERVICE_KEYS = List.of("credential_spec", "develop", "gpus", "label_file",
        "scale");

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = ComposeSpecConformanceTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }

    private record Classified(List<String> kept, Map<String, String> refused, List<String> unclassified) {
    }

    private static Map<String, Classified> classify() throws IOException {
        JsonNode spec = read("/compose-spec/compose-spec-keys.json").path("contexts");
        JsonNode ours = read("/io/coremonitor/model/compose-schema.json");
        Map<String, Classified> out = new TreeMap<>();
        spec.fields().forEachRemaining(context -> {
            String pointer = POINTERS.get(context.getKey());
            assertThat(pointer).as("where context '%s' is in Core Monitor's schema", context.getKey()).isNotNull();
            JsonNode supported = ours.at(pointer);
            Classified c = new Classified(new ArrayList<>(), new TreeMap<>(), new ArrayList<>());
            for (JsonNode keyNode : context.getValue()) {
                String key = keyNode.asText();
                Optional<String> reason = Refusals.reason(context.getKey(), key);
                if (supported.has(key)) {
                    assertThat(reason).as("%s key '%s' is supported and refused at once", context.getKey(), key).isEmpty();
                    c.kept().add(key);
                } else if (reason.isPresent()) {
                    c.refused().put(key, reason.get());
                } else {
                    c.unclassified().add(key);
                }
            }
            out.put(context.getKey(), c);
        });
        return out;
    }

    @Test
    void everyKeyOfTheSpecificationIsSupportedOrRefusedWithAReason() throws IOException {
        Map<String, Classified> all = classify();
        all.forEach((context, c) -> {
            LOG.info("{}: {} kept, {} refused {}", context, c.kept().size(), c.refused().size(), c.refused().keySet());
            assertThat(c.unclassified()).as("%s keys neither in compose-schema.json nor in Refusals", context).isEmpty();
            c.refused().forEach((key, reason) -> assertThat(reason).as("the reason %s key '%s' is refused", context, key).isNotBlank());
        });
        assertThat(all).containsOnlyKeys(POINTERS.keySet());
    }

    @Test
    void serviceKeysKeptAndRefused() throws IOException {
        Classified service = classify().get("service");
        LOG.info("service keys: {} kept, {} refused", service.kept().size(), service.refused().size());
        assertThat(service.refused()).containsOnlyKeys(REFUSED_SERVICE_KEYS);
        assertThat(service.kept()).hasSize(88 - REFUSED_SERVICE_KEYS.size())
            .contains("blkio_config", "cpu_rt_runtime", "storage_opt", "links", "external_links", "volumes_from", "extends", "build",
                "post_start", "pre_stop");
    }

    @Test
    void refusalMessagesNameTheKeyAndTheReason() {
        assertThat(Refusals.message("service", "credential_spec")).startsWith("'credential_spec' is not supported by Core Monitor: ")
            .contains("Windows");
        assertThat(Refusals.message("service", "no_such_key")).isEqualTo(
            "unknown key 'no_such_key' (not part of the compose specification)");
    }
}
