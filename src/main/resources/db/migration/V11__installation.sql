-- Which installation of Nuage this database is. Every Kubernetes object Nuage writes carries the
-- label nuage.io/installation=<id>, and its watches, its orphan collection and its deletes select
-- on it: two installations on one cluster (or a second local instance pointed at the same
-- kubeconfig) never see, let alone delete, each other's objects. Made once, here; a backup
-- restored from this database is the same installation.
CREATE TABLE installation (
    id         uuid        PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- One row only: a second id would make this installation two.
    only_row   boolean     NOT NULL DEFAULT true UNIQUE CHECK (only_row)
);
INSERT INTO installation (id) VALUES (gen_random_uuid());
