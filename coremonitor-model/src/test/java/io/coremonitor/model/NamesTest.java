package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"shop", "my-app", "app_2", "0day", "a"})
    void validStackNames(String name) {
        assertThatCode(() -> Names.checkStackName(name)).doesNotThrowAnyException();
        assertThat(Names.isValidStackName(name)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"My-App", "-app", "_app", "app.web", "app web", "ünïcode",
        "a123456789012345678901234567890123456789012345678901234567890123"})
    void invalidStackNames(String name) {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> Names.checkStackName(name));
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("name");
            assertThat(error.message()).containsAnyOf("not a valid stack name", "is required", "too long");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "Web", "web.1", "web_1", "web-1", "1web"})
    void validResourceNames(String name) {
        assertThat(Names.isValidResourceName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".web", "-web", "_web", "web server", "web/1", "wéb"})
    void invalidResourceNames(String name) {
        assertThat(Names.isValidResourceName(name)).isFalse();
    }
}
