//! One use of the resident's data, with the chain that explains it:
//! purpose → legal basis (with the law) → register entry → retention →
//! the resident's rights.

use super::{
    entries_html::EntryLinks,
    error::PortalError,
    mijn::{Case, Entry, Failure, Item},
    page_title, texts,
};
use crate::{
    i18n::Lang,
    model::{Groep, Regel, RequestKind, Uitleg},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    pub regel: Regel,
    pub zaak: Option<String>,
    pub uitleg: Option<Uitleg>,
}

/// One entry, only when it is the resident's own and visible to them.
#[server(prefix = "/api/portaal", endpoint = "actie")]
pub async fn mijn_actie(actie_id: String, lang: Lang) -> Result<Detail, PortalError> {
    use super::session::{resident, state};
    use crate::views::resident as view;
    let me = resident().await?;
    let state = state()?;
    let pseudonym = me.pseudonym_bytes();
    let version = view::own_entry(&state.db, &pseudonym, &actie_id)
        .await?
        .ok_or(PortalError::NotFound)?;
    let ctx = state.register_context.get(&state.db, lang).await?;
    let uitleg = ctx.activity_of(&version).map(|a| ctx.uitleg(a));
    state
        .log
        .log_view(
            &pseudonym,
            &me.sealed_id,
            "Bekijken details gegevensgebruik",
        )
        .await?;
    Ok(Detail {
        zaak: version.fields.verwerking_naam.clone(),
        regel: ctx.regel(&version),
        uitleg,
    })
}

/// One case (verwerking) of the resident: their entries in it and why.
#[server(prefix = "/api/portaal", endpoint = "verwerking")]
pub async fn mijn_verwerking(verwerking_id: String, lang: Lang) -> Result<Groep, PortalError> {
    use super::session::{resident, state};
    use crate::views::resident as view;
    let me = resident().await?;
    let state = state()?;
    let pseudonym = me.pseudonym_bytes();
    let ctx = state.register_context.get(&state.db, lang).await?;
    let groep = view::verwerking(&state.db, &ctx, &pseudonym, &verwerking_id)
        .await?
        .ok_or(PortalError::NotFound)?;
    state
        .log
        .log_view(&pseudonym, &me.sealed_id, "Bekijken zaak gegevensgebruik")
        .await?;
    Ok(groep)
}

/// `/mijn/zaak/:id` (a "zaak" to the resident): every use of their data in
/// one verwerking.
#[component]
pub fn VerwerkingDetail() -> impl IntoView {
    let t = texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, move |id| mijn_verwerking(id, lang));
    view! {
        <Title text=page_title(t.case_title) />
        <h1 class="utrecht-heading-1">{t.case_title}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(groep) => {
                        let uitleg = groep.uitleg.clone();
                        view! {
                            <Case groep open=true />
                            <Explanation uitleg />
                        }.into_any()
                    }
                    Err(e) => {
                        not_found_status(&e);
                        view! { <Failure error=e /> }.into_any()
                    }
                }
            })}
        </Suspense>
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/mijn">{t.back}</a>
        </p>
    }
}

/// A 404 status for a page whose entry is not the resident's (or absent).
fn not_found_status(e: &PortalError) {
    if *e == PortalError::NotFound {
        #[cfg(feature = "ssr")]
        if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
            r.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
}

#[component]
pub fn ActieDetail() -> impl IntoView {
    let t = texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, move |id| mijn_actie(id, lang));
    view! {
        <Title text=page_title(t.detail_title) />
        <h1 class="utrecht-heading-1">{t.detail_title}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(detail) => view! { <Chain detail /> }.into_any(),
                    Err(e) => {
                        not_found_status(&e);
                        view! { <Failure error=e /> }.into_any()
                    }
                }
            })}
        </Suspense>
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/mijn">{t.back}</a>
        </p>
    }
}

#[component]
fn Chain(detail: Detail) -> impl IntoView {
    let t = texts();
    let id = super::encode_component(&detail.regel.actie_id);
    // Every right the page lists, as a request about this entry.
    let rights = [RequestKind::Rectificatie, RequestKind::Beperking, RequestKind::Bezwaar].map(|k| {
        let href = format!("/mijn/verzoek?actie={id}&soort={}", k.as_str());
        view! { <li><a class="utrecht-link utrecht-link--html-a" href=href>{(t.request_title)(k)}</a></li> }
    });
    view! {
        {detail.zaak.clone().map(|z| view! { <p class="utrecht-paragraph utrecht-paragraph--lead">{z}</p> })}
        <ul class="app-entries">
            <Entry regel=detail.regel.clone() links=EntryLinks::OwnPage />
        </ul>
        <Explanation uitleg=detail.uitleg />
        <h2 class="utrecht-heading-2">{t.request_new_title}</h2>
        <ul class="utrecht-unordered-list">{rights.into_iter().collect_view()}</ul>
    }
}

/// Purpose → legal basis → law → retention, then the resident's rights.
#[component]
pub fn Explanation(uitleg: Option<Uitleg>) -> impl IntoView {
    let t = texts();
    view! {
        <h2 class="utrecht-heading-2">{t.chain_title}</h2>
        {match uitleg {
            Some(u) => {
                view! {
                    <p class="utrecht-paragraph">{u.uitleg.clone()}</p>
                    <dl class="utrecht-data-list utrecht-data-list--rows">
                        <Item key=t.why value=u.doel.clone() />
                        <Item key=t.legal_basis value=u.grondslag.clone() />
                        {(!u.wet.is_empty()).then(|| view! { <Item key=t.law value=u.wet.clone() /> })}
                        {u.bewaartermijn.clone().map(|b| view! { <Item key=t.retention value=b /> })}
                    </dl>
                    {u.wet_url.clone().map(|url| view! {
                        <p class="utrecht-paragraph">
                            <a class="utrecht-link utrecht-link--html-a" href=url rel="external">{u.wet.clone()}</a>
                        </p>
                    })}
                }
                    .into_any()
            }
            None => view! { <p class="utrecht-paragraph">{t.unknown_activity}</p> }.into_any(),
        }}
        <h2 class="utrecht-heading-2">{t.rights_title}</h2>
        <ul class="utrecht-unordered-list">
            {t.rights.iter().map(|r| view! { <li>{*r}</li> }).collect_view()}
        </ul>
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" rel="external" href="https://www.autoriteitpersoonsgegevens.nl/">
                {t.complaint}
            </a>
        </p>
    }
}
