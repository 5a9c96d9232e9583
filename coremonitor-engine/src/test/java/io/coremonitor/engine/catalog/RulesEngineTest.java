package io.coremonitor.engine.catalog;

import static io.coremonitor.engine.catalog.ComponentChoice.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ServiceSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules, one test each, showing the message and the fix; then the generated definition. */
class RulesEngineTest {

    private static final Catalog CATALOG = CatalogFixtures.withTestComponents();
    private static final Environment FREE = Environment.of(ValueGenerator.seeded(7));

    private static RulesResult evaluate(ComponentChoice... choices) {
        return evaluate(FREE, choices);
    }

    private static RulesResult evaluate(Environment environment, ComponentChoice... choices) {
        return RulesEngine.evaluate(CATALOG, WizardChoices.of("shop", choices), environment);
    }

    /** The one error of {@code result}, which must be at {@code path}. */
    private static RuleMessage onlyError(RulesResult result, String path) {
        assertThat(result.errors()).as("errors").hasSize(1);
        assertThat(result.compose()).isEmpty();
        RuleMessage error = result.errors().get(0);
        assertThat(error.path()).isEqualTo(path);
        return error;
    }

    private static void assertFix(RuleMessage m, String message, String fix) {
        assertThat(m.message()).isEqualTo(message);
        assertThat(m.fix()).contains(fix);
    }

    @Nested
    class Choices {

        @Test
        void unknownComponent() {
            RuleMessage e = onlyError(evaluate(of("postgres")), "components[0].component");
            assertFix(e, "there is no component 'postgres' in the catalog",
                "choose one of: application, mailer, mariadb, nginx, ping, pong, postgresql, redis, reporting, tomcat, wildfly");
            assertThat(e.suggestions()).contains("postgresql");
        }

        @Test
        void unknownVersion() {
            RuleMessage e = onlyError(evaluate(of("postgresql").version("14")), "components[0].version");
            assertFix(e, "PostgreSQL has no version '14'", "choose one of: 16, 15");
            assertThat(e.suggestions()).containsExactly("16", "15");
        }

        @Test
        void duplicateInstanceNames() {
            RuleMessage e = onlyError(evaluate(of("postgresql").named("db"), of("mariadb").named("db")), "components[1].name");
            assertFix(e, "the name 'db' is already the name of components[0]", "give this instance another name, such as db-2");
            assertThat(e.suggestions()).containsExactly("db-2");
        }

        @Test
        void invalidInstanceName() {
            RuleMessage e = onlyError(evaluate(of("redis").named("my cache")), "components[0].name");
            assertFix(e, "'my cache' is not a service name", "use letters, digits, '.', '_' and '-', starting with a letter or a digit");
        }

        @Test
        void invalidStackName() {
            RulesResult result = RulesEngine.evaluate(CATALOG, WizardChoices.of("My Shop", of("redis")), FREE);
            RuleMessage e = onlyError(result, "stackName");
            assertThat(e.message()).contains("My Shop");
            assertThat(e.fix()).contains("name the stack with lower-case letters, digits, '-' and '_'");
        }

        @Test
        void invalidImageOverride() {
            RuleMessage e = onlyError(evaluate(of("redis").image("Not An Image")), "components[0].image");
            assertFix(e, "'Not An Image' is not an image reference", "give an image such as redis:7, or leave it empty");
        }

        @Test
        void anApplicationHasNoImageToOverride() {
            RuleMessage e = onlyError(evaluate(of("tomcat"), of("application").image("tomcat:10.1")), "components[1].image");
            assertFix(e, "Application runs no image of its own: it is deployed into the service it is wired to",
                "leave the image empty");
        }
    }

    @Nested
    class Parameters {

        @Test
        void unknownParameter() {
            RuleMessage e = onlyError(evaluate(of("redis").param("password", "x")), "components[0].parameters.password");
            assertFix(e, "Redis 7 has no parameter 'password'", "remove it, or use one of: port");
        }

        @Test
        void missingRequiredParameter() {
            RuleMessage e = onlyError(evaluate(of("mailer")), "components[0].parameters.host");
            assertFix(e, "Mailer 2 needs a value for 'Relay host' (host)", "give a text");
        }

        @Test
        void anEmptyValueIsNoValue() {
            RuleMessage e = onlyError(evaluate(of("mailer").param("host", "")), "components[0].parameters.host");
            assertThat(e.message()).isEqualTo("Mailer 2 needs a value for 'Relay host' (host)");
        }

        @Test
        void notAWholeNumber() {
            RuleMessage e = onlyError(evaluate(of("mailer").param("host", "smtp").param("retries", "three")),
                "components[0].parameters.retries");
            assertFix(e, "Mailer 2, Retries: 'three' is not a whole number", "give a whole number");
        }

        @Test
        void notABoolean() {
            RuleMessage e = onlyError(evaluate(of("mailer").param("host", "smtp").param("tls", "yes")), "components[0].parameters.tls");
            assertFix(e, "Mailer 2, TLS: 'yes' is not true or false", "give true or false");
        }

        @Test
        void notOneOfTheValues() {
            RuleMessage e = onlyError(evaluate(of("mailer").param("host", "smtp").param("mode", "pop3")), "components[0].parameters.mode");
            assertFix(e, "Mailer 2, Mode: 'pop3' is not one of smtp, lmtp", "give one of: smtp, lmtp");
            assertThat(e.suggestions()).containsExactly("smtp", "lmtp");
        }

        @Test
        void notMatchingThePattern() {
            RuleMessage e = onlyError(evaluate(of("mailer").param("host", "smtp").param("sender", "Bob")),
                "components[0].parameters.sender");
            assertFix(e, "Mailer 2, Sender: 'Bob' does not match the pattern [a-z]+@[a-z.]+", "give a text matching [a-z]+@[a-z.]+");
        }

        @Test
        void aSecretValueIsNotRepeatedInAMessage() {
            RuleMessage e = onlyError(evaluate(of("postgresql").param("user", "Robert'); DROP")), "components[0].parameters.user");
            assertThat(e.message()).startsWith("PostgreSQL 16, User: 'Robert'); DROP' does not match");
            assertThat(e.fix()).contains("give a text matching [a-z_][a-z0-9_]{0,62}");
        }

        @Test
        void portOutOfRange() {
            RuleMessage e = onlyError(evaluate(of("nginx").param("port", "70000")), "components[0].parameters.port");
            assertFix(e, "nginx 1.27, Host port: '70000' is not a port (1 to 65535)", "give a port from 1 to 65535");
            RuleMessage word = onlyError(evaluate(of("nginx").param("port", "http")), "components[0].parameters.port");
            assertThat(word.message()).isEqualTo("nginx 1.27, Host port: 'http' is not a port (1 to 65535)");
        }
    }

    @Nested
    class Requirements {

        @Test
        void aMandatoryRequirementWithoutProvider() {
            RuleMessage e = onlyError(evaluate(of("application")), "components[0].wiring.container");
            assertFix(e, "Application needs servlet:jakarta@>=10 (container: the servlet container the WAR is deployed into) "
                + "and no chosen component provides it", "add one of: Tomcat 10.1, WildFly 39");
            assertThat(e.suggestions()).containsExactly("tomcat", "wildfly");
        }

        @Test
        void exactlyOneProviderIsWiredAutomatically() {
            RulesResult result = evaluate(of("tomcat"), of("application"));
            assertThat(result.errors()).isEmpty();
            assertThat(result.wiring()).containsExactly(new Wire("application", "container", "tomcat", true));
        }

        @Test
        void severalProvidersAskToChoose() {
            RuleMessage e = onlyError(evaluate(of("tomcat"), of("wildfly").param("port", "8081"), of("application")),
                "components[2].wiring.container");
            assertFix(e, "Application needs servlet:jakarta@>=10 (container: the servlet container the WAR is deployed into) and "
                + "several chosen components provide it: Tomcat 10.1, WildFly 39",
                "choose one of them in wiring.container: tomcat, wildfly");
            assertThat(e.suggestions()).containsExactly("tomcat", "wildfly");
        }

        @Test
        void theChoiceAmongSeveralProviders() {
            RulesResult result = evaluate(of("tomcat"), of("wildfly").param("port", "8081"),
                of("application").wire("container", "wildfly"));
            assertThat(result.errors()).isEmpty();
            assertThat(result.wiring()).containsExactly(new Wire("application", "container", "wildfly", false));
            assertThat(result.compose().orElseThrow()).contains("target: wildfly");
        }

        @Test
        void anOptionalRequirementWithSeveralProvidersIsAWarningAndStaysUnwired() {
            RulesResult result = evaluate(of("tomcat"), of("application"), of("postgresql"), of("mariadb"));
            assertThat(result.errors()).isEmpty();
            assertThat(result.warnings()).singleElement().satisfies(w -> {
                assertThat(w.path()).isEqualTo("components[1].wiring.database");
                assertThat(w.message()).isEqualTo("Application needs sql (database: the database the application uses (DB_URL, "
                    + "DB_USER, DB_PASSWORD_FILE)) and several chosen components provide it: PostgreSQL 16, MariaDB 11; "
                    + "it is left unwired");
                assertThat(w.fix()).contains("choose one of them in wiring.database: postgresql, mariadb (or leave it empty)");
            });
            assertThat(result.compose().orElseThrow()).doesNotContain("DB_URL");
        }

        @Test
        void anOptionalRequirementCanBeLeftUnwired() {
            RulesResult result = evaluate(of("nginx").wire("backend", ComponentChoice.NOT_WIRED), of("tomcat").param("port", "8081"));
            assertThat(result.errors()).isEmpty();
            assertThat(result.wiring()).isEmpty();
            assertThat(result.compose().orElseThrow()).doesNotContain("proxy_pass");
        }

        @Test
        void aMandatoryRequirementCannotBeLeftUnwired() {
            RuleMessage e = onlyError(evaluate(of("tomcat"), of("application").wire("container", "")), "components[1].wiring.container");
            assertFix(e, "Application needs servlet:jakarta@>=10 (container): it cannot be left unwired", "wire it to tomcat");
        }

        @Test
        void wiringToAMissingInstance() {
            RuleMessage e = onlyError(evaluate(of("tomcat"), of("application").wire("container", "web")), "components[1].wiring.container");
            assertFix(e, "Application's container is wired to 'web', which is not a chosen component", "wire it to tomcat");
        }

        @Test
        void wiringToAnInstanceThatProvidesSomethingElse() {
            RuleMessage e = onlyError(evaluate(of("tomcat"), of("postgresql").named("db"), of("application").wire("container", "db")),
                "components[2].wiring.container");
            assertFix(e, "PostgreSQL 16 (db) does not provide servlet:jakarta@>=10, which Application needs (container); "
                + "it provides sql:postgresql@16", "wire it to tomcat");
        }

        @Test
        void wiringToItself() {
            RuleMessage e = onlyError(evaluate(of("ping").wire("peer", "ping"), of("pong").wire("peer", "ping")),
                "components[0].wiring.peer");
            assertFix(e, "Ping 1's peer is wired to itself", "wire it to pong");
        }

        @Test
        void wiringAnUnknownRequirement() {
            RuleMessage e = onlyError(evaluate(of("redis").wire("database", "db")), "components[0].wiring.database");
            assertFix(e, "Redis 7 has no requirement 'database'", "remove it: Redis needs nothing");
        }

        @Test
        void aWiringCycle() {
            RulesResult result = evaluate(of("ping"), of("pong"));
            assertThat(result.errors()).hasSize(1);
            RuleMessage e = result.errors().get(0);
            assertThat(e.message()).isEqualTo("the wiring makes a cycle: ping -> pong -> ping");
            assertThat(e.fix()).contains("wire peer of pong to another component");
        }

        @Test
        void aServletContainerHoldsOneApplication() {
            RuleMessage e = onlyError(evaluate(of("tomcat"), of("application").named("shop"), of("application").named("admin")),
                "components[2].wiring.container");
            assertFix(e, "Tomcat 10.1 already receives Application (shop); it holds one Application",
                "add another component for Application (admin) to be deployed into, and wire container to it");
        }
    }

    @Nested
    class Incompatibilities {

        @Test
        void tomcat9ForAJakartaApplication() {
            RuleMessage e = onlyError(evaluate(of("tomcat").version("9"), of("application")), "components[0].version");
            assertFix(e, "Tomcat 9 provides servlet:javax@4; Application needs servlet:jakarta@>=10 (container)",
                "choose Tomcat 10.1 or WildFly 39");
            assertThat(e.suggestions()).containsExactly("Tomcat 10.1", "WildFly 39");
        }

        @Test
        void tomcat9WiredExplicitly() {
            RuleMessage e = onlyError(evaluate(of("tomcat").version("9").named("web"), of("application").wire("container", "web")),
                "components[1].wiring.container");
            assertFix(e, "Tomcat 9 (web) provides servlet:javax@4; Application needs servlet:jakarta@>=10 (container)",
                "choose Tomcat 10.1 or WildFly 39");
        }

        @Test
        void aVersionBelowTheRange() {
            RuleMessage e = onlyError(evaluate(of("postgresql").version("15"), of("reporting")), "components[0].version");
            assertFix(e, "PostgreSQL 15 provides sql:postgresql@15; Reporting 1 needs sql:postgresql@>=16 (db)", "choose PostgreSQL 16");
        }

        @Test
        void anotherFlavourOfTheCapability() {
            RuleMessage e = onlyError(evaluate(of("mariadb"), of("reporting")), "components[0].version");
            assertFix(e, "MariaDB 11 provides sql:mariadb@11; Reporting 1 needs sql:postgresql@>=16 (db)", "choose PostgreSQL 16");
        }
    }

    @Nested
    class Conflicts {

        private static final String MESSAGE = " cannot be in the same stack as ";
        private static final String REASON = ": it keeps its queue in the Redis 6 format, which Redis 7 refuses";

        @Test
        void declaredByTheEarlierChoice() {
            RuleMessage e = onlyError(evaluate(of("mailer").param("host", "smtp"), of("redis")), "components[1]");
            assertFix(e, "Redis 7" + MESSAGE + "Mailer 2" + REASON,
                "remove Redis 7 (components[1]) or Mailer 2 (components[0]), or a version of redis outside >=7");
        }

        @Test
        void declaredByTheLaterChoice() {
            RuleMessage e = onlyError(evaluate(of("redis"), of("mailer").param("host", "smtp")), "components[1]");
            assertFix(e, "Mailer 2" + MESSAGE + "Redis 7" + REASON,
                "remove Mailer 2 (components[1]) or Redis 7 (components[0]), or a version of redis outside >=7");
            assertThat(e.suggestions()).containsExactly("mailer", "redis");
        }
    }

    @Nested
    class Ports {

        @Test
        void publishedByAnotherStack() {
            RuleMessage e = onlyError(evaluate(FREE.withPublished(8080, "blog"), of("nginx")), "components[0].parameters.port");
            assertFix(e, "host port 8080 of nginx 1.27 is already published by stack 'blog'", "use another port, such as 8081");
            assertThat(e.suggestions()).containsExactly("8081");
        }

        @Test
        void inUseOnTheHost() {
            Environment env = FREE.withInUse(5432).withPublished(5433, "other");
            RuleMessage e = onlyError(evaluate(env, of("postgresql").param("port", "5432")), "components[0].parameters.port");
            assertFix(e, "host port 5432 of PostgreSQL 16 is already used by a process on the host", "use another port, such as 5434");
        }

        @Test
        void publishedTwiceInTheChoices() {
            RuleMessage e = onlyError(evaluate(of("tomcat"), of("wildfly")), "components[1].parameters.port");
            assertFix(e, "host port 8080 of WildFly 39 is also published by Tomcat 10.1", "use another port, such as 8081");
        }

        @Test
        void theFreePortSkipsThoseTheChoicesTake() {
            RuleMessage e = onlyError(evaluate(of("nginx"), of("tomcat").param("port", "8081"), of("wildfly")),
                "components[2].parameters.port");
            assertThat(e.fix()).contains("use another port, such as 8082");
        }
    }

    @Nested
    class Definition {

        @Test
        void aWholeStack() {
            RulesResult result = evaluate(of("nginx"), of("tomcat").param("port", "8081"), of("application"),
                of("postgresql").named("db"), of("redis"));
            assertThat(result.errors()).isEmpty();
            assertThat(result.warnings()).isEmpty();
            assertThat(result.wiring()).containsExactly(
                new Wire("application", "cache", "redis", true),
                new Wire("application", "container", "tomcat", true),
                new Wire("application", "database", "db", true),
                new Wire("nginx", "backend", "tomcat", true));
            String yaml = result.compose().orElseThrow();
            ComposeDefinition d = CatalogFixtures.loads(yaml);
            assertThat(d.name()).contains("shop");
            assertThat(d.services().keySet()).containsExactly("db", "nginx", "redis", "tomcat");
            ServiceSpec tomcat = d.services().get("tomcat");
            assertThat(tomcat.process().image()).contains("tomcat:10.1");
            assertThat(tomcat.process().environment()).containsEntry("DB_URL", Optional.of("jdbc:postgresql://db:5432/app"))
                .containsEntry("DB_USER", Optional.of("app"))
                .containsEntry("DB_PASSWORD_FILE", Optional.of("/run/secrets/shop-db-password"))
                .containsEntry("REDIS_URL", Optional.of("redis://redis:6379"));
            assertThat(tomcat.deploy()).hasValueSatisfying(s -> assertThat(s.kind().key()).isEqualTo("tomcat"));
            assertThat(tomcat.lifecycle().dependsOn()).containsKeys("db", "redis");
            ServiceSpec nginx = d.services().get("nginx");
            assertThat(String.join(" ", nginx.process().command().orElseThrow()))
                .contains("proxy_pass http://tomcat:8080;", "try_files $uri @backend;", "proxy_set_header Host $host;");
            assertThat(d.volumes().keySet()).containsExactly("db-data", "redis-data");
            assertThat(result.secrets()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("shop-db-password");
                assertThat(s.generated()).isTrue();
                assertThat(s.value()).hasSize(24).matches("[A-Za-z0-9]+");
                assertThat(yaml).doesNotContain(s.value());
            });
            assertThat(yaml).contains("secrets:\n  shop-db-password:\n    external: true\n");
        }

        @Test
        void theSameChoicesGiveTheSameText() {
            ComponentChoice[] choices = {of("nginx"), of("wildfly").param("port", "8081"), of("application"), of("mariadb").named("db")};
            String first = evaluate(choices).compose().orElseThrow();
            String again = evaluate(choices).compose().orElseThrow();
            String otherGenerator = evaluate(Environment.of(ValueGenerator.secure()), choices).compose().orElseThrow();
            assertThat(again).isEqualTo(first);
            assertThat(otherGenerator).isEqualTo(first);
            assertThat(first).isEqualTo("""
                name: shop
                services:
                  db:
                    image: mariadb:11
                    environment:
                      MARIADB_DATABASE: app
                      MARIADB_PASSWORD_FILE: /run/secrets/shop-db-password
                      MARIADB_ROOT_PASSWORD_FILE: /run/secrets/shop-db-root-password
                      MARIADB_USER: app
                    volumes:
                      - db-data:/var/lib/mysql
                    secrets:
                      - shop-db-password
                      - shop-db-root-password
                    healthcheck:
                      test:
                        - CMD
                        - healthcheck.sh
                        - --connect
                        - --innodb_initialized
                      interval: 5s
                      timeout: 5s
                      retries: 12
                  nginx:
                    image: nginx:1.27
                    command:
                      - sh
                      - -c
                      - "printf 'server {\\\\n listen 80;\\\\n root /usr/share/nginx/html;\\\\n\
                 location / { try_files $$uri @backend; }\\\\n\
                 location @backend {\\\\n  proxy_pass http://wildfly:8080;\\\\n proxy_set_header Host $$host;\\\\n  proxy_set_header\
                 X-Forwarded-For $$proxy_add_x_forwarded_for;\\\\n proxy_set_header X-Forwarded-Proto $$scheme;\\\\n }\\\\n}\\\\n'\
                 > /etc/nginx/conf.d/default.conf && exec nginx -g 'daemon off;'"
                    ports:
                      - 8080:80
                    depends_on:
                      wildfly:
                        condition: service_started
                    x-coremonitor-deploy:
                      target: nginx
                  wildfly:
                    image: quay.io/wildfly/wildfly:39.0.1.Final-jdk17
                    environment:
                      DB_PASSWORD_FILE: /run/secrets/shop-db-password
                      DB_URL: jdbc:mariadb://db:3306/app
                      DB_USER: app
                    ports:
                      - 8081:8080
                    secrets:
                      - shop-db-password
                    depends_on:
                      db:
                        condition: service_healthy
                    x-coremonitor-deploy:
                      target: wildfly
                volumes:
                  db-data: {}
                secrets:
                  shop-db-password:
                    external: true
                  shop-db-root-password:
                    external: true
                """);
        }

        @Test
        void generatedValuesAreDeterministicWithASeed() {
            List<SecretValue> a = evaluate(Environment.of(ValueGenerator.seeded(3)), of("postgresql")).secrets();
            List<SecretValue> b = evaluate(Environment.of(ValueGenerator.seeded(3)), of("postgresql")).secrets();
            assertThat(a).isEqualTo(b);
        }

        @Test
        void aGivenSecretIsReferencedNeverWritten() {
            RulesResult result = evaluate(of("postgresql").param("password", "correct horse $battery"));
            assertThat(result.secrets()).containsExactly(new SecretValue("shop-postgresql-password", "correct horse $battery", false));
            assertThat(result.compose().orElseThrow()).doesNotContain("horse").contains("POSTGRES_PASSWORD_FILE: /run/secrets/"
                + "shop-postgresql-password");
        }

        @Test
        void typedAndAbsentValues() {
            RulesResult result = evaluate(of("mailer").param("host", "smtp.example.org").param("retries", "5"));
            String yaml = result.compose().orElseThrow();
            assertThat(yaml).contains("MAIL_RETRIES: 5\n", "MAIL_TLS: true\n").doesNotContain("MAIL_NOTE");
            assertThat(result.secrets()).singleElement().satisfies(s -> assertThat(s.value()).matches("[0-9a-f]{32}"));
            ServiceSpec mailer = CatalogFixtures.loads(yaml).services().get("mailer");
            assertThat(mailer.process().environment()).containsEntry("MAIL_RETRIES", Optional.of("5"));
        }

        @Test
        void aHostPortIsPublishedOnlyWhenGiven() {
            assertThat(evaluate(of("postgresql")).compose().orElseThrow()).doesNotContain("ports:");
            String yaml = evaluate(of("postgresql").param("port", "15432")).compose().orElseThrow();
            ComposeDefinition d = CatalogFixtures.loads(yaml);
            assertThat(d.services().get("postgresql").networking().ports()).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("15432"));
        }

        @Test
        void valuesCannotInjectYamlOrInterpolation() {
            String sneaky = "x\nimage: evil:latest\n$HOME ${PATH}";
            RulesResult result = evaluate(of("mailer").param("host", "smtp").param("note", sneaky));
            ServiceSpec mailer = CatalogFixtures.loads(result.compose().orElseThrow()).services().get("mailer");
            assertThat(mailer.process().image()).contains("example/mailer:2");
            assertThat(mailer.process().environment()).containsEntry("MAIL_NOTE", Optional.of(sneaky));
        }

        @Test
        void anImageOverride() {
            RulesResult result = evaluate(of("redis").image("registry.example.com/mirror/redis:7.2"));
            assertThat(CatalogFixtures.loads(result.compose().orElseThrow()).services().get("redis").process().image())
                .contains("registry.example.com/mirror/redis:7.2");
        }

        @Test
        void everyErrorIsReportedInTheOrderOfTheChoices() {
            RulesResult result = evaluate(of("nginx").param("port", "0"), of("nosuch"), of("postgresql").version("9"));
            assertThat(result.errors()).extracting(RuleMessage::path)
                .containsExactly("components[0].parameters.port", "components[1].component", "components[2].version");
            assertThat(result.secrets()).isEmpty();
        }
    }
}
