-- One row the store's health check rewrites to find out whether writes work again after a storage fault
-- (a full disk, a read-only or missing file, a lock held by another process).
CREATE TABLE store_probe (
    probe_id  INTEGER PRIMARY KEY,
    probed_at BIGINT NOT NULL
);
INSERT INTO store_probe (probe_id, probed_at) VALUES (1, 0);
