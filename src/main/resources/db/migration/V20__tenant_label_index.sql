-- The tenants' list takes a label selector too (issue #19): answered from an index, as the other lists' are.
CREATE INDEX tenants_labels ON tenants USING gin (labels);
