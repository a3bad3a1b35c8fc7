//! The workspace start page: who is logged in, and what their role may do.

use super::{st, StaffFailure};
use crate::{app::error::PortalError, model::Rol};
use leptos::prelude::*;
use leptos_meta::Title;

/// The logged-in member of staff: (display name, role).
#[server(prefix = "/api/portaal", endpoint = "medewerker-ik")]
pub async fn ik() -> Result<(String, Rol), PortalError> {
    let me = crate::app::session::staff(&Rol::ALL).await?;
    Ok((me.weergavenaam, me.rol))
}

#[component]
pub fn Home() -> impl IntoView {
    let t = st();
    let me = Resource::new(|| (), |_| ik());
    let link = |href: &'static str, text: &'static str| {
        view! { <li><a class="utrecht-link utrecht-link--html-a" href=href>{text}</a></li> }
    };
    view! {
        <Title text=t.workspace />
        <h1 class="utrecht-heading-1">{t.workspace}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok((naam, rol)) => view! {
                        <p class="utrecht-paragraph">{t.logged_in_as}" "{naam}" ("{(t.role_label)(rol)}")"</p>
                        <form method="post" action="/medewerker/uitloggen">
                            <crate::app::CsrfField />
                            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.logout}</button>
                        </form>
                        <ul class="utrecht-unordered-list">
                            {(rol != Rol::Admin).then(|| link("/medewerker/opzoeken", t.home_lookup))}
                            {(rol == Rol::PrivacyOfficer).then(|| link("/medewerker/verzoeken", t.home_queue))}
                            {(rol == Rol::Admin).then(|| link("/medewerker/beheer", t.home_admin))}
                            {(rol != Rol::Clerk).then(|| link("/medewerker/register", t.home_register))}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <StaffFailure error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
