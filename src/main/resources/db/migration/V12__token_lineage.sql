-- Who minted each token: the token whose request created it, null when the operator did. Revoking a
-- token revokes the tokens it minted, and theirs, by following this column.
ALTER TABLE api_tokens ADD COLUMN created_by uuid REFERENCES api_tokens (id);
CREATE INDEX api_tokens_created_by ON api_tokens (created_by) WHERE created_by IS NOT NULL;
