-- The availability ledger: what every resource was, observed, from its creation to its deletion.

-- One row per resource ever observed: who it belongs to, and its current state (the head of
-- its history). Ingestion locks these rows, so replicas append to one resource's history
-- one at a time.
CREATE TABLE ledger_resources (
    resource_id  uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    kind         text        NOT NULL CHECK (kind IN ('instance', 'volume', 'network')),
    name         text        NOT NULL,
    region       text,
    -- The last transition; null until the first one is written (the row exists to be locked).
    category     text,
    since        timestamptz,
    reason       text,
    vcpus        integer,
    memory_mib   integer,
    storage_gib  integer
);
CREATE INDEX ledger_resources_tenant ON ledger_resources (tenant_id);

-- Append-only. Each row starts an interval that lasts until the resource's next row, so
-- intervals can neither overlap nor leave a gap; 'deleted' is the last row of a resource.
-- Sizes are those in force during the interval (usage is billed from them).
CREATE TABLE ledger_transitions (
    resource_id  uuid        NOT NULL REFERENCES ledger_resources (resource_id),
    at           timestamptz NOT NULL,
    category     text        NOT NULL CHECK (category IN
                     ('up', 'down', 'maintenance', 'stopped', 'provisioning', 'deleted', 'unknown')),
    reason       text,
    vcpus        integer     NOT NULL,
    memory_mib   integer     NOT NULL,
    storage_gib  integer     NOT NULL,
    PRIMARY KEY (resource_id, at)
);

-- Seconds per resource, calendar month (UTC) and counted category, added when an interval
-- closes: a month report reads these instead of every transition. Outages shorter than the
-- minimum outage length are counted as 'up' here, as in every report.
CREATE TABLE ledger_monthly (
    tenant_id    uuid     NOT NULL,
    month        date     NOT NULL,
    resource_id  uuid     NOT NULL,
    category     text     NOT NULL,
    seconds      double precision NOT NULL,
    PRIMARY KEY (tenant_id, month, resource_id, category)
);

-- When each replica last proved it was observing; a start after all were silent for longer
-- than nuage.sla.observer-gap records that gap as 'unknown' for every resource.
CREATE TABLE ledger_observers (
    replica   text        PRIMARY KEY,
    beat_at   timestamptz NOT NULL
);

-- Operator-declared maintenance, announced before it starts. Downtime inside a window, for
-- the resources in its scope, is recorded as 'maintenance'.
CREATE TABLE maintenance_windows (
    id           uuid PRIMARY KEY,
    region       text,
    tenant_id    uuid REFERENCES tenants (id),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
    reason       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    cancelled_at timestamptz
);
CREATE INDEX maintenance_windows_time ON maintenance_windows (starts_at, ends_at) WHERE cancelled_at IS NULL;
