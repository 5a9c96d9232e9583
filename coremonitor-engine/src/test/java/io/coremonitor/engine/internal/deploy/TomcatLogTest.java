package io.coremonitor.engine.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tomcat's verdict from its console log, on lines as Tomcat 10.1 writes them. */
class TomcatLogTest {

    private static final String DEPLOYING = "01-Dec-2026 11:38:34.540 INFO [Catalina-utility-1] "
        + "org.apache.catalina.startup.HostConfig.deployWAR"
        + " Deploying web application archive [/usr/local/tomcat/webapps/a#b.war]";
    private static final String FINISHED = "01-Dec-2026 11:38:34.669 INFO [Catalina-utility-1] "
        + "org.apache.catalina.startup.HostConfig.deployWAR"
        + " Deployment of web application archive [/usr/local/tomcat/webapps/a#b.war] has finished in [130] ms";

    @Test
    void notFinishedYetIsNoVerdict() {
        assertThat(TomcatLog.judge(List.of(DEPLOYING), "a#b.war", "/a/b")).isEmpty();
        assertThat(TomcatLog.judge(List.of(), "a#b.war", "/a/b")).isEmpty();
    }

    @Test
    void aFinishWithoutItsStartBelongsToAnEarlierDeployment() {
        assertThat(TomcatLog.judge(List.of(FINISHED), "a#b.war", "/a/b")).isEmpty();
        assertThat(TomcatLog.judge(List.of(FINISHED, DEPLOYING), "a#b.war", "/a/b")).isEmpty();
        assertThat(TomcatLog.judge(List.of(FINISHED, DEPLOYING, FINISHED), "a#b.war", "/a/b")).isPresent();
    }

    @Test
    void finishedWithoutSevereLinesIsDeployed() {
        String otherApp = "01-Dec-2026 11:38:34.600 SEVERE [Catalina-utility-2] org.apache.catalina.core.StandardContext.startInternal"
            + " Context [/other] startup failed due to previous errors";

        assertThat(TomcatLog.judge(List.of(DEPLOYING, otherApp, FINISHED), "a#b.war", "/a/b"))
            .hasValueSatisfying(v -> assertThat(v.deployed()).isTrue());
    }

    @Test
    void severeLinesOfTheDeployingThreadAreTheReasonWithoutStackFrames() {
        List<String> lines = List.of(
            "01-Dec-2026 11:38:30.000 SEVERE [Catalina-utility-1] org.example.Earlier before our deployment started",
            DEPLOYING,
            "01-Dec-2026 11:38:34.599 SEVERE [Catalina-utility-1] org.apache.tomcat.util.digester.Digester.fatalError"
                + " Parse fatal error at line [4] column [3]",
            "\torg.xml.sax.SAXParseException; systemId: file:/usr/local/tomcat/webapps/a%23b/WEB-INF/web.xml; lineNumber: 4;"
                + " The element type \"display-name\" must be terminated",
            "\t\tat java.xml/com.sun.org.apache.xerces.internal.util.ErrorHandlerWrapper.fatalError(ErrorHandlerWrapper.java:178)",
            "\t\t... 12 more",
            "01-Dec-2026 11:38:34.658 SEVERE [Catalina-utility-1] org.apache.catalina.core.StandardContext.startInternal"
                + " One or more components marked the context as not correctly configured",
            "01-Dec-2026 11:38:34.659 SEVERE [Catalina-utility-1] org.apache.catalina.core.StandardContext.startInternal"
                + " Context [/a/b] startup failed due to previous errors",
            FINISHED);

        TomcatLog.Verdict verdict = TomcatLog.judge(lines, "a#b.war", "/a/b").orElseThrow();

        assertThat(verdict.deployed()).isFalse();
        assertThat(verdict.reasons()).hasSize(4)
            .noneMatch(l -> l.contains("ErrorHandlerWrapper") || l.contains("12 more") || l.contains("Earlier"));
        assertThat(verdict.reasons().get(1)).contains("must be terminated");
        assertThat(verdict.reasons().get(3)).contains("Context [/a/b] startup failed");
    }

    @Test
    void aSevereLineNamingTheContextCountsFromAnotherThread() {
        String listeners = "01-Dec-2026 11:38:34.650 SEVERE [main] org.apache.catalina.core.StandardContext.startInternal"
            + " One or more listeners failed to start. Full details will be found in the appropriate container log file";
        String named = "01-Dec-2026 11:38:34.651 SEVERE [main] org.apache.catalina.core.StandardContext.startInternal"
            + " Context [/a/b] startup failed due to previous errors";

        TomcatLog.Verdict verdict = TomcatLog.judge(List.of(DEPLOYING, listeners, named, FINISHED), "a#b.war", "/a/b").orElseThrow();

        assertThat(verdict.deployed()).isFalse();
        assertThat(verdict.reasons()).containsExactly(named);
    }

    @Test
    void undeployedContext() {
        String line = "01-Dec-2026 11:38:23.557 INFO [Catalina-utility-2] org.apache.catalina.startup.HostConfig.undeploy"
            + " Undeploying context []";

        assertThat(TomcatLog.undeployed(List.of(line), "")).isTrue();
        assertThat(TomcatLog.undeployed(List.of(line), "/a")).isFalse();
    }
}
