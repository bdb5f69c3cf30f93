-- Public addresses and images have availability histories and usage too.
ALTER TABLE ledger_resources DROP CONSTRAINT ledger_resources_kind_check;
ALTER TABLE ledger_resources ADD CONSTRAINT ledger_resources_kind_check
    CHECK (kind IN ('instance', 'volume', 'network', 'public_ip', 'image'));
