//! The demo login: a plain HTML form listing the demo residents. It only
//! exists in demo mode; otherwise the page is a 404.

use super::{error::PortalError, page_title, texts};
use leptos::prelude::*;
use leptos_meta::Title;

/// (name, test BSN) of the demo residents, in demo mode only.
#[server(prefix = "/api/portaal", endpoint = "demo-inwoners")]
pub async fn demo_residents() -> Result<Vec<(String, String)>, PortalError> {
    if !super::session::state()?.config.demo {
        if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
            r.set_status(axum::http::StatusCode::NOT_FOUND);
        }
        return Err(PortalError::NotFound);
    }
    Ok(crate::demo::residents::all()
        .into_iter()
        .map(|r| (r.naam, r.bsn))
        .collect())
}

#[component]
pub fn DemoLogin() -> impl IntoView {
    let t = texts();
    let residents = Resource::new(|| (), |_| demo_residents());
    view! {
        <Title text=page_title(t.demo_title) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match residents.await {
                    Ok(list) => view! {
                        <h1 class="utrecht-heading-1">{t.demo_title}</h1>
                        <p class="utrecht-paragraph">{t.demo_intro}</p>
                        <form method="post" action="/auth/demo-login">
                            <crate::app::CsrfField />
                            <div class="utrecht-form-field utrecht-form-field--distanced">
                                <div class="utrecht-form-field__label">
                                    <label class="utrecht-form-label" for="bsn">{t.demo_choose}</label>
                                </div>
                                <div class="utrecht-form-field__input app-select-wrap">
                                    <select class="utrecht-select utrecht-select--html-select" id="bsn" name="bsn">
                                        {list.into_iter().map(|(naam, bsn)| {
                                            let label = format!("{naam} (BSN {bsn})");
                                            view! { <option value=bsn>{label}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                            </div>
                            <button class="utrecht-button utrecht-button--primary-action" type="submit">
                                {t.demo_submit}
                            </button>
                        </form>
                    }.into_any(),
                    Err(_) => view! {
                        <h1 class="utrecht-heading-1">{t.not_found_title}</h1>
                        <p class="utrecht-paragraph">{t.not_found_body}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
