-- Who asked for the database proof of a pull request (/migration-review plan); its reviews prove from then on.
ALTER TABLE pull_requests ADD COLUMN proof_requested_by VARCHAR(100);
