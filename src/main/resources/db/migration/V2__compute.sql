-- Instances (desired state + observed status) and the reconciler's work queue.

CREATE TABLE instances (
    id                    uuid PRIMARY KEY,
    tenant_id             uuid        NOT NULL REFERENCES tenants (id),
    name                  text        NOT NULL,
    region                text        NOT NULL,
    vcpus                 integer     NOT NULL,
    memory_mib            integer     NOT NULL,
    image                 text        NOT NULL,
    ssh_keys              text[]      NOT NULL DEFAULT '{}',
    -- cloud-init user data, AES-256-GCM encrypted (SecretBox); its digest is what the API shows.
    user_data_sealed      bytea,
    user_data_sha256      text,
    labels                jsonb       NOT NULL DEFAULT '{}',
    running               boolean     NOT NULL,
    -- Desired-state generation: bumped by every change the reconciler must apply.
    generation            bigint      NOT NULL DEFAULT 1,
    -- Restarts asked for through the API, and how many the reconciler has carried out.
    restarts_requested    integer     NOT NULL DEFAULT 0,
    restarts_done         integer     NOT NULL DEFAULT 0,
    -- Observed status, written by the reconciler only.
    phase                 text        NOT NULL DEFAULT 'pending',
    status_message        text,
    conditions            jsonb       NOT NULL DEFAULT '[]',
    ip_addresses          text[]      NOT NULL DEFAULT '{}',
    node                  text,
    observed_generation   bigint      NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    -- Two-phase delete: asked for, then (cluster objects gone) a tombstone kept for history.
    delete_requested_at   timestamptz,
    deleted_at            timestamptz
);
CREATE UNIQUE INDEX instances_live_name ON instances (tenant_id, name) WHERE deleted_at IS NULL;
CREATE INDEX instances_live ON instances (tenant_id) WHERE deleted_at IS NULL;

-- One row per resource that needs a reconcile pass. Enqueueing is an idempotent upsert;
-- workers lease rows with FOR UPDATE SKIP LOCKED, so replicas share the work.
CREATE TABLE work_items (
    kind          text        NOT NULL,
    resource_id   uuid        NOT NULL,
    not_before    timestamptz NOT NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    leased_by     text,
    leased_until  timestamptz,
    -- Enqueued again while leased: the holder must not drop the row when it finishes.
    dirty         boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (kind, resource_id)
);
CREATE INDEX work_items_due ON work_items (not_before);
