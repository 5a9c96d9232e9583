package io.coremonitor.store.internal;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandNotFoundException;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.Deployment;
import io.coremonitor.model.Page;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.store.DeploymentRepository;
import io.coremonitor.store.NewDeployment;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.StoreException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeploymentRepository} over Jdbi. A deployment is recorded inside one transaction that first locks its stack's
 * row (like the numbering of versions): concurrent recorders of one stack take turns (and take the write gate with
 * SQLite), so numbers are distinct and contiguous, nobody fails, and a command recorded twice at once is stored once.
 */
public final class JdbiDeploymentRepository implements DeploymentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiDeploymentRepository.class);
    private static final String CURSOR_KIND = "deployments";

    private final Db db;

    public JdbiDeploymentRepository(Db db) {
        this.db = db;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StackNotFoundException    when the stack does not exist (a stack marked deleted still takes records)
     * @throws CommandNotFoundException  when the command does not exist
     * @throws IllegalArgumentException  when the command is not a DEPLOY_ARTIFACT command of this stack, or the artifact
     *                                   is not registered
     */
    @Override
    public Deployment record(NewDeployment deployment) {
        Objects.requireNonNull(deployment, "deployment");
        Instant now = db.now();
        try {
            return db.write(s -> {
                if (s.dao(StackDao.class).lock(deployment.stackId()).isEmpty()) {
                    throw new StackNotFoundException(deployment.stackId());
                }
                DeploymentDao dao = s.dao(DeploymentDao.class);
                Optional<Deployment> existing = dao.getByCommand(deployment.commandId());
                if (existing.isPresent()) {
                    LOG.debug("deployment of command {} already recorded", deployment.commandId());
                    return existing.get();
                }
                check(s, deployment);
                dao.insertNext(deployment, deployment.check().path(), deployment.check().status(), now);
                Deployment recorded = dao.getByCommand(deployment.commandId()).orElseThrow();
                LOG.debug("stack {}: deployment {} of {} into {} recorded", recorded.stackId(), recorded.number(),
                        recorded.artifact(), recorded.service());
                return recorded;
            });
        } catch (StoreException e) {
            // PostgreSQL: the artifact was deleted between the check and the insert
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new IllegalArgumentException("artifact not registered: " + deployment.artifact(), e);
            }
            throw e;
        }
    }

    /** Checks what the deployment refers to, inside the recording transaction. */
    private static void check(Session s, NewDeployment d) {
        Command command = s.dao(CommandDao.class).get(d.commandId())
                .orElseThrow(() -> new CommandNotFoundException(d.commandId()));
        if (!command.stackId().equals(d.stackId()) || command.type() != CommandType.DEPLOY_ARTIFACT) {
            throw new IllegalArgumentException("command " + d.commandId() + " is a " + command.type() + " of stack "
                    + command.stackId() + ", not a " + CommandType.DEPLOY_ARTIFACT + " of stack " + d.stackId());
        }
        if (s.dao(ArtifactDao.class).get(d.artifact()).isEmpty()) {
            throw new IllegalArgumentException("artifact not registered: " + d.artifact());
        }
    }

    @Override
    public Optional<Deployment> find(String stackId, int number) {
        Objects.requireNonNull(stackId, "stackId");
        return db.read(DeploymentDao.class, dao -> dao.get(stackId, number));
    }

    @Override
    public Optional<Deployment> findByCommand(long commandId) {
        return db.read(DeploymentDao.class, dao -> dao.getByCommand(commandId));
    }

    @Override
    public Page<Deployment> list(String stackId, PageRequest page) {
        Objects.requireNonNull(stackId, "stackId");
        long before = page.cursor().map(c -> Cursors.decodeLong(CURSOR_KIND, c)).orElse(Long.MAX_VALUE);
        List<Deployment> rows = db.read(DeploymentDao.class, dao -> dao.listBefore(stackId, before, page.limit() + 1));
        return Cursors.page(rows, page, d -> Cursors.encode(CURSOR_KIND, Integer.toString(d.number())));
    }

    @Override
    public Optional<Deployment> current(String stackId, String service) {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(service, "service");
        return db.read(DeploymentDao.class, dao -> dao.current(stackId, service));
    }

    @Override
    public Map<String, Deployment> current(String stackId) {
        Objects.requireNonNull(stackId, "stackId");
        Map<String, Deployment> byService = new TreeMap<>();
        db.read(DeploymentDao.class, dao -> dao.currentOfEachService(stackId)).forEach(d -> byService.put(d.service(), d));
        return Collections.unmodifiableMap(byService);
    }
}
