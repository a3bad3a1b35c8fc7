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
    alert::{Alert, Message, Tone},
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

/// Who a request is from, as staff see it in the queue and on the request:
/// the name where known (only the demo knows names; Inzage is not linked to
/// the BRP) and the last digits of the BSN.
#[cfg(feature = "ssr")]
pub(super) fn resident_label(
    state: &crate::state::AppState,
    keys: &crate::crypto::Keys,
    row: &crate::store::requests::CaseRow,
    lang: Lang,
) -> Option<String> {
    let bsn = crate::views::requests::requester_bsn(keys, row)?;
    let end = &bsn[bsn.len().saturating_sub(3)..];
    let naam = state
        .config
        .demo
        .then(|| crate::demo::residents::name_of(&bsn))
        .flatten();
    Some((lang.staff_texts().resident_short)(end, naam.as_deref()))
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

/// A labelled form field around one input. With `error`, the message
/// stands between label and input (id `{id}-fout`, for the input's
/// `aria-describedby`), as the error summary above the form links to it.
#[component]
pub fn Field(
    id: &'static str,
    label: &'static str,
    #[prop(optional, into)] error: MaybeProp<&'static str>,
    children: Children,
) -> impl IntoView {
    let class = move || {
        if error.get().is_some() {
            "utrecht-form-field utrecht-form-field--distanced utrecht-form-field--invalid"
        } else {
            "utrecht-form-field utrecht-form-field--distanced"
        }
    };
    view! {
        <div class=class>
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for=id>{label}</label>
            </div>
            {move || error.get().map(|message| view! {
                <p class="utrecht-form-field-error-message" id=error_id(id)>{message}</p>
            })}
            <div class="utrecht-form-field__input">{children()}</div>
        </div>
    }
}

/// The id of a field's error message.
pub fn error_id(field: &str) -> String {
    format!("{field}-fout")
}

/// An input's `aria-invalid` and `aria-describedby` while its field has an error.
pub fn invalid(
    field: &'static str,
    error: Signal<Option<&'static str>>,
) -> (
    impl Fn() -> Option<&'static str> + Copy,
    impl Fn() -> Option<String> + Copy,
) {
    (
        move || error.get().map(|_| "true"),
        move || error.get().map(|_| error_id(field)),
    )
}

/// A short error message at the top of a form, for what is not one field's.
#[component]
pub fn FormError(message: &'static str) -> impl IntoView {
    view! { <Message tone=Tone::Error text=message /> }
}

/// Above a refused form: what is wrong, each linked to its field, where
/// [`Field`] shows the same message.
#[component]
pub fn ErrorSummary(#[prop(into)] field: String, message: &'static str) -> impl IntoView {
    // Focused as the page opens, so a screen reader starts here.
    view! {
        <Alert tone=Tone::Error>
            <h2 class="utrecht-heading-3" id="foutoverzicht" tabindex="-1" autofocus>{st().error_summary_title}</h2>
            <ul class="utrecht-unordered-list">
                <li><a class="utrecht-link utrecht-link--html-a" href=format!("#{field}")>{message}</a></li>
            </ul>
        </Alert>
    }
}

pub fn back_link() -> impl IntoView {
    view! {
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/medewerker">{st().back_to_workspace}</a>
        </p>
    }
}
