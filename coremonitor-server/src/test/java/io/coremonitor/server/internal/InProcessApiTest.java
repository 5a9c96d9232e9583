package io.coremonitor.server.internal;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test class over a fresh in-process API per test ({@link TestApi#start}): its client and its schema check. */
abstract class InProcessApiTest {

    @TempDir
    Path dir;
    TestApi t;
    ApiClient c;
    SchemaCheck schemas;

    @BeforeEach
    void startApi() {
        t = TestApi.start(dir);
        c = t.client;
        schemas = new SchemaCheck(c);
    }

    @AfterEach
    void stopApi() {
        t.close();
    }
}
