package io.coremonitor.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.ValidationReport;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The catalogs and checks the catalog tests share. */
final class CatalogFixtures {

    private CatalogFixtures() {
    }

    /** The built-in components and the test components of {@code src/test/resources/catalog-test}. */
    static Catalog withTestComponents() {
        return CatalogLoader.load(Optional.of(testDirectory()));
    }

    static Path testDirectory() {
        try {
            return Path.of(Objects.requireNonNull(CatalogFixtures.class.getClassLoader().getResource("catalog-test")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks {@code yaml} with the compose loader: valid, or (until issue 15 adds compose secrets) refused only for its
     * {@code secrets} keys. Returns the definition loaded once those keys are taken out.
     */
    static ComposeDefinition loadsModuloSecrets(String yaml) {
        ValidationReport report = ComposeLoader.validate(yaml, Map.of());
        assertThat(report.errors()).allSatisfy(e -> assertThat(e.path()).matches("(.*\\.)?secrets"));
        assertThat(report.warnings()).isEmpty();
        return ComposeLoader.load(withoutSecrets(yaml));
    }

    /** The YAML without its {@code secrets:} blocks (top-level and per service), as block style writes them. */
    static String withoutSecrets(String yaml) {
        StringBuilder out = new StringBuilder();
        int skipIndent = -1;
        for (String line : yaml.split("\n", -1)) {
            int indent = line.length() - line.stripLeading().length();
            boolean inside = line.isBlank() || indent > skipIndent || line.stripLeading().startsWith("- ") && indent >= skipIndent;
            if (skipIndent >= 0 && inside) {
                continue;
            }
            skipIndent = -1;
            if (line.stripLeading().startsWith("secrets:")) {
                skipIndent = indent;
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
