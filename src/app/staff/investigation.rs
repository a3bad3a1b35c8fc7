//! The privacy officer's investigation for one request: every record about
//! the resident, confidential ones included, and lifting confidentiality
//! of a verwerking after a confirmation. Each opening and each lift is in
//! the request's history and the audit trail.

use super::{back_link, st, StaffFailure};
use crate::{
    app::{error::PortalError, mijn::Item},
    i18n::Lang,
    model::Vastlegging,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[server(prefix = "/api/portaal", endpoint = "medewerker-onderzoek")]
pub async fn onderzoek(id: String, lang: Lang) -> Result<(String, Vec<Vastlegging>), PortalError> {
    use crate::store::requests::CaseChange;
    let (me, case) = super::case_and_me(&id).await?;
    let state = crate::app::session::state();
    let records =
        crate::views::investigation::records(&state.db, state.log.keys(), &case.pseudonym, lang)
            .await
            .map_err(PortalError::internal)?;
    state
        .db
        .case_event(
            &id,
            &CaseChange::default(),
            &me.label(),
            "onderzoek",
            false,
            None,
        )
        .await
        .map_err(PortalError::internal)?;
    crate::server::staff::audit(
        &state,
        &me.label(),
        me.rol,
        "onderzoek geopend",
        Some(&case.zaaknummer),
        None,
    )
    .await;
    Ok((case.zaaknummer, records))
}

/// Lifts the confidentiality of one verwerking of this resident:
/// `vertrouwelijk` → `opgeheven` on every action, as new versions.
#[server(prefix = "/api/portaal", endpoint = "medewerker-opheffen")]
pub async fn hef_op(id: String, verwerking: String) -> Result<(), PortalError> {
    use crate::{
        domain::{PatchBody, Vertrouwelijkheid},
        ingest::{scopes::Scopes, Caller},
        store::requests::CaseChange,
    };
    let (me, case) = super::case_and_me(&id).await?;
    let state = crate::app::session::state();
    // Only a verwerking this resident is in, and only confidential actions.
    let actions = state
        .db
        .current_versions_of_verwerking(&verwerking)
        .await
        .map_err(PortalError::internal)?;
    let mine = actions
        .iter()
        .any(|v| v.objects.iter().any(|o| o.pseudonym == case.pseudonym));
    if !mine
        || !actions
            .iter()
            .any(|v| v.fields.vertrouwelijkheid == "vertrouwelijk")
    {
        return Err(PortalError::NotFound);
    }
    let caller = Caller {
        client_id: format!("medewerker:{}", me.id),
        organisation: String::new(),
        scopes: Scopes::parse("update:confidential").map_err(PortalError::internal)?,
    };
    let body = PatchBody {
        bewaartermijn: None,
        vertrouwelijkheid: Some(Vertrouwelijkheid::Opgeheven),
    };
    let n = state
        .log
        .patch(&caller, &verwerking, &body)
        .await
        .map_err(PortalError::internal)?;
    state
        .db
        .case_event(
            &id,
            &CaseChange::default(),
            &me.label(),
            "opgeheven",
            false,
            None,
        )
        .await
        .map_err(PortalError::internal)?;
    let details = format!("verwerking {verwerking}: {n} acties");
    crate::server::staff::audit(
        &state,
        &me.label(),
        me.rol,
        "vertrouwelijkheid opgeheven",
        Some(&case.zaaknummer),
        Some(&details),
    )
    .await;
    leptos_axum::redirect(&format!("/medewerker/onderzoek/{id}"));
    Ok(())
}

#[component]
pub fn Investigation() -> impl IntoView {
    let t = st();
    let lang = use_context::<Lang>().unwrap_or_default();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let lift = ServerAction::<HefOp>::new();
    let data = Resource::new(
        move || (id(), lift.version().get()),
        move |(id, _)| onderzoek(id, lang),
    );
    let confirm = move || query.read().get("opheffen");
    view! {
        <Title text=t.investigation_title />
        <h1 class="utrecht-heading-1">{t.investigation_title}</h1>
        <p class="utrecht-paragraph">{t.investigation_intro}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((zaaknummer, records)) => {
                        let asked = confirm();
                        let count = asked.as_ref().map(|v| records.iter().filter(|r| r.verwerking_id.as_ref() == Some(v)).count());
                        view! {
                            <p class="utrecht-paragraph">
                                <a class="utrecht-link utrecht-link--html-a" href=format!("/medewerker/verzoeken/{}", id())>{t.case}" "{zaaknummer}</a>
                            </p>
                            {asked.zip(count).filter(|(_, n)| *n > 0).map(|(verwerking, n)| view! {
                                <div class="utrecht-alert utrecht-alert--warning">
                                    <div class="utrecht-alert__content">
                                        <div class="utrecht-alert__message" role="alert">
                                            <h2 class="utrecht-heading-2">{t.lift_confirm_title}</h2>
                                            <p class="utrecht-paragraph">{(t.lift_confirm_body)(n)}</p>
                                            <ActionForm action=lift>
                                                <input type="hidden" name="id" value=id />
                                                <input type="hidden" name="verwerking" value=verwerking />
                                                <button class="utrecht-button utrecht-button--primary-action" type="submit">{t.lift_yes}</button>
                                            </ActionForm>
                                            <p class="utrecht-paragraph">
                                                <a class="utrecht-link utrecht-link--html-a" href=format!("/medewerker/onderzoek/{}", id())>{t.cancel}</a>
                                            </p>
                                        </div>
                                    </div>
                                </div>
                            })}
                            <Records records lift_base=Some(format!("/medewerker/onderzoek/{}", id())) />
                        }.into_any()
                    }
                    Err(e) => view! { <StaffFailure error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {back_link()}
    }
}

/// The records of an investigation; with `lift_base`, confidential ones get
/// a link to lift them (through a request only).
#[component]
fn Records(records: Vec<Vastlegging>, lift_base: Option<String>) -> impl IntoView {
    let t = st();
    view! {
        <ul class="app-entries">
            {records.into_iter().map(|r| {
                let liftable = r.vertrouwelijkheid == "vertrouwelijk";
                let href = lift_base.clone().zip(r.verwerking_id.clone()).map(|(base, v)| format!("{base}?opheffen={}", crate::app::encode_component(&v)));
                view! {
                    <li class="app-entry">
                        <h2 class="utrecht-heading-3">{r.wat.clone()}</h2>
                        <dl class="utrecht-data-list utrecht-data-list--rows">
                            <Item key=crate::app::texts().when value=r.wanneer.clone() />
                            <Item key=t.confidentiality value=r.vertrouwelijkheid.clone() />
                            <Item key=crate::app::texts().why value=r.verwerking.clone() />
                            {r.systeem.clone().map(|v| view! { <Item key=t.system value=v /> })}
                            {r.gebruiker.clone().map(|v| view! { <Item key=t.user value=v /> })}
                            {r.gegevensbron.clone().map(|v| view! { <Item key=t.source value=v /> })}
                            <Item key=t.persons value=r.personen.join("; ") />
                            <Item key=t.versions value=r.versies.join("; ") />
                        </dl>
                        {liftable.then_some(href).flatten().map(|href| view! {
                            <p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" rel="external" href=href>{t.lift}</a></p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Every record about a person a privacy officer looked up (no request):
/// for reviewing suspicious access. Lifting goes through a request.
#[server(prefix = "/api/portaal", endpoint = "medewerker-onderzoek-persoon")]
pub async fn onderzoek_persoon(id: String, lang: Lang) -> Result<Vec<Vastlegging>, PortalError> {
    let (me, pseudonym) =
        super::lookup::looked_up(&id, &[crate::model::Rol::PrivacyOfficer]).await?;
    let state = crate::app::session::state();
    let records =
        crate::views::investigation::records(&state.db, state.log.keys(), &pseudonym, lang)
            .await
            .map_err(PortalError::internal)?;
    let subject = hex::encode(&pseudonym);
    crate::server::staff::audit(
        &state,
        &me.label(),
        me.rol,
        "onderzoek persoon geopend",
        Some(&subject),
        None,
    )
    .await;
    Ok(records)
}

#[component]
pub fn PersonInvestigation() -> impl IntoView {
    let t = st();
    let lang = use_context::<Lang>().unwrap_or_default();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(id, move |id| onderzoek_persoon(id, lang));
    view! {
        <Title text=t.investigation_title />
        <h1 class="utrecht-heading-1">{t.investigation_title}</h1>
        <p class="utrecht-paragraph">{t.person_investigation_intro}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(records) => view! { <Records records lift_base=None /> }.into_any(),
                    Err(e) => view! { <StaffFailure error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {back_link()}
    }
}
