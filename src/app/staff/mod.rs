//! The staff workspace under `/medewerker`: login, the clerk's look-up, the
//! privacy officer's requests and investigation, and the admin's overview.
//! Every server function checks the role itself; the pages only render.

mod admin;
mod case;
mod home;
mod investigation;
mod login;
mod lookup;
mod queue;
mod register;
mod second_factor;

pub use admin::Admin;
pub use case::CaseDetail;
pub use home::Home;
pub use investigation::{Investigation, PersonInvestigation};
pub use login::StaffLogin;
pub use lookup::{Lookup, ResidentView};
pub use queue::Queue;
pub use register::{Register, RegisterItem};
pub use second_factor::{RecoveryCodes, SecondFactor};

use super::{
    alert::{Message, Tone},
    error::PortalError,
};
use crate::i18n::{Lang, StaffTexts};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
/// A request and the privacy officer handling it (a 404 for an unknown id).
pub(super) async fn case_and_me(
    id: &str,
) -> Result<
    (
        crate::auth::staff::StaffSession,
        crate::store::requests::CaseRow,
    ),
    PortalError,
> {
    let me = crate::app::session::staff(&[crate::model::Rol::PrivacyOfficer]).await?;
    let state = crate::app::session::state()?;
    let case = state
        .db
        .case_by_id(id)
        .await?
        .ok_or_else(crate::app::session::not_found)?;
    Ok((me, case))
}

pub fn st() -> &'static StaffTexts {
    use_context::<Lang>().unwrap_or_default().staff_texts()
}

/// What a staff page shows when its server function refused or failed.
#[component]
pub fn StaffFailure(error: PortalError) -> impl IntoView {
    let t = st();
    let body = match error {
        PortalError::Forbidden => t.forbidden_body,
        PortalError::NotLoggedIn => (t.login_error)("verlopen"),
        PortalError::NotFound => super::texts().not_found_body,
        _ => super::texts().error_body,
    };
    view! {
        <Message tone=Tone::Error text=body />
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/medewerker">{t.back_to_workspace}</a>
        </p>
    }
}

/// A labelled form field around one input.
#[component]
pub fn Field(id: &'static str, label: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="utrecht-form-field utrecht-form-field--distanced">
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for=id>{label}</label>
            </div>
            <div class="utrecht-form-field__input">{children()}</div>
        </div>
    }
}

/// A short error message at the top of a form.
#[component]
pub fn FormError(message: &'static str) -> impl IntoView {
    view! { <Message tone=Tone::Error text=message /> }
}

pub fn back_link() -> impl IntoView {
    view! {
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/medewerker">{st().back_to_workspace}</a>
        </p>
    }
}
