//! The log's columns: which ones the reads select, and for a new row each
//! column with its value, written once for the multi-row INSERT and for
//! PostgreSQL's COPY (log/copy.rs).

use super::rows::{NewVersion, SealedObject, Wijziging};
use sqlx::{query_builder::Separated, Postgres, Sqlite};
use std::sync::LazyLock;

pub(super) const VERSION_COLUMNS: &str =
    "v.seq, v.actie_id, v.registratie_utc, v.vervallen, v.tijdstip, v.tijdstip_utc, \
    v.vertrouwelijkheid, v.bewaartermijn, v.actie_naam, v.handeling_naam, v.verwerking_naam, \
    v.verwerking_id, v.verwerkingsactiviteit_id, v.verwerkingsactiviteit_url, v.uitvoerder, \
    v.systeem, v.gebruiker, v.gegevensbron, v.soort_afnemer_id, v.afnemer_id, \
    v.afnemer_id_sealed, v.verwerkingsactiviteit_id_afnemer, v.verwerkingsactiviteit_url_afnemer, \
    v.verwerking_id_afnemer";

pub(super) const OBJECT_COLUMNS: &str = "o.seq, o.verwerkt_object_id, o.pseudonym, o.objecttype, \
    o.soort_object_id, o.object_id_sealed, o.betrokkenheid, o.soorten_gegevens";

/// The columns of a `ResidentRow`. What a resident may not see, or the
/// page does not show, comes back empty instead of being read. Of
/// `gebruiker` only whether a person acted comes back (an empty text),
/// never who: an action without one was automatic.
pub(super) const RESIDENT_COLUMNS: &str =
    "v.seq, v.actie_id, v.registratie_utc, v.tijdstip, v.tijdstip_utc, \
    v.vertrouwelijkheid, NULL AS bewaartermijn, v.actie_naam, v.handeling_naam, v.verwerking_naam, \
    v.verwerking_id, v.verwerkingsactiviteit_id, NULL AS verwerkingsactiviteit_url, \
    NULL AS uitvoerder, NULL AS systeem, \
    CASE WHEN v.gebruiker IS NULL THEN NULL ELSE '' END AS gebruiker, NULL AS gegevensbron, \
    v.soort_afnemer_id, v.afnemer_id, NULL AS afnemer_id_sealed, \
    NULL AS verwerkingsactiviteit_id_afnemer, NULL AS verwerkingsactiviteit_url_afnemer, \
    NULL AS verwerking_id_afnemer, o.verwerkt_object_id, o.objecttype, o.soort_object_id, \
    o.betrokkenheid, o.soorten_gegevens";

/// `v` is the current version of its action and the action is not deleted.
pub(crate) const IS_CURRENT: &str = "v.vervallen = FALSE AND NOT EXISTS \
    (SELECT 1 FROM actie_versie n WHERE n.actie_id = v.actie_id AND n.seq > v.seq)";

/// Where the values of a new row go, column by column.
pub(super) trait Values<'a> {
    fn int(&mut self, column: &'static str, value: i64) -> &mut Self;
    fn boolean(&mut self, column: &'static str, value: bool) -> &mut Self;
    fn text(&mut self, column: &'static str, value: Option<&'a str>) -> &mut Self;
    fn bytes(&mut self, column: &'static str, value: Option<&'a [u8]>) -> &mut Self;
    /// A hash computed for the row, not borrowed from it.
    fn digest(&mut self, column: &'static str, value: [u8; 32]) -> &mut Self;
}

/// A new version's columns and values, in one order for INSERT and COPY.
pub(super) fn version<'a, V: Values<'a>>(out: &mut V, seq: i64, v: &'a NewVersion<'_>) {
    let f = v.fields;
    out.int("seq", seq)
        .text("actie_id", Some(v.actie_id))
        .text("wijziging", Some(v.wijziging.as_str()))
        .boolean("vervallen", v.wijziging == Wijziging::Delete)
        .text("client_id", Some(v.client_id))
        .int("registratie_utc", v.registratie_utc)
        .text("tijdstip", Some(&f.tijdstip))
        .int("tijdstip_utc", f.tijdstip_utc)
        .text("vertrouwelijkheid", Some(f.vertrouwelijkheid.as_str()))
        .text("bewaartermijn", f.bewaartermijn.as_deref())
        .text("actie_naam", f.actie_naam.as_deref())
        .text("handeling_naam", f.handeling_naam.as_deref())
        .text("verwerking_naam", f.verwerking_naam.as_deref())
        .text("verwerking_id", f.verwerking_id.as_deref())
        .text(
            "verwerkingsactiviteit_id",
            f.verwerkingsactiviteit_id.as_deref(),
        )
        .text(
            "verwerkingsactiviteit_url",
            f.verwerkingsactiviteit_url.as_deref(),
        )
        .text("uitvoerder", f.uitvoerder.as_deref())
        .text("systeem", f.systeem.as_deref())
        .text("gebruiker", f.gebruiker.as_deref())
        .text("gegevensbron", f.gegevensbron.as_deref())
        .text("soort_afnemer_id", f.soort_afnemer_id.as_deref())
        .text("afnemer_id", f.afnemer_id.as_deref())
        .bytes("afnemer_id_sealed", f.afnemer_id_sealed.as_deref())
        .text(
            "verwerkingsactiviteit_id_afnemer",
            f.verwerkingsactiviteit_id_afnemer.as_deref(),
        )
        .text(
            "verwerkingsactiviteit_url_afnemer",
            f.verwerkingsactiviteit_url_afnemer.as_deref(),
        )
        .text("verwerking_id_afnemer", f.verwerking_id_afnemer.as_deref())
        .bytes("leaf_salt", Some(&v.leaf_salt))
        .digest("leaf_hash", v.leaf(seq).hash());
}

/// A new person row's columns and values; the version's time, visibility
/// and activity are copied in, so the resident's reads need only this row,
/// and a resident's own look at their log is marked, so the overview skips
/// it inside the person index.
pub(super) fn object<'a, V: Values<'a>>(
    out: &mut V,
    seq: i64,
    v: &NewVersion<'a>,
    o: &'a SealedObject,
) {
    out.int("seq", seq)
        .text("verwerkt_object_id", Some(&o.verwerkt_object_id))
        .bytes("pseudonym", Some(&o.pseudonym))
        .text("objecttype", Some(&o.objecttype))
        .text("soort_object_id", Some(&o.soort_object_id))
        .bytes("object_id_sealed", Some(&o.object_id_sealed))
        .text("betrokkenheid", o.betrokkenheid.as_deref())
        .text("soorten_gegevens", Some(&o.soorten_gegevens))
        .int("tijdstip_utc", v.fields.tijdstip_utc)
        .boolean("zichtbaar", v.visible_to_resident())
        .text(
            "verwerkingsactiviteit_id",
            v.fields.verwerkingsactiviteit_id.as_deref(),
        )
        .boolean("eigen_inzage", v.is_own_view());
}

/// The columns a new version fills, in the order [`version`] gives them.
pub(super) static NEW_VERSION_COLUMNS: LazyLock<String> = LazyLock::new(|| {
    let fields = Default::default();
    let mut names = Names::default();
    version(&mut names, 0, &example(&fields, &[]));
    names.0.join(", ")
});

/// The columns a new person row fills, in the order [`object`] gives them.
pub(super) static NEW_OBJECT_COLUMNS: LazyLock<String> = LazyLock::new(|| {
    let fields = Default::default();
    let objects = [SealedObject::default()];
    let mut names = Names::default();
    object(&mut names, 0, &example(&fields, &objects), &objects[0]);
    names.0.join(", ")
});

/// A version to read the column names off.
fn example<'a>(
    fields: &'a super::rows::ActieFields,
    objects: &'a [SealedObject],
) -> NewVersion<'a> {
    NewVersion {
        actie_id: "",
        wijziging: Wijziging::Create,
        client_id: "",
        registratie_utc: 0,
        fields,
        objects,
        idempotency: None,
        replaces: None,
        leaf_salt: [0; 32],
    }
}

/// Collects the column names only.
#[derive(Default)]
struct Names(Vec<&'static str>);

impl<'a> Values<'a> for Names {
    fn int(&mut self, column: &'static str, _: i64) -> &mut Self {
        self.0.push(column);
        self
    }
    fn boolean(&mut self, column: &'static str, _: bool) -> &mut Self {
        self.0.push(column);
        self
    }
    fn text(&mut self, column: &'static str, _: Option<&'a str>) -> &mut Self {
        self.0.push(column);
        self
    }
    fn bytes(&mut self, column: &'static str, _: Option<&'a [u8]>) -> &mut Self {
        self.0.push(column);
        self
    }
    fn digest(&mut self, column: &'static str, _: [u8; 32]) -> &mut Self {
        self.0.push(column);
        self
    }
}

/// Binds the values of one row of a multi-row INSERT.
macro_rules! bind_values {
    ($db:ty) => {
        impl<'a: 'args, 'args> Values<'a> for Separated<'_, 'args, $db, &'static str> {
            fn int(&mut self, _: &'static str, value: i64) -> &mut Self {
                self.push_bind(value)
            }
            fn boolean(&mut self, _: &'static str, value: bool) -> &mut Self {
                self.push_bind(value)
            }
            fn text(&mut self, _: &'static str, value: Option<&'a str>) -> &mut Self {
                self.push_bind(value)
            }
            fn bytes(&mut self, _: &'static str, value: Option<&'a [u8]>) -> &mut Self {
                self.push_bind(value)
            }
            fn digest(&mut self, _: &'static str, value: [u8; 32]) -> &mut Self {
                self.push_bind(value.to_vec())
            }
        }
    };
}

bind_values!(Sqlite);
bind_values!(Postgres);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_rows_name_every_column_once() {
        for columns in [&*NEW_VERSION_COLUMNS, &*NEW_OBJECT_COLUMNS] {
            let names: Vec<&str> = columns.split(", ").collect();
            let unique: std::collections::BTreeSet<&str> = names.iter().copied().collect();
            assert_eq!(names.len(), unique.len(), "{columns}");
        }
        assert_eq!(NEW_VERSION_COLUMNS.split(", ").count(), 28);
        assert!(NEW_OBJECT_COLUMNS.starts_with("seq, verwerkt_object_id, pseudonym"));
    }
}
