-- The resident's own looks at their log (activity "Inzage in gegevensgebruik", logged by the portal on
-- every page view) are marked, and the person index carries the mark and `zichtbaar`: the overview's
-- list of the municipality's use skips a resident's own views inside the index, without reading
-- their rows, and the count of own views per day reads the index alone. Only the portal logs this
-- activity (the API refuses it from any client), so the mark follows from the activity id; rows an API client logged under it before that
-- refusal stay the municipality's use.
ALTER TABLE verwerkt_object ADD COLUMN eigen_inzage BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE verwerkt_object SET eigen_inzage = TRUE
    WHERE verwerkingsactiviteit_id = '15215f9e-b934-4b7f-832b-b2e9ffc28a82'
      AND seq IN (SELECT seq FROM actie_versie WHERE client_id IN ('inzage-portal', 'demo-seed'));
DROP INDEX verwerkt_object_persoon;
CREATE INDEX verwerkt_object_persoon
    ON verwerkt_object (pseudonym, tijdstip_utc DESC, seq DESC, zichtbaar, eigen_inzage);
