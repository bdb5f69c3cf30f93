-- Networks (a layer-2 network per row, reconciled to a NetworkAttachmentDefinition plus
-- firewall NetworkPolicies) and the addresses Nuage hands out on them.

CREATE TABLE networks (
    id                    uuid PRIMARY KEY,
    tenant_id             uuid        NOT NULL REFERENCES tenants (id),
    name                  text        NOT NULL,
    cidr                  cidr        NOT NULL CHECK (family(cidr) = 4),
    -- Never handed out to an instance; fixed with the cidr.
    gateway               inet        NOT NULL CHECK (masklen(gateway) = 32 AND gateway << cidr),
    dns_servers           text[]      NOT NULL DEFAULT '{}',
    firewall_rules        jsonb       NOT NULL DEFAULT '[]',
    labels                jsonb       NOT NULL DEFAULT '{}',
    generation            bigint      NOT NULL DEFAULT 1,
    -- Observed status, written by the reconciler only.
    phase                 text        NOT NULL DEFAULT 'pending',
    status_message        text,
    conditions            jsonb       NOT NULL DEFAULT '[]',
    observed_generation   bigint      NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    delete_requested_at   timestamptz,
    deleted_at            timestamptz
);
CREATE UNIQUE INDEX networks_live_name ON networks (tenant_id, name) WHERE deleted_at IS NULL;
-- Overlapping CIDRs are refused by the API under a lock on the tenant row (an exclusion
-- constraint would need the btree_gist extension, which a managed PostgreSQL may not offer).

-- One row per address in use. The primary key is what guarantees that an address is never
-- handed out twice, whatever the application does; a row is deleted when its instance
-- becomes a tombstone.
CREATE TABLE network_addresses (
    network_id   uuid     NOT NULL REFERENCES networks (id),
    address      inet     NOT NULL CHECK (masklen(address) = 32),
    instance_id  uuid     NOT NULL REFERENCES instances (id),
    -- Position of the NIC among the instance's network NICs (after the pod network's).
    nic          integer  NOT NULL,
    PRIMARY KEY (network_id, address),
    -- Also the index that finds an instance's addresses.
    UNIQUE (instance_id, network_id)
);

-- What the API shows of an instance's attachments ({network, ip}), written with them; kept on
-- the tombstone as history when the addresses themselves are freed.
ALTER TABLE instances ADD COLUMN networks jsonb NOT NULL DEFAULT '[]';
