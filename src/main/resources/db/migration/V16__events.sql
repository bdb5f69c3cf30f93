-- Every change of a tenant's instances, volumes, networks and snapshots, for GET /v1/tenants/{tenant}/events
-- (Server-Sent Events, and pages for pollers). Written by triggers on the resources' tables, so no write path can
-- forget one. Kept for nuage.api.events-retention, then swept.
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

-- Row-level triggers: a WHEN clause keeps the many updates that move nothing an event shows (most status writes,
-- quota and bookkeeping columns) from calling any function at all; transition tables were built for every update.
CREATE FUNCTION record_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (tenant_id, kind, resource_id, name, phase, generation, cause)
    VALUES (NEW.tenant_id, TG_ARGV[0], NEW.id, NEW.name, NEW.phase, NEW.generation,
            CASE WHEN TG_OP = 'INSERT' THEN 'created'
                 WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'deleted'
                 WHEN NEW.delete_requested_at IS NOT NULL AND OLD.delete_requested_at IS NULL THEN 'deleting'
                 WHEN NEW.generation <> OLD.generation THEN 'changed'
                 ELSE 'observed' END);
    RETURN NULL;
END $$;

CREATE TRIGGER instances_created AFTER INSERT ON instances
    FOR EACH ROW EXECUTE FUNCTION record_event('instance');
CREATE TRIGGER instances_changed AFTER UPDATE ON instances
    FOR EACH ROW WHEN (NEW.phase IS DISTINCT FROM OLD.phase OR NEW.generation <> OLD.generation
        OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at OR NEW.delete_requested_at IS DISTINCT FROM OLD.delete_requested_at)
    EXECUTE FUNCTION record_event('instance');
CREATE TRIGGER volumes_created AFTER INSERT ON volumes
    FOR EACH ROW EXECUTE FUNCTION record_event('volume');
CREATE TRIGGER volumes_changed AFTER UPDATE ON volumes
    FOR EACH ROW WHEN (NEW.phase IS DISTINCT FROM OLD.phase OR NEW.generation <> OLD.generation
        OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at OR NEW.delete_requested_at IS DISTINCT FROM OLD.delete_requested_at)
    EXECUTE FUNCTION record_event('volume');
CREATE TRIGGER networks_created AFTER INSERT ON networks
    FOR EACH ROW EXECUTE FUNCTION record_event('network');
CREATE TRIGGER networks_changed AFTER UPDATE ON networks
    FOR EACH ROW WHEN (NEW.phase IS DISTINCT FROM OLD.phase OR NEW.generation <> OLD.generation
        OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at OR NEW.delete_requested_at IS DISTINCT FROM OLD.delete_requested_at)
    EXECUTE FUNCTION record_event('network');
CREATE TRIGGER snapshots_created AFTER INSERT ON snapshots
    FOR EACH ROW EXECUTE FUNCTION record_event('snapshot');
CREATE TRIGGER snapshots_changed AFTER UPDATE ON snapshots
    FOR EACH ROW WHEN (NEW.phase IS DISTINCT FROM OLD.phase OR NEW.generation <> OLD.generation
        OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at OR NEW.delete_requested_at IS DISTINCT FROM OLD.delete_requested_at)
    EXECUTE FUNCTION record_event('snapshot');
