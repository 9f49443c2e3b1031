-- Healing what GitHub failed to deliver (see dev.migrationreview.healing).

-- Failed webhook deliveries the bot asked GitHub to send again, by the event's guid (the
-- X-GitHub-Delivery id, which every redelivery keeps): how often and when last, so a delivery
-- that keeps failing is asked for a bounded number of times with growing pauses.
CREATE TABLE redelivery_requests (
    guid                VARCHAR(100) PRIMARY KEY,
    hook_delivery_id    BIGINT       NOT NULL,
    event               VARCHAR(60)  NOT NULL,
    attempts            INTEGER      NOT NULL,
    first_requested_at  BIGINT       NOT NULL,
    last_requested_at   BIGINT       NOT NULL
);
CREATE INDEX redelivery_requests_age ON redelivery_requests (last_requested_at);

-- One row per healing job: who runs it now (a lease, so an admin request and a scheduled run
-- never overlap, on one replica or several), up to when its last complete run looked, and where
-- a rotation through the installations' repositories stands.
CREATE TABLE healing_jobs (
    job            VARCHAR(40)  PRIMARY KEY,
    lease_owner    VARCHAR(100),
    lease_until    BIGINT,
    covered_until  BIGINT,
    position       VARCHAR(300),
    updated_at     BIGINT       NOT NULL
);
