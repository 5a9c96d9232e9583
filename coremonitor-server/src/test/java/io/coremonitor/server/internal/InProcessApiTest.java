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

    /** The API of each test (by default {@link TestApi#start}); {@link #dir} is set when it is called. */
    TestApi newApi() {
        return TestApi.start(dir);
    }

    @BeforeEach
    void startApi() {
        t = newApi();
        c = t.client;
        schemas = new SchemaCheck(c);
    }

    @AfterEach
    void stopApi() {
        t.close();
    }
}
