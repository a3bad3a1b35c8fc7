//! The portal's own actions on a resident: every view of the log is logged
//! on that resident too.

use super::{new_id, now_micros, writer, LogError, LogService, PORTAL_CLIENT, VIEW_ACTIVITY_ID};
use crate::domain::{Tijdstip, Vertrouwelijkheid};

impl LogService {
    /// Viewing the log is processing too: logs a view on the resident, as
    /// an action of the portal itself, so the resident sees it as well.
    pub async fn log_view(
        &self,
        pseudonym: &[u8],
        sealed_id: &[u8],
        actie_naam: &str,
    ) -> Result<(), LogError> {
        let fields = crate::store::log::ActieFields {
            actie_naam: Some(actie_naam.to_owned()),
            handeling_naam: Some("Inzage".into()),
            verwerking_naam: Some("Inzage in gegevensgebruik".into()),
            verwerkingsactiviteit_id: Some(VIEW_ACTIVITY_ID.into()),
            ..Default::default()
        };
        self.log_portal_action(pseudonym, sealed_id, fields).await
    }

    /// A member of staff looked at a resident's log: logged on the resident
    /// under `activity_id`, with the reason they see and the member of staff
    /// as `gebruiker` (which residents never see, privacy officers do).
    pub async fn log_staff_view(
        &self,
        pseudonym: &[u8],
        sealed_id: &[u8],
        activity_id: &str,
        door: &str,
        reden: &str,
    ) -> Result<(), LogError> {
        let fields = crate::store::log::ActieFields {
            actie_naam: Some(format!("Bekeken door een medewerker: {reden}")),
            handeling_naam: Some("Beantwoorden van uw vraag".into()),
            verwerking_naam: Some("Beantwoorden van vragen over gegevensgebruik".into()),
            verwerkingsactiviteit_id: Some(activity_id.into()),
            gebruiker: Some(door.to_owned()),
            ..Default::default()
        };
        self.log_portal_action(pseudonym, sealed_id, fields).await
    }

    /// An action of the portal itself on one resident, now.
    async fn log_portal_action(
        &self,
        pseudonym: &[u8],
        sealed_id: &[u8],
        fields: crate::store::log::ActieFields,
    ) -> Result<(), LogError> {
        let now = Tijdstip::now();
        // One verwerking per resident, activity and day: a day's views show
        // as one case ("12 keer gebruikt voor: Inzage in gegevensgebruik").
        let day = now.as_str().get(..10).unwrap_or_default();
        let activity = fields
            .verwerkingsactiviteit_id
            .as_deref()
            .unwrap_or_default();
        let verwerking_id = day_verwerking(pseudonym, activity, day);
        let fields = crate::store::log::ActieFields {
            tijdstip: now.as_str().to_owned(),
            tijdstip_utc: now.utc_micros(),
            vertrouwelijkheid: Vertrouwelijkheid::Normaal,
            bewaartermijn: Some("P1Y".into()),
            systeem: Some(format!("Inzage {}", env!("CARGO_PKG_VERSION"))),
            gegevensbron: Some("Verwerkingenlog".into()),
            verwerking_id: Some(verwerking_id),
            ..fields
        };
        let object = crate::store::log::SealedObject {
            verwerkt_object_id: new_id(),
            pseudonym: pseudonym.to_vec(),
            objecttype: "persoon".into(),
            soort_object_id: "BSN".into(),
            object_id_sealed: sealed_id.to_vec(),
            betrokkenheid: Some("Betrokkene".into()),
            soorten_gegevens: r#"["Gegevensgebruik"]"#.into(),
        };
        // Through the group-commit writer, like the API's creates: views
        // that arrive together share one commit instead of queueing for
        // SQLite's write lock one by one. Each is answered after its commit.
        let version = writer::Owned {
            actie_id: new_id(),
            client_id: PORTAL_CLIENT.to_owned(),
            registratie_utc: now_micros(),
            fields,
            objects: vec![object],
            idempotency: None,
        };
        self.writer.append(vec![version]).await?;
        Ok(())
    }
}

/// A stable verwerking id for the portal's own actions on one resident, per
/// activity and day (a UUID made from a hash, so it reveals nothing).
fn day_verwerking(pseudonym: &[u8], activity: &str, day: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::new()
        .chain_update(pseudonym)
        .chain_update(activity.as_bytes())
        .chain_update(day.as_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hash[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}
