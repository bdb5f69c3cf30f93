-- Every change of a tenant's instances, volumes, networks and snapshots, for GET /v1/tenants/{tenant}/events
-- (Server-Sent Events, and pages for pollers). Written by statement-level triggers on the resources' tables, so no
-- write path can forget one, and a batch of status writes adds one INSERT, not one per row. Kept for
-- nuage.api.events-retention, then swept.
CREATE TABLE events (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid        NOT NULL,
    kind         text        NOT NULL,
    resource_id  uuid        NOT NULL,
    name         text        NOT NULL,
    phase        text        NOT NULL,
    generation   bigint      NOT NULL,
    -- created, changed (desired state), deleting (asked for), observed (the status moved), deleted (gone)
    cause        text        NOT NULL,
    -- When the row was written (not the transaction's start): readers keep a margin behind it (EventStore).
    at           timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX events_tenant ON events (tenant_id, id);
CREATE INDEX events_at ON events (at);

CREATE FUNCTION record_created_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (tenant_id, kind, resource_id, name, phase, generation, cause)
    SELECT n.tenant_id, TG_ARGV[0], n.id, n.name, n.phase, n.generation, 'created' FROM new_rows n;
    RETURN NULL;
END $$;

CREATE FUNCTION record_changed_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (tenant_id, kind, resource_id, name, phase, generation, cause)
    SELECT n.tenant_id, TG_ARGV[0], n.id, n.name, n.phase, n.generation,
           CASE WHEN n.deleted_at IS NOT NULL AND o.deleted_at IS NULL THEN 'deleted'
                WHEN n.delete_requested_at IS NOT NULL AND o.delete_requested_at IS NULL THEN 'deleting'
                WHEN n.generation <> o.generation THEN 'changed'
                ELSE 'observed' END
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.phase IS DISTINCT FROM o.phase OR n.generation <> o.generation
       OR n.deleted_at IS DISTINCT FROM o.deleted_at OR n.delete_requested_at IS DISTINCT FROM o.delete_requested_at;
    RETURN NULL;
END $$;

CREATE TRIGGER instances_created AFTER INSERT ON instances REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_created_events('instance');
CREATE TRIGGER instances_changed AFTER UPDATE ON instances REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_changed_events('instance');
CREATE TRIGGER volumes_created AFTER INSERT ON volumes REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_created_events('volume');
CREATE TRIGGER volumes_changed AFTER UPDATE ON volumes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_changed_events('volume');
CREATE TRIGGER networks_created AFTER INSERT ON networks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_created_events('network');
CREATE TRIGGER networks_changed AFTER UPDATE ON networks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_changed_events('network');
CREATE TRIGGER snapshots_created AFTER INSERT ON snapshots REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_created_events('snapshot');
CREATE TRIGGER snapshots_changed AFTER UPDATE ON snapshots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_changed_events('snapshot');
