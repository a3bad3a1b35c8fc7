-- Ingest writes about two person rows per action, by COPY. Two costs per row
-- went out (docs/benchmarks.md, Ingest, session 12):
--
-- 1. The foreign key ran a query and locked the version row once per person
--    row. The same rule is now checked once per statement, over all its rows:
--    no person row without its version, no version taken away from its
--    person rows. Unlike the foreign key, this check takes no lock, so a
--    transaction deleting a version could race one adding a person row for
--    it; the log deletes no versions (every change is a new version).
ALTER TABLE verwerkt_object DROP CONSTRAINT verwerkt_object_seq_fkey;

CREATE FUNCTION verwerkt_object_heeft_versie() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM nieuw n
               WHERE NOT EXISTS (SELECT 1 FROM actie_versie v WHERE v.seq = n.seq)) THEN
        RAISE EXCEPTION 'verwerkt_object: seq without its actie_versie'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER verwerkt_object_na_insert AFTER INSERT ON verwerkt_object
    REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION verwerkt_object_heeft_versie();
CREATE TRIGGER verwerkt_object_na_update AFTER UPDATE ON verwerkt_object
    REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION verwerkt_object_heeft_versie();

CREATE FUNCTION actie_versie_houdt_personen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM oud o
               WHERE EXISTS (SELECT 1 FROM verwerkt_object p WHERE p.seq = o.seq)
                 AND NOT EXISTS (SELECT 1 FROM actie_versie v WHERE v.seq = o.seq)) THEN
        RAISE EXCEPTION 'actie_versie: version still has verwerkt_object rows'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER actie_versie_na_delete AFTER DELETE ON actie_versie
    REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION actie_versie_houdt_personen();
CREATE TRIGGER actie_versie_na_update AFTER UPDATE ON actie_versie
    REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION actie_versie_houdt_personen();

-- 2. The person index carried the sealed identifier, which no query that
--    reads the index uses (the resident's page never shows it). Without it
--    each entry is about a fifth smaller, and fewer of its pages fall out
--    of PostgreSQL's buffers while ingest inserts at random places in it.
DROP INDEX verwerkt_object_persoon;
CREATE INDEX verwerkt_object_persoon ON verwerkt_object (pseudonym, tijdstip_utc DESC, seq DESC)
    INCLUDE (zichtbaar, verwerkingsactiviteit_id, verwerkt_object_id, objecttype, soort_object_id,
             betrokkenheid, soorten_gegevens);
