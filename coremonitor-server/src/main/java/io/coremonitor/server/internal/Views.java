package io.coremonitor.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.engine.QueueState;
import io.coremonitor.engine.StackContainerView;
import io.coremonitor.engine.StackPlan;
import io.coremonitor.engine.StackStatusView;
import io.coremonitor.engine.monitoring.DriftSeen;
import io.coremonitor.engine.monitoring.MonitorEvent;
import io.coremonitor.engine.monitoring.ServiceMonitorView;
import io.coremonitor.engine.monitoring.StackMonitorView;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.Page;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionMetadata;
import io.coremonitor.model.VersionStatus;
import io.coremonitor.server.internal.CommandBodies.CommandView;
import io.coremonitor.server.internal.CommandBodies.LogLineView;
import io.coremonitor.server.internal.CommandBodies.QueueView;
import io.coremonitor.server.internal.ListBodies.ItemsView;
import io.coremonitor.server.internal.ListBodies.PageView;
import io.coremonitor.server.internal.MonitoringBodies.ContainerView;
import io.coremonitor.server.internal.MonitoringBodies.MonitorEventView;
import io.coremonitor.server.internal.MonitoringBodies.PlanActionView;
import io.coremonitor.server.internal.MonitoringBodies.PlanView;
import io.coremonitor.server.internal.MonitoringBodies.ServiceStatusView;
import io.coremonitor.server.internal.MonitoringBodies.StatsView;
import io.coremonitor.server.internal.MonitoringBodies.StatusView;
import io.coremonitor.server.internal.OverviewBodies.DriftView;
import io.coremonitor.server.internal.OverviewBodies.LastCommandView;
import io.coremonitor.server.internal.OverviewBodies.OverviewItemView;
import io.coremonitor.server.internal.OverviewBodies.OverviewStatusView;
import io.coremonitor.server.internal.StackBodies.RuntimeView;
import io.coremonitor.server.internal.StackBodies.StackView;
import io.coremonitor.server.internal.StackBodies.VersionMetadataView;
import io.coremonitor.server.internal.StackBodies.VersionStatusView;
import io.coremonitor.server.internal.StackBodies.VersionSummaryView;
import io.coremonitor.server.internal.StackBodies.VersionView;
import io.coremonitor.store.ContainerStats;
import io.coremonitor.store.StackOverview;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The answers of API.md, as records made from the domain types explicitly (so a renamed domain field never changes
 * the contract); {@link JsonMapperFactory}'s mapper writes them.
 */
final class Views {

    private Views() {
    }

    static <T, V> PageView<V> page(Page<T> page, Function<T, V> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.nextCursor());
    }

    static <T> ItemsView<T> items(List<T> items) {
        return new ItemsView<>(items);
    }

    static StackView stack(Stack s) {
        return new StackView(s.stackId(), s.name(), s.currentVersion(), s.latestVersion(), s.createdAt(), s.updatedAt(),
                s.deletedAt());
    }

    static OverviewItemView overview(StackOverview o, Optional<DriftSeen> drift) {
        Stack s = o.stack();
        Optional<OverviewStatusView> status = o.status().flatMap(st -> o.statusVersion()
                .map(v -> new OverviewStatusView(v, st.desired(), st.actual(), st.lastUpdated(), st.reason())));
        Optional<LastCommandView> last = o.lastCommand().map(c -> new LastCommandView(c.commandId(), c.type(), c.status(),
                c.attempt(), c.createdAt(), c.startedAt(), c.endedAt(), c.error()));
        return new OverviewItemView(s.stackId(), s.name(), s.currentVersion(), s.latestVersion(), s.updatedAt(),
                s.deletedAt(), status, drift.map(d -> new DriftView(new TreeMap<>(d.services()), d.seenAt())), last);
    }

    static VersionView version(StackVersion v) {
        return new VersionView(v.stackId(), v.version(), v.parentVersion(), metadata(v.metadata()), json(v.compose()),
                v.composeHash(), v.runtime().map(Views::runtime), v.status().map(Views::versionStatus), v.files());
    }

    /** A version in a list: without its definition. */
    static VersionSummaryView versionSummary(StackVersion v) {
        return new VersionSummaryView(v.stackId(), v.version(), v.parentVersion(), metadata(v.metadata()), v.composeHash(),
                v.runtime().map(Views::runtime), v.status().map(Views::versionStatus));
    }

    private static VersionMetadataView metadata(VersionMetadata m) {
        return new VersionMetadataView(m.createdAt(), m.createdBy(), m.comment());
    }

    private static RuntimeView runtime(RuntimeMapping r) {
        return new RuntimeView(new TreeMap<>(r.networks()), new TreeMap<>(r.volumes()), new TreeMap<>(r.containers()),
                r.profiles());
    }

    private static VersionStatusView versionStatus(VersionStatus s) {
        return new VersionStatusView(s.desired(), s.actual(), s.lastUpdated(), s.reason());
    }

    static CommandView command(Command c) {
        return new CommandView(c.commandId(), c.stackId(), c.type(), json(c.payload()), c.status(), c.attempt(),
                c.createdAt(), c.startedAt(), c.endedAt(), c.createdBy(), c.error());
    }

    static LogLineView logLine(CommandLogLine l) {
        return new LogLineView(l.lineNo(), l.timestamp(), l.level(), l.message());
    }

    static QueueView queue(QueueState q) {
        return new QueueView(q.running().map(Views::command), q.pending(), q.haltedBy(), q.haltReason(), q.onFailure(),
                q.onCrash(), q.maxAttempts(), q.workerRunning(), q.leaseOwner(), q.waitingFor());
    }

    static PlanView plan(StackPlan p) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PlanAction.Kind kind : PlanAction.Kind.values()) {
            counts.put(kind.name().toLowerCase(Locale.ROOT), p.actions(kind).size());
        }
        List<PlanActionView> actions = p.actions().stream()
                .map(a -> new PlanActionView(a.kind(), a.name(), a.service(), a.containerId(), a.reasons())).toList();
        return new PlanView(p.stackId(), p.stackName(), p.version(), p.unchanged(), counts, actions, p.profiles(),
                p.disabled());
    }

    static StatusView status(StackMonitorView view) {
        StackStatusView s = view.status();
        Map<String, ServiceStatusView> services = new TreeMap<>();
        view.services().forEach((name, v) -> services.put(name, service(v)));
        return new StatusView(s.stackId(), s.desired(), s.actual(), s.version(), s.lastUpdated(), view.drifted(), services);
    }

    private static ServiceStatusView service(ServiceMonitorView v) {
        return new ServiceStatusView(v.state(), v.health(), v.containerId(), v.startedAt(), v.version(),
                v.uptime().map(Duration::toSeconds), v.restartCount(), v.exitCode(), v.drift());
    }

    static StatsView stats(ContainerStats c) {
        return new StatsView(c.service(), c.containerId(), c.sampledAt(), c.cpuPercent(), c.memUsage(), c.memLimit(),
                c.netRx(), c.netTx(), c.blkRead(), c.blkWrite());
    }

    static MonitorEventView monitorEvent(MonitorEvent e) {
        return new MonitorEventView(e.type(), e.stackId(), e.service(), e.containerId(), e.action(), e.reason(), e.time());
    }

    static ContainerView container(StackContainerView c) {
        return new ContainerView(c.id(), c.name(), c.service(), c.image(), c.state(), c.health(), c.startedAt(), c.ports());
    }

    /** Stored JSON text as a tree (the canonical definition, a payload). */
    static JsonNode json(String text) {
        try {
            return Requests.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Requests.JSON.getNodeFactory().textNode(text);
        }
    }

    /** One JSON line, for an SSE {@code data:} field. */
    static String line(Object value) {
        try {
            return Requests.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
