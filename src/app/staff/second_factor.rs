//! The second step of a staff login: the code from the authenticator app,
//! or the first time its enrolment with a QR code; then the recovery codes,
//! shown once. The form posts to a plain route (`server::second_factor`),
//! so it works without JavaScript.

use super::{st, ErrorSummary, Field, FormError};
use crate::{app::error::PortalError, model::SecondStep};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What the second step asks; `None` when no login waits for it.
#[server(prefix = "/api/portaal", endpoint = "medewerker-tweede-stap")]
pub async fn tweede_stap() -> Result<Option<SecondStep>, PortalError> {
    let session = crate::app::session::session().await?;
    let state = crate::app::session::state()?;
    Ok(crate::auth::second_factor::step(&session, &state.db, state.log.keys()).await)
}

/// The recovery codes of the enrolment that just happened, once.
#[server(prefix = "/api/portaal", endpoint = "medewerker-herstelcodes")]
pub async fn herstelcodes() -> Result<Vec<String>, PortalError> {
    use crate::model::Rol;
    let me = crate::app::session::staff(&Rol::ALL).await?;
    let session = crate::app::session::session().await?;
    let state = crate::app::session::state()?;
    Ok(crate::auth::second_factor::take_recovery_codes(&session, state.log.keys(), &me.id).await)
}

#[component]
pub fn SecondFactor() -> impl IntoView {
    let t = st();
    let query = use_query_map();
    let wrong = move || query.read().get("fout").is_some();
    let step = Resource::new(|| (), |_| tweede_stap());
    view! {
        <Title text=t.second_title />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match step.await {
                    Ok(Some(step)) => {
                        let enrol = matches!(step, SecondStep::Enrol { .. });
                        view! {
                            <h1 class="utrecht-heading-1">{if enrol { t.enrol_title } else { t.second_title }}</h1>
                            {move || wrong().then(|| view! { <ErrorSummary field="code" message=(t.login_error)("code") /> })}
                            {match step {
                                SecondStep::Enrol { qr_svg, secret } => view! {
                                    <p class="utrecht-paragraph">{t.enrol_intro}</p>
                                    <div class="app-qr" inner_html=qr_svg></div>
                                    <p class="utrecht-paragraph">{t.enrol_key}" "<code class="app-secret">{secret}</code></p>
                                }.into_any(),
                                SecondStep::Code => view! {
                                    <p class="utrecht-paragraph">{t.second_intro}</p>
                                }.into_any(),
                            }}
                            <form method="post" action="/medewerker/tweede-stap">
                                <crate::app::CsrfField />
                                <Field id="code" label=t.code_label error=Signal::derive(move || wrong().then(|| (t.login_error)("code")))>
                                    <input class="utrecht-textbox utrecht-textbox--html-input" id="code" name="code" type="text"
                                        inputmode="text" autocomplete="one-time-code" required maxlength="20"
                                        aria-invalid=move || wrong().then_some("true")
                                        aria-describedby=move || wrong().then(|| super::error_id("code")) />
                                </Field>
                                <button class="utrecht-button utrecht-button--primary-action" type="submit">{t.code_submit}</button>
                            </form>
                        }.into_any()
                    }
                    _ => view! {
                        <h1 class="utrecht-heading-1">{t.second_title}</h1>
                        <FormError message=(t.login_error)("verlopen") />
                        <p class="utrecht-paragraph">
                            <a class="utrecht-link utrecht-link--html-a" href="/medewerker/inloggen">{t.login_title}</a>
                        </p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn RecoveryCodes() -> impl IntoView {
    let t = st();
    let codes = Resource::new(|| (), |_| herstelcodes());
    view! {
        <Title text=t.recovery_title />
        <h1 class="utrecht-heading-1">{t.recovery_title}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let codes = codes.await.unwrap_or_default();
                if codes.is_empty() {
                    view! { <p class="utrecht-paragraph">{t.recovery_gone}</p> }.into_any()
                } else {
                    view! {
                        <p class="utrecht-paragraph">{t.recovery_intro}</p>
                        <ul class="utrecht-unordered-list app-recovery">
                            {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Suspense>
        <p class="utrecht-paragraph">
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/medewerker">{t.recovery_done}</a>
        </p>
    }
}
