-- An instance may boot from a persistent disk cloned from an image (boot_*), instead of a container disk (image).
-- The DataSource it was cloned from is kept as resolved at creation: a tenant image made later under the same name
-- as a catalog image never changes an instance's VirtualMachine.
ALTER TABLE instances ALTER COLUMN image DROP NOT NULL;
ALTER TABLE instances ADD COLUMN boot_image text;
ALTER TABLE instances ADD COLUMN boot_size_gib integer;
ALTER TABLE instances ADD COLUMN boot_source_namespace text;
ALTER TABLE instances ADD COLUMN boot_source_name text;
-- The image cloned: it cannot be deleted while a live instance boots from a clone of it.
ALTER TABLE instances ADD COLUMN boot_image_id uuid;
CREATE INDEX instances_boot_image ON instances (boot_image_id) WHERE boot_image_id IS NOT NULL;
ALTER TABLE instances ADD CONSTRAINT instances_one_root_disk CHECK ((image IS NULL) <> (boot_image IS NULL));
