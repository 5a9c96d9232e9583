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

    /** Checks {@code yaml} with the compose loader: valid, without warnings. Returns the definition it loads. */
    static ComposeDefinition loads(String yaml) {
        ValidationReport report = ComposeLoader.validate(yaml, Map.of());
        assertThat(report.errors()).as("errors of\n%s", yaml).isEmpty();
        assertThat(report.warnings()).as("warnings of\n%s", yaml).isEmpty();
        return report.definition().orElseThrow();
    }
}
