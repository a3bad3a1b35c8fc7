//! Reading the log: an action's current version and history, one person's
//! actions, and the resident's own page and summary.

use super::{
    columns::{IS_CURRENT, OBJECT_COLUMNS, RESIDENT_COLUMNS, VERSION_COLUMNS},
    rows::{
        ObjectRow, PersonFilter, ResidentRow, ResidentSummary, SealedObject, StoredVersion,
        VersionRow,
    },
};
use crate::{
    on_pool,
    store::{Db, StoreError},
};
use sqlx::QueryBuilder;

impl Db {
    /// The current version of an action, unless it was deleted.
    pub async fn current_version(
        &self,
        actie_id: &str,
    ) -> Result<Option<StoredVersion>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM actie_versie v WHERE v.actie_id = $1 \
             ORDER BY v.seq DESC LIMIT 1"
        );
        let row: Option<VersionRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(actie_id).fetch_optional(pool).await?);
        match row {
            Some(row) if !row.vervallen => Ok(self.with_objects(vec![row], None).await?.pop()),
            _ => Ok(None),
        }
    }

    /// Every version of an action, oldest first: (seq, wijziging,
    /// registratie_utc, vertrouwelijkheid, client_id).
    pub async fn version_history(
        &self,
        actie_id: &str,
    ) -> Result<Vec<(i64, String, i64, String, String)>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as(
            "SELECT seq, wijziging, registratie_utc, vertrouwelijkheid, client_id FROM actie_versie \
             WHERE actie_id = $1 ORDER BY seq",
        ).bind(actie_id).fetch_all(pool).await?))
    }

    /// The current versions of every action in one verwerking.
    pub async fn current_versions_of_verwerking(
        &self,
        verwerking_id: &str,
    ) -> Result<Vec<StoredVersion>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM actie_versie v WHERE v.verwerking_id = $1 AND {IS_CURRENT} \
             ORDER BY v.seq"
        );
        let rows: Vec<VersionRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(verwerking_id).fetch_all(pool).await?);
        self.with_objects(rows, None).await
    }

    /// The current actions one person appears in, newest first, with only
    /// that person's object in each. Returns the total count and one page.
    pub async fn versions_for_person(
        &self,
        filter: &PersonFilter,
        offset: i64,
        limit: i64,
    ) -> Result<(i64, Vec<StoredVersion>), StoreError> {
        let (count, rows): (i64, Vec<VersionRow>) = on_pool!(self, pool => {
            let mut count_query = person_query(filter, "COUNT(*)", None);
            let mut page_query = person_query(filter, VERSION_COLUMNS, Some((offset, limit)));
            let count: i64 = count_query.build_query_scalar().fetch_one(pool).await?;
            let rows: Vec<VersionRow> = page_query.build_query_as().fetch_all(pool).await?;
            (count, rows)
        });
        let versions = self.with_objects(rows, Some(&filter.pseudonym)).await?;
        Ok((count, versions))
    }

    /// A resident's own page: current actions they may see (`normaal`,
    /// `opgeheven`), newest first, after the keyset cursor `before`
    /// (`tijdstip_utc`, `seq` of the last row of the previous page), each
    /// with the resident's own object only. One query: the rows are found
    /// through the person index by pseudonym (on PostgreSQL the index
    /// carries them), flagged `zichtbaar`, so the page never reads other
    /// people's rows or older versions.
    pub async fn resident_page(
        &self,
        pseudonym: &[u8],
        before: Option<(i64, i64)>,
        not_before: i64,
        limit: i64,
    ) -> Result<Vec<StoredVersion>, StoreError> {
        self.resident_rows(
            &resident_page_sql(before.is_some()),
            pseudonym,
            before,
            not_before,
            limit,
        )
        .await
    }

    /// The first page of [`Db::resident_page`] without the resident's own
    /// views of their log ([`crate::register::VIEW_ACTIVITY_ID`]): the
    /// municipality's use of their data, which the overview lists.
    pub async fn resident_uses_page(
        &self,
        pseudonym: &[u8],
        not_before: i64,
        limit: i64,
    ) -> Result<Vec<StoredVersion>, StoreError> {
        self.resident_rows(&resident_uses_sql(), pseudonym, None, not_before, limit)
            .await
    }

    async fn resident_rows(
        &self,
        sql: &str,
        pseudonym: &[u8],
        before: Option<(i64, i64)>,
        not_before: i64,
        limit: i64,
    ) -> Result<Vec<StoredVersion>, StoreError> {
        let (time, seq) = before.unwrap_or((i64::MAX, i64::MAX));
        let rows: Vec<ResidentRow> = match self {
            Db::Sqlite(_, readers) => {
                readers.resident_page(sql, pseudonym, (time, seq), not_before, limit)?
            }
            Db::Postgres(pool) => {
                sqlx::query_as(sql)
                    .bind(pseudonym)
                    .bind(time)
                    .bind(seq)
                    .bind(limit)
                    .bind(not_before)
                    .fetch_all(pool)
                    .await?
            }
        };
        let mut page: Vec<StoredVersion> = Vec::with_capacity(rows.len());
        for row in rows {
            let object = SealedObject {
                verwerkt_object_id: row.verwerkt_object_id,
                pseudonym: pseudonym.to_vec(),
                objecttype: row.objecttype,
                soort_object_id: row.soort_object_id,
                object_id_sealed: Vec::new(),
                betrokkenheid: row.betrokkenheid,
                soorten_gegevens: row.soorten_gegevens,
            };
            match page.last_mut() {
                // The resident twice in one action: one entry, both objects.
                Some(last) if last.seq == row.seq => last.objects.push(object),
                _ => page.push(StoredVersion {
                    seq: row.seq,
                    actie_id: row.actie_id,
                    registratie_utc: row.registratie_utc,
                    fields: row.fields,
                    objects: vec![object],
                }),
            }
        }
        Ok(page)
    }

    /// What a resident's summary counts, under the same rules as their page:
    /// the entries since `not_before` per activity, data, verwerking and hour
    /// (see [`SummaryRow`]), and apart from them the resident's own views per
    /// hour. Entries come in bursts, so this is far fewer rows than entries,
    /// counted by the database on the resident's rows alone; the own views
    /// from the person index alone.
    pub async fn resident_summary(
        &self,
        pseudonym: &[u8],
        not_before: i64,
    ) -> Result<ResidentSummary, StoreError> {
        let (uses_sql, own_sql) = (resident_summary_sql(false), resident_summary_sql(true));
        Ok(match self {
            Db::Sqlite(_, readers) => {
                readers.resident_summary((&uses_sql, &own_sql), pseudonym, not_before)?
            }
            Db::Postgres(pool) => {
                let (uses, own_views) = tokio::try_join!(
                    sqlx::query_as(&uses_sql)
                        .bind(pseudonym)
                        .bind(not_before)
                        .fetch_all(pool),
                    sqlx::query_as(&own_sql)
                        .bind(pseudonym)
                        .bind(not_before)
                        .fetch_all(pool),
                )?;
                ResidentSummary { uses, own_views }
            }
        })
    }

    /// One person's occurrence in a current action, by its id.
    pub async fn current_object(
        &self,
        verwerkt_object_id: &str,
    ) -> Result<Option<StoredVersion>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM verwerkt_object o JOIN actie_versie v ON v.seq = o.seq \
             WHERE o.verwerkt_object_id = $1 AND {IS_CURRENT} ORDER BY v.seq DESC LIMIT 1"
        );
        let row: Option<VersionRow> = on_pool!(self, pool => sqlx::query_as(&sql).bind(verwerkt_object_id).fetch_optional(pool).await?);
        let Some(row) = row else { return Ok(None) };
        let mut versions = self.with_objects(vec![row], None).await?;
        let mut version = versions.pop().expect("one version");
        version
            .objects
            .retain(|o| o.verwerkt_object_id == verwerkt_object_id);
        Ok(Some(version))
    }

    /// Loads the objects of the given versions (only one person's when
    /// `pseudonym` is given), keeping the versions' order.
    async fn with_objects(
        &self,
        rows: Vec<VersionRow>,
        pseudonym: Option<&Vec<u8>>,
    ) -> Result<Vec<StoredVersion>, StoreError> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let seqs: Vec<i64> = rows.iter().map(|row| row.seq).collect();
        let objects: Vec<ObjectRow> = on_pool!(self, pool => {
            objects_query(&seqs, pseudonym).build_query_as().fetch_all(pool).await?
        });
        let mut by_seq: std::collections::HashMap<i64, Vec<SealedObject>> = Default::default();
        for o in objects {
            by_seq.entry(o.seq).or_default().push(o.object);
        }
        Ok(rows
            .into_iter()
            .map(|row| StoredVersion {
                objects: by_seq.remove(&row.seq).unwrap_or_default(),
                seq: row.seq,
                actie_id: row.actie_id,
                registratie_utc: row.registratie_utc,
                fields: row.fields,
            })
            .collect())
    }

    /// How many versions are stored in all (history included).
    pub async fn version_count(&self) -> Result<i64, StoreError> {
        Ok(
            on_pool!(self, pool => sqlx::query_scalar("SELECT COUNT(*) FROM actie_versie").fetch_one(pool).await?),
        )
    }
}

/// The resident's page query (see [`Db::resident_page`]); public so tests
/// can check its plan.
pub fn resident_page_sql(with_cursor: bool) -> String {
    page_sql(with_cursor, "")
}

/// The first page of the municipality's use (see [`Db::resident_uses_page`]).
pub fn resident_uses_sql() -> String {
    page_sql(false, "AND NOT o.eigen_inzage")
}

fn page_sql(with_cursor: bool, only: &str) -> String {
    let cursor = if with_cursor {
        "AND (o.tijdstip_utc < $2 OR (o.tijdstip_utc = $2 AND o.seq < $3))"
    } else {
        "AND $2 = $2 AND $3 = $3"
    };
    format!(
        "SELECT {RESIDENT_COLUMNS} \
         FROM verwerkt_object o JOIN actie_versie v ON v.seq = o.seq \
         WHERE o.pseudonym = $1 {cursor} AND o.tijdstip_utc >= $5 AND o.zichtbaar {only} \
         ORDER BY o.tijdstip_utc DESC, o.seq DESC LIMIT $4"
    )
}

/// The summary's queries (see [`Db::resident_summary`]): the use per
/// activity, data, verwerking and hour, or the resident's own views per hour.
pub fn resident_summary_sql(own_views: bool) -> String {
    if own_views {
        "SELECT o.tijdstip_utc / 3600000000 AS uur, COUNT(*) AS aantal FROM verwerkt_object o \
         WHERE o.pseudonym = $1 AND o.zichtbaar AND o.eigen_inzage AND o.tijdstip_utc >= $2 \
         GROUP BY o.tijdstip_utc / 3600000000"
            .into()
    } else {
        "SELECT o.verwerkingsactiviteit_id, o.soorten_gegevens, v.verwerking_id, \
         o.tijdstip_utc / 3600000000 AS uur, COUNT(*) AS aantal \
         FROM verwerkt_object o JOIN actie_versie v ON v.seq = o.seq \
         WHERE o.pseudonym = $1 AND o.zichtbaar AND NOT o.eigen_inzage AND o.tijdstip_utc >= $2 \
         GROUP BY o.verwerkingsactiviteit_id, o.soorten_gegevens, v.verwerking_id, \
         o.tijdstip_utc / 3600000000"
            .into()
    }
}

/// The objects of the versions `seqs`, optionally of one person only.
fn objects_query<'a, DB: sqlx::Database>(
    seqs: &[i64],
    pseudonym: Option<&Vec<u8>>,
) -> QueryBuilder<'a, DB>
where
    Vec<u8>: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let mut query = QueryBuilder::new(format!(
        "SELECT {OBJECT_COLUMNS} FROM verwerkt_object o WHERE o.seq IN ("
    ));
    let mut list = query.separated(", ");
    for seq in seqs {
        list.push_bind(*seq);
    }
    query.push(")");
    if let Some(pseudonym) = pseudonym {
        query
            .push(" AND o.pseudonym = ")
            .push_bind(pseudonym.clone());
    }
    query.push(" ORDER BY o.seq, o.verwerkt_object_id");
    query
}

/// The query over one person's current actions. Written for both engines:
/// `QueryBuilder` renders `$n` placeholders, which SQLite accepts as well.
fn person_query<'a, DB: sqlx::Database>(
    filter: &'a PersonFilter,
    select: &str,
    page: Option<(i64, i64)>,
) -> QueryBuilder<'a, DB>
where
    Vec<u8>: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    &'a str: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let mut q = QueryBuilder::new(format!(
        "SELECT {select} FROM verwerkt_object o JOIN actie_versie v ON v.seq = o.seq WHERE o.pseudonym = "
    ));
    q.push_bind(filter.pseudonym.clone());
    if let Some(from) = filter.from_utc {
        q.push(" AND o.tijdstip_utc >= ").push_bind(from);
    }
    if let Some(until) = filter.until_utc {
        q.push(" AND o.tijdstip_utc < ").push_bind(until);
    }
    if !filter.vertrouwelijkheid.is_empty() {
        q.push(" AND v.vertrouwelijkheid IN (");
        let mut list = q.separated(", ");
        for v in &filter.vertrouwelijkheid {
            list.push_bind(v.as_str());
        }
        q.push(")");
    }
    if let Some(activity) = &filter.verwerkingsactiviteit_id {
        q.push(" AND v.verwerkingsactiviteit_id = ")
            .push_bind(activity.clone());
    }
    q.push(" AND ").push(IS_CURRENT);
    if let Some((offset, limit)) = page {
        q.push(" ORDER BY o.tijdstip_utc DESC, o.seq DESC LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(offset);
    }
    q
}
