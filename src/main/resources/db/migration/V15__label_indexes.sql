-- Lists filter by label selector (label_selector=env=ci,tier in (a,b),!legacy) in SQL: @> and ? on labels.
-- A GIN index answers both, so a selector over a tenant's thousands of resources reads the matching rows only.
CREATE INDEX instances_labels ON instances USING gin (labels);
CREATE INDEX networks_labels ON networks USING gin (labels);
CREATE INDEX volumes_labels ON volumes USING gin (labels);
CREATE INDEX snapshots_labels ON snapshots USING gin (labels);
