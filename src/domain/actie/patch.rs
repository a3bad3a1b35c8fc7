//! The `PATCH /verwerkingsacties?verwerkingId=` body (`PatchRequestBody`).

use serde_json::Value;

use super::not_an_object;
use crate::domain::duration::IsoDuration;
use crate::domain::fields::{opt_parsed, Problems};
use crate::domain::invalid::{InvalidParam, NON_FIELD_ERRORS};
use crate::domain::vertrouwelijkheid::Vertrouwelijkheid;

/// A validated `PATCH` body: at least one of the two is present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchBody {
    pub bewaartermijn: Option<IsoDuration>,
    pub vertrouwelijkheid: Option<Vertrouwelijkheid>,
}

impl PatchBody {
    /// Parses a `PATCH` body; an empty change (`{}`) is refused because it
    /// would add a new version of every action for nothing.
    pub fn from_json(body: &Value) -> Result<PatchBody, Vec<InvalidParam>> {
        let Some(o) = body.as_object() else {
            return Err(not_an_object());
        };
        let mut p = Problems::default();
        let bewaartermijn = opt_parsed(o, "", "bewaartermijn", "invalid_duration", &mut p);
        let vertrouwelijkheid = opt_parsed(o, "", "vertrouwelijkheid", "invalid_choice", &mut p);
        if !p.is_empty() {
            return Err(p.0);
        }
        if bewaartermijn.is_none() && vertrouwelijkheid.is_none() {
            p.add(
                NON_FIELD_ERRORS,
                "required",
                "Geef bewaartermijn, vertrouwelijkheid of allebei.",
            );
            return Err(p.0);
        }
        Ok(PatchBody {
            bewaartermijn,
            vertrouwelijkheid,
        })
    }
}
