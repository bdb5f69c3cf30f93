-- Egress: the bytes each instance sent out, from KubeVirt's per-VMI interface counter
-- kubevirt_vmi_network_transmit_bytes_total, read through Prometheus (EgressCollector).

-- The last sample of each counter, to turn the next one into a delta. A sample no newer than this one is ignored (two
-- replicas reading the same sample count it once); a lower value is a counter that restarted (a new VMI) and counts from 0.
CREATE TABLE egress_counters (
    instance_id  uuid        NOT NULL,
    interface    text        NOT NULL,
    value        numeric     NOT NULL,
    sampled_at   timestamptz NOT NULL,
    PRIMARY KEY (instance_id, interface)
);

-- Bytes sent per instance per hour (UTC), by the hour of the sample that counted them: a month's usage sums its hours.
CREATE TABLE egress_hourly (
    instance_id  uuid        NOT NULL,
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    hour         timestamptz NOT NULL,
    bytes        bigint      NOT NULL CHECK (bytes >= 0),
    PRIMARY KEY (instance_id, hour)
);
CREATE INDEX egress_hourly_tenant_hour ON egress_hourly (tenant_id, hour);

-- When the next collection is due: the replica whose update moves it collects, the others skip that round.
CREATE TABLE egress_collection (
    id       integer     PRIMARY KEY CHECK (id = 1),
    next_at  timestamptz NOT NULL
);
INSERT INTO egress_collection VALUES (1, '-infinity');
