-- Container statistics sampled by the engine's StatsSampler (one row per container and sample), purged by retention.
-- sampled_at is epoch milliseconds UTC like every timestamp; byte counters are cumulative as Docker reports them.
-- No foreign key to stacks: samples outlive nothing but are purged by age, and appending must never wait on a stack row.
CREATE TABLE container_stats (
    stack_id     TEXT             NOT NULL,
    service      TEXT             NOT NULL,
    container_id VARCHAR(80)      NOT NULL,
    sampled_at   BIGINT           NOT NULL,
    cpu_percent  DOUBLE PRECISION NOT NULL,
    mem_usage    BIGINT           NOT NULL,
    mem_limit    BIGINT           NOT NULL,
    net_rx       BIGINT           NOT NULL,
    net_tx       BIGINT           NOT NULL,
    blk_read     BIGINT           NOT NULL,
    blk_write    BIGINT           NOT NULL
);
CREATE INDEX ix_container_stats_stack_service_time ON container_stats (stack_id, service, sampled_at);
-- retention deletes by age across every stack
CREATE INDEX ix_container_stats_time ON container_stats (sampled_at);
