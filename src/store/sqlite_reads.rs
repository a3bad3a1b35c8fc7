//! The reads behind every resident page on SQLite, run on the calling thread.
//!
//! sqlx runs every SQLite connection on a thread of its own and sends each
//! row across, value by value. For the overview, the page residents open
//! most, those hand-offs cost more than the queries themselves
//! (docs/benchmarks.md, issue 5). Its reads (the session, the summary and
//! the list) go through rusqlite on the same file instead, on a few
//! connections of their own. Each reads one resident's rows or one
//! session, well under a millisecond, so it runs inline, as rendering does;
//! in WAL mode a reader never waits for the writer.

use super::{
    log::{ActieFields, OwnViews, ResidentRow, ResidentSummary, SealedObject, SummaryRow},
    tree::{Soort, StoredLeaf, VersionRow},
    StoreError,
};
use rusqlite::{
    named_params, types::Type, Connection, OpenFlags, OptionalExtension, Row, Statement,
};
use std::{
    path::PathBuf,
    sync::{Arc, Mutex},
    time::Duration,
};

/// Connections kept open between reads; more are opened when needed.
const KEPT: usize = 8;

#[derive(Clone)]
pub struct Readers {
    file: Arc<PathBuf>,
    /// `None` once the database is closed.
    idle: Arc<Mutex<Option<Vec<Connection>>>>,
}

impl std::fmt::Debug for Readers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readers").finish_non_exhaustive()
    }
}

impl Readers {
    pub fn new(file: PathBuf) -> Readers {
        Readers {
            file: Arc::new(file),
            idle: Arc::new(Mutex::new(Some(Vec::new()))),
        }
    }

    /// Closes the kept connections; reads fail from now on, as the pool's do.
    pub(super) fn close(&self) {
        self.idle.lock().expect("never poisoned").take();
    }

    pub(super) fn resident_page(
        &self,
        sql: &str,
        pseudonym: &[u8],
        (time, seq): (i64, i64),
        not_before: i64,
        limit: i64,
    ) -> Result<Vec<ResidentRow>, StoreError> {
        self.read(|db| {
            let mut query = db.prepare_cached(sql)?;
            let columns = ResidentColumns::of(&query)?;
            let rows = query.query_map(
                named_params! {
                    "$1": pseudonym, "$2": time, "$3": seq, "$4": limit, "$5": not_before,
                },
                |r| columns.row(r),
            )?;
            rows.collect()
        })
    }

    pub(super) fn resident_summary(
        &self,
        (uses_sql, own_sql): (&str, &str),
        pseudonym: &[u8],
        not_before: i64,
    ) -> Result<ResidentSummary, StoreError> {
        self.read(|db| {
            let params = named_params! { "$1": pseudonym, "$2": not_before };
            let uses = db
                .prepare_cached(uses_sql)?
                .query_map(params, |r| {
                    Ok(SummaryRow {
                        verwerkingsactiviteit_id: r.get("verwerkingsactiviteit_id")?,
                        soorten_gegevens: r.get("soorten_gegevens")?,
                        verwerking_id: r.get("verwerking_id")?,
                        uur: r.get("uur")?,
                        aantal: r.get("aantal")?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let own_views = db
                .prepare_cached(own_sql)?
                .query_map(params, |r| {
                    Ok(OwnViews {
                        uur: r.get("uur")?,
                        aantal: r.get("aantal")?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(ResidentSummary { uses, own_views })
        })
    }

    /// A session's stored data, expired or not, from the table of
    /// tower-sessions-sqlx-store (store/sessions.rs decodes it).
    pub(super) fn session_data(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.read(|db| {
            db.prepare_cached("SELECT data FROM tower_sessions WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()
        })
    }

    /// Versions with `after < seq <= upto` (at most `limit`), every column,
    /// and the persons of the versions read: what the verifiable log hashes,
    /// thousands of rows at a time (store/tree.rs gives the SQL).
    pub(super) fn versions_for_leaves(
        &self,
        (version_sql, object_sql): (&str, &str),
        after: i64,
        upto: i64,
        limit: i64,
    ) -> Result<VersionsAndPersons, StoreError> {
        self.read(|db| {
            let versions: Vec<VersionRow> = db
                .prepare_cached(version_sql)?
                .query_map(
                    named_params! { "$1": after, "$2": upto, "$3": limit },
                    version_row,
                )?
                .collect::<rusqlite::Result<_>>()?;
            let (Some(first), Some(last)) = (versions.first(), versions.last()) else {
                return Ok((versions, Vec::new()));
            };
            let objects = db
                .prepare_cached(object_sql)?
                .query_map(named_params! { "$1": first.seq, "$2": last.seq }, |r| {
                    Ok((
                        r.get(0)?,
                        SealedObject {
                            verwerkt_object_id: r.get(1)?,
                            pseudonym: r.get(2)?,
                            objecttype: r.get(3)?,
                            soort_object_id: r.get(4)?,
                            object_id_sealed: r.get(5)?,
                            betrokkenheid: r.get(6)?,
                            soorten_gegevens: r.get(7)?,
                        },
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok((versions, objects))
        })
    }

    /// The tree's stored hashes in these runs, `(level, first, last)`.
    pub(super) fn tree_ranges(
        &self,
        ranges: &[(u32, i64, i64)],
    ) -> Result<Vec<(u32, i64, Vec<u8>)>, StoreError> {
        self.read(|db| {
            let mut leaves =
                db.prepare_cached("SELECT idx, hash FROM boom_blad WHERE idx >= ?1 AND idx <= ?2")?;
            let mut nodes = db.prepare_cached(
                "SELECT idx, hash FROM boom_knoop WHERE niveau = ?3 AND idx >= ?1 AND idx <= ?2",
            )?;
            let mut out = Vec::new();
            for &(level, first, last) in ranges {
                let row = |r: &Row<'_>| Ok((level, r.get(0)?, r.get(1)?));
                let rows = if level == 0 {
                    leaves
                        .query_map([first, last], row)?
                        .collect::<rusqlite::Result<Vec<_>>>()?
                } else {
                    nodes
                        .query_map([first, last, i64::from(level)], row)?
                        .collect::<rusqlite::Result<Vec<_>>>()?
                };
                out.extend(rows);
            }
            Ok(out)
        })
    }

    /// The tree's leaves `from <= idx < to`.
    pub(super) fn leaves(
        &self,
        sql: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<StoredLeaf>, StoreError> {
        self.read(|db| {
            db.prepare_cached(sql)?
                .query_map(named_params! { "$1": from, "$2": to }, |r| {
                    let soort: String = r.get(1)?;
                    Ok(StoredLeaf {
                        idx: r.get(0)?,
                        soort: Soort::try_from(soort).map_err(|e| {
                            rusqlite::Error::FromSqlConversionFailure(1, Type::Text, e.into())
                        })?,
                        seq: r.get(2)?,
                        hash: r.get(3)?,
                        gewist: r.get(4)?,
                    })
                })?
                .collect()
        })
    }

    fn read<T>(
        &self,
        query: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let kept = match self.idle.lock().expect("never poisoned").as_mut() {
            Some(idle) => idle.pop(),
            None => return Err(StoreError::Unavailable),
        };
        let db = match kept {
            Some(db) => db,
            None => self.open()?,
        };
        let out = query(&db)?;
        if let Some(idle) = self.idle.lock().expect("never poisoned").as_mut() {
            if idle.len() < KEPT {
                idle.push(db);
            }
        }
        Ok(out)
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let db = Connection::open_with_flags(
            self.file.as_path(),
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Read-write but refusing writes: a read-only handle cannot set up
        // the WAL's shared memory when it is the first to open the file.
        db.pragma_update(None, "query_only", true)?;
        db.busy_timeout(Duration::from_secs(10))?;
        Ok(db)
    }
}

/// Versions, and their persons by `seq`.
type VersionsAndPersons = (Vec<VersionRow>, Vec<(i64, SealedObject)>);

/// A version in the column order of `VERSION_ROW` (store/tree.rs).
fn version_row(r: &Row<'_>) -> rusqlite::Result<VersionRow> {
    let vertrouwelijkheid: String = r.get(9)?;
    let vertrouwelijkheid = vertrouwelijkheid
        .parse()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(9, Type::Text, Box::new(e)))?;
    Ok(VersionRow {
        seq: r.get(0)?,
        leaf_salt: r.get(1)?,
        actie_id: r.get(2)?,
        wijziging: r.get(3)?,
        vervallen: r.get(4)?,
        client_id: r.get(5)?,
        registratie_utc: r.get(6)?,
        fields: ActieFields {
            tijdstip: r.get(7)?,
            tijdstip_utc: r.get(8)?,
            vertrouwelijkheid,
            bewaartermijn: r.get(10)?,
            actie_naam: r.get(11)?,
            handeling_naam: r.get(12)?,
            verwerking_naam: r.get(13)?,
            verwerking_id: r.get(14)?,
            verwerkingsactiviteit_id: r.get(15)?,
            verwerkingsactiviteit_url: r.get(16)?,
            uitvoerder: r.get(17)?,
            systeem: r.get(18)?,
            gebruiker: r.get(19)?,
            gegevensbron: r.get(20)?,
            soort_afnemer_id: r.get(21)?,
            afnemer_id: r.get(22)?,
            afnemer_id_sealed: r.get(23)?,
            verwerkingsactiviteit_id_afnemer: r.get(24)?,
            verwerkingsactiviteit_url_afnemer: r.get(25)?,
            verwerking_id_afnemer: r.get(26)?,
        },
        objects: Vec::new(),
    })
}

/// Where each column of [`super::log::resident_page_sql`] is, looked up by
/// name once per statement rather than once per value: the page reads up
/// to 2,000 rows. Columns the page does not show are NULL there and are
/// left at their default.
struct ResidentColumns {
    seq: usize,
    actie_id: usize,
    registratie_utc: usize,
    tijdstip: usize,
    tijdstip_utc: usize,
    vertrouwelijkheid: usize,
    actie_naam: usize,
    handeling_naam: usize,
    verwerking_naam: usize,
    verwerking_id: usize,
    verwerkingsactiviteit_id: usize,
    soort_afnemer_id: usize,
    afnemer_id: usize,
    gebruiker: usize,
    verwerkt_object_id: usize,
    objecttype: usize,
    soort_object_id: usize,
    betrokkenheid: usize,
    soorten_gegevens: usize,
}

impl ResidentColumns {
    fn of(query: &Statement<'_>) -> rusqlite::Result<Self> {
        let at = |name| query.column_index(name);
        Ok(ResidentColumns {
            seq: at("seq")?,
            actie_id: at("actie_id")?,
            registratie_utc: at("registratie_utc")?,
            tijdstip: at("tijdstip")?,
            tijdstip_utc: at("tijdstip_utc")?,
            vertrouwelijkheid: at("vertrouwelijkheid")?,
            actie_naam: at("actie_naam")?,
            handeling_naam: at("handeling_naam")?,
            verwerking_naam: at("verwerking_naam")?,
            verwerking_id: at("verwerking_id")?,
            verwerkingsactiviteit_id: at("verwerkingsactiviteit_id")?,
            soort_afnemer_id: at("soort_afnemer_id")?,
            afnemer_id: at("afnemer_id")?,
            gebruiker: at("gebruiker")?,
            verwerkt_object_id: at("verwerkt_object_id")?,
            objecttype: at("objecttype")?,
            soort_object_id: at("soort_object_id")?,
            betrokkenheid: at("betrokkenheid")?,
            soorten_gegevens: at("soorten_gegevens")?,
        })
    }

    fn row(&self, r: &Row<'_>) -> rusqlite::Result<ResidentRow> {
        let vertrouwelijkheid: String = r.get(self.vertrouwelijkheid)?;
        let vertrouwelijkheid = vertrouwelijkheid.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                self.vertrouwelijkheid,
                Type::Text,
                Box::new(e),
            )
        })?;
        Ok(ResidentRow {
            seq: r.get(self.seq)?,
            actie_id: r.get(self.actie_id)?,
            registratie_utc: r.get(self.registratie_utc)?,
            fields: ActieFields {
                tijdstip: r.get(self.tijdstip)?,
                tijdstip_utc: r.get(self.tijdstip_utc)?,
                vertrouwelijkheid,
                actie_naam: r.get(self.actie_naam)?,
                handeling_naam: r.get(self.handeling_naam)?,
                verwerking_naam: r.get(self.verwerking_naam)?,
                verwerking_id: r.get(self.verwerking_id)?,
                verwerkingsactiviteit_id: r.get(self.verwerkingsactiviteit_id)?,
                soort_afnemer_id: r.get(self.soort_afnemer_id)?,
                afnemer_id: r.get(self.afnemer_id)?,
                gebruiker: r.get(self.gebruiker)?,
                ..Default::default()
            },
            verwerkt_object_id: r.get(self.verwerkt_object_id)?,
            objecttype: r.get(self.objecttype)?,
            soort_object_id: r.get(self.soort_object_id)?,
            betrokkenheid: r.get(self.betrokkenheid)?,
            soorten_gegevens: r.get(self.soorten_gegevens)?,
        })
    }
}
