-- The operator's catalog of instance types, each reconciled onto a KubeVirt VirtualMachineClusterInstancetype.
-- An instance of a type keeps the type's size in vcpus/memory_mib too: the quota and the ledger read those.
CREATE TABLE instance_types (
    id                  uuid        PRIMARY KEY,
    name                text        NOT NULL,
    vcpus               integer     NOT NULL,
    memory_mib          integer     NOT NULL,
    dedicated_cpus      boolean     NOT NULL DEFAULT false,
    labels              jsonb       NOT NULL DEFAULT '{}',
    generation          bigint      NOT NULL DEFAULT 1,
    phase               text        NOT NULL DEFAULT 'pending',
    status_message      text,
    conditions          jsonb       NOT NULL DEFAULT '[]',
    observed_generation bigint      NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    delete_requested_at timestamptz,
    deleted_at          timestamptz
);
CREATE UNIQUE INDEX instance_types_name ON instance_types (name, (COALESCE(deleted_at, 'infinity')));
CREATE INDEX instance_types_labels ON instance_types USING gin (labels);

ALTER TABLE instances ADD COLUMN instance_type text;
CREATE INDEX instances_instance_type ON instances (instance_type) WHERE instance_type IS NOT NULL;
