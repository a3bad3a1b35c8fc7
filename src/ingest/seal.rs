//! The edge of privacy: a parsed action becomes its stored form (persons as
//! keyed pseudonyms plus sealed identifiers), and a stored action becomes a
//! readable view again only where a caller may see identifiers.

use crate::{
    crypto::Keys,
    domain::{Bsn, NewActie, NewObject},
    store::log::{ActieFields, SealedObject, StoredVersion},
};
use uuid::Uuid;

/// An action as the API shows it, with identifiers opened.
#[derive(Clone, Debug)]
pub struct ActieView {
    pub actie_id: String,
    pub registratie_utc: i64,
    pub fields: ActieFields,
    /// Opened again when it was sealed (a person as recipient).
    pub afnemer_id: Option<String>,
    pub objects: Vec<ObjectView>,
}

#[derive(Clone)]
pub struct ObjectView {
    pub verwerkt_object_id: String,
    pub objecttype: String,
    pub soort_object_id: String,
    pub object_id: String,
    pub betrokkenheid: Option<String>,
    pub soorten_gegevens: Vec<String>,
}

impl std::fmt::Debug for ObjectView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectView")
            .field("verwerkt_object_id", &self.verwerkt_object_id)
            .finish_non_exhaustive()
    }
}

/// Sealed data could not be opened: a wrong key or tampering.
#[derive(Debug, thiserror::Error)]
#[error("stored identifier of action {0} cannot be opened (wrong INZAGE_ENCRYPTION_KEY?)")]
pub struct Unreadable(pub String);

pub fn pseudonym(keys: &Keys, soort_object_id: &str, object_id: &str) -> Vec<u8> {
    keys.pseudonym
        .pseudonym(soort_object_id, object_id)
        .as_bytes()
        .to_vec()
}

/// A resident as a session keeps them: the keyed pseudonym, and the BSN
/// sealed under the encryption key and bound to that pseudonym (to log a
/// view on them later). Never the BSN itself.
pub fn person(keys: &Keys, bsn: &Bsn) -> (Vec<u8>, Vec<u8>) {
    let pseudonym = pseudonym(keys, "BSN", bsn.as_str());
    let sealed = keys.encryption.seal(bsn.as_str().as_bytes(), &pseudonym);
    (pseudonym, sealed)
}

/// The stored form of a new action. `actie_id` binds a sealed recipient to
/// its action.
pub fn seal(keys: &Keys, actie_id: &str, new: &NewActie) -> (ActieFields, Vec<SealedObject>) {
    let uuid = |id: Option<Uuid>| id.map(|u| u.to_string());
    // Only an organisation's identifier stays readable; a person's, or one
    // of a kind we do not know, is sealed.
    let (afnemer_id, afnemer_id_sealed) = match &new.afnemer_id {
        Some(id) if !new.afnemer_is_organisation() => (
            None,
            Some(keys.encryption.seal(id.as_bytes(), actie_id.as_bytes())),
        ),
        other => (other.clone(), None),
    };
    let fields = ActieFields {
        tijdstip: new.tijdstip.as_str().to_owned(),
        tijdstip_utc: new.tijdstip.utc_micros(),
        vertrouwelijkheid: new.vertrouwelijkheid,
        bewaartermijn: new.bewaartermijn.as_ref().map(|d| d.as_str().to_owned()),
        actie_naam: new.actie_naam.clone(),
        handeling_naam: new.handeling_naam.clone(),
        verwerking_naam: new.verwerking_naam.clone(),
        verwerking_id: uuid(new.verwerking_id),
        verwerkingsactiviteit_id: uuid(new.verwerkingsactiviteit_id),
        verwerkingsactiviteit_url: new.verwerkingsactiviteit_url.clone(),
        uitvoerder: new.uitvoerder.as_ref().map(|o| o.as_str().to_owned()),
        systeem: new.systeem.clone(),
        gebruiker: new.gebruiker.clone(),
        gegevensbron: new.gegevensbron.clone(),
        soort_afnemer_id: new.soort_afnemer_id.clone(),
        afnemer_id,
        afnemer_id_sealed,
        verwerkingsactiviteit_id_afnemer: uuid(new.verwerkingsactiviteit_id_afnemer),
        verwerkingsactiviteit_url_afnemer: new.verwerkingsactiviteit_url_afnemer.clone(),
        verwerking_id_afnemer: uuid(new.verwerking_id_afnemer),
    };
    let objects = new
        .verwerkte_objecten
        .iter()
        .map(|o| seal_object(keys, o))
        .collect();
    (fields, objects)
}

fn seal_object(keys: &Keys, object: &NewObject) -> SealedObject {
    let pseudonym = pseudonym(keys, &object.soort_object_id, &object.object_id);
    let object_id_sealed = keys
        .encryption
        .seal(object.object_id.as_bytes(), &pseudonym);
    SealedObject {
        verwerkt_object_id: super::new_id(),
        objecttype: object.objecttype.as_str().to_owned(),
        soort_object_id: object.soort_object_id.clone(),
        object_id_sealed,
        pseudonym,
        betrokkenheid: object.betrokkenheid.clone(),
        soorten_gegevens: serde_json::to_string(&object.soorten_gegevens)
            .unwrap_or_else(|_| "[]".into()),
    }
}

/// The view of an action just sealed, without opening anything: the
/// request that created it holds the identifiers in plain form.
pub fn view_of_new(
    actie_id: &str,
    registratie_utc: i64,
    fields: &ActieFields,
    objects: &[SealedObject],
    new: &NewActie,
) -> ActieView {
    let objects = objects
        .iter()
        .zip(&new.verwerkte_objecten)
        .map(|(sealed, plain)| ObjectView {
            verwerkt_object_id: sealed.verwerkt_object_id.clone(),
            objecttype: sealed.objecttype.clone(),
            soort_object_id: sealed.soort_object_id.clone(),
            object_id: plain.object_id.clone(),
            betrokkenheid: sealed.betrokkenheid.clone(),
            soorten_gegevens: plain.soorten_gegevens.clone(),
        })
        .collect();
    ActieView {
        actie_id: actie_id.to_owned(),
        registratie_utc,
        fields: fields.clone(),
        afnemer_id: new.afnemer_id.clone(),
        objects,
    }
}

/// Opens a stored version for a caller allowed to see identifiers.
pub fn open(keys: &Keys, version: StoredVersion) -> Result<ActieView, Unreadable> {
    let unreadable = || Unreadable(version.actie_id.clone());
    let afnemer_id = match &version.fields.afnemer_id_sealed {
        Some(sealed) => Some(
            keys.encryption
                .open(sealed, version.actie_id.as_bytes())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(unreadable)?,
        ),
        None => version.fields.afnemer_id.clone(),
    };
    let objects = version
        .objects
        .iter()
        .map(|o| {
            let object_id = keys
                .encryption
                .open(&o.object_id_sealed, &o.pseudonym)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(unreadable)?;
            Ok(ObjectView {
                verwerkt_object_id: o.verwerkt_object_id.clone(),
                objecttype: o.objecttype.clone(),
                soort_object_id: o.soort_object_id.clone(),
                object_id,
                betrokkenheid: o.betrokkenheid.clone(),
                soorten_gegevens: serde_json::from_str(&o.soorten_gegevens).unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ActieView {
        actie_id: version.actie_id,
        registratie_utc: version.registratie_utc,
        fields: version.fields,
        afnemer_id,
        objects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_is_kept_as_pseudonym_and_a_sealed_bsn_bound_to_it() {
        let keys = Keys::for_tests();
        let bsn: Bsn = "999993653".parse().expect("a valid test BSN");
        let (pseudonym, sealed) = person(&keys, &bsn);
        assert_eq!(pseudonym, super::pseudonym(&keys, "BSN", "999993653"));
        assert!(!sealed.windows(9).any(|w| w == bsn.as_str().as_bytes()));
        let opened = keys.encryption.open(&sealed, &pseudonym).expect("opens");
        assert_eq!(opened, bsn.as_str().as_bytes());
        // Bound to this pseudonym: under another one it does not open.
        let other = super::pseudonym(&keys, "BSN", "999990019");
        assert!(keys.encryption.open(&sealed, &other).is_err());
    }
}
