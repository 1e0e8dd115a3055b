-- The platform's own control tables: no domain, not linted.
CREATE TABLE map_version (version bigint NOT NULL);
INSERT INTO map_version (version) VALUES (0);
