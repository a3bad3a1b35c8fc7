//! The staff login: a local account, the staff identity provider when
//! configured, and in demo mode a choice of role. The forms post to plain
//! routes (`server::staff`), so they work without JavaScript.

use super::{st, Field, FormError};
use crate::{app::error::PortalError, model::Rol};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// (demo mode, staff OIDC configured)
#[server(prefix = "/api/portaal", endpoint = "medewerker-inlogopties")]
pub async fn login_options() -> Result<(bool, bool), PortalError> {
    let state = crate::app::session::state()?;
    Ok((state.config.demo, state.staff_oidc.is_some()))
}

#[component]
pub fn StaffLogin() -> impl IntoView {
    let t = st();
    let query = use_query_map();
    let fout = move || query.read().get("fout");
    let options = Resource::new(|| (), |_| login_options());
    view! {
        <Title text=t.login_title />
        <h1 class="utrecht-heading-1">{t.login_title}</h1>
        <p class="utrecht-paragraph">{t.login_intro}</p>
        {move || fout().map(|code| view! { <FormError message=(t.login_error)(&code) /> })}
        <form method="post" action="/medewerker/inloggen">
            <crate::app::CsrfField />
            <Field id="naam" label=t.name>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="naam" name="naam" type="text" autocomplete="username" required />
            </Field>
            <Field id="wachtwoord" label=t.password>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password" required />
            </Field>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">{t.login_submit}</button>
        </form>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (demo, oidc) = options.await.unwrap_or((false, false));
                view! {
                    {oidc.then(|| view! {
                        <p class="utrecht-paragraph">
                            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" rel="external" href="/medewerker/oidc">{t.oidc_login}</a>
                        </p>
                    })}
                    {demo.then(|| view! {
                        <h2 class="utrecht-heading-2">{t.demo_title}</h2>
                        <form method="post" action="/medewerker/demo-login">
                            <crate::app::CsrfField />
                            <Field id="rol" label=t.demo_choose>
                                <select class="utrecht-select utrecht-select--html-select" id="rol" name="rol">
                                    {Rol::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{(t.role_label)(r)}</option> }).collect_view()}
                                </select>
                            </Field>
                            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.demo_submit}</button>
                        </form>
                    })}
                }
            })}
        </Suspense>
    }
}
