-- The job queue moves to db-scheduler, which keeps one row per scheduled execution here (its
-- jar does not ship this DDL). Its task instance is our work key, so one execution per pull
-- request exists at a time across replicas; the leases of the home-made queue go.
CREATE TABLE scheduled_tasks (
    task_name             VARCHAR(100)  NOT NULL,
    task_instance         VARCHAR(300)  NOT NULL,
    task_data             BYTEA,
    execution_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    picked                BOOLEAN       NOT NULL,
    picked_by             VARCHAR(200),
    last_success          TIMESTAMP WITH TIME ZONE,
    last_failure          TIMESTAMP WITH TIME ZONE,
    consecutive_failures  INTEGER,
    last_heartbeat        TIMESTAMP WITH TIME ZONE,
    version               BIGINT        NOT NULL,
    priority              SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON scheduled_tasks (priority DESC, execution_time ASC);

DROP TABLE work_leases;

-- Writes to GitHub per installation, shared by every replica: when the next write may start, and
-- until when a secondary rate limit stops all writes.
CREATE TABLE github_write_slots (
    installation_id  BIGINT PRIMARY KEY,
    next_slot_at     BIGINT NOT NULL,
    blocked_until    BIGINT NOT NULL
);

-- Pruning finds what finished long ago without reading everything else.
CREATE INDEX deliveries_finished ON deliveries (finished_at);
CREATE INDEX review_runs_finished ON review_runs (finished_at);
