//! The privacy officer's investigation for one request: every record about
//! the resident, confidential ones included, and lifting confidentiality
//! of a verwerking after a confirmation. Each opening and each lift is in
//! the request's history and the audit trail.

use super::{back_link, st, Field, StaffFailure};
use crate::{
    app::{
        alert::{Alert, Tone},
        error::PortalError,
        mijn::Item,
    },
    i18n::Lang,
    model::{LiftScope, Vastlegging},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// What an investigation found: the records that pass the filter (the
/// one the request is about first) out of `totaal`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bevindingen {
    pub zaaknummer: String,
    pub actie_id: Option<String>,
    pub totaal: usize,
    pub records: Vec<Vastlegging>,
}

#[server(prefix = "/api/portaal", endpoint = "medewerker-onderzoek")]
pub async fn onderzoek(
    id: String,
    soort: String,
    zoek: String,
    lang: Lang,
) -> Result<Bevindingen, PortalError> {
    use crate::{store::requests::CaseChange, views::investigation};
    let (me, case) = super::case_and_me(&id).await?;
    let state = crate::app::session::state()?;
    let mut records =
        investigation::records(&state.db, state.log.keys(), &case.pseudonym, lang).await?;
    let totaal = records.len();
    records.retain(|r| investigation::matches(r, &soort, &zoek));
    let contested = case.actie_id.as_ref();
    if let Some(at) = contested.and_then(|a| records.iter().position(|r| &r.actie_id == a)) {
        let first = records.remove(at);
        records.insert(0, first);
    }
    // Every reading is in the audit trail, with its filter; the request's
    // history records the opening, not each filter.
    let filtered = !(soort.is_empty() && zoek.trim().is_empty());
    // Not the search text itself: it could hold a BSN.
    let details =
        filtered.then(|| format!("filter: {soort}, zoekterm: {}", !zoek.trim().is_empty()));
    me.audit(
        &state.db,
        "onderzoek geopend",
        Some(&case.zaaknummer),
        details.as_deref(),
    )
    .await?;
    if !filtered {
        state
            .db
            .case_event(
                &id,
                &CaseChange::default(),
                &me.label(),
                crate::model::EventKind::Onderzoek,
                false,
                None,
            )
            .await?;
    }
    Ok(Bevindingen {
        zaaknummer: case.zaaknummer,
        actie_id: case.actie_id,
        totaal,
        records,
    })
}

#[server(prefix = "/api/portaal", endpoint = "medewerker-opheffen-omvang")]
pub async fn opheffen_omvang(id: String, verwerking: String) -> Result<LiftScope, PortalError> {
    let (me, case) = super::case_and_me(&id).await?;
    let state = crate::app::session::state()?;
    let details = format!("verwerking {verwerking}");
    me.audit(
        &state.db,
        "opheffen overwogen",
        Some(&case.zaaknummer),
        Some(&details),
    )
    .await?;
    crate::views::investigation::lift_scope(&state.db, &verwerking, &case.pseudonym)
        .await?
        .ok_or(PortalError::NotFound)
}

/// Lifts confidentiality in one verwerking of this resident, as new
/// versions: the resident's own actions, or with `geheel` every
/// confidential action of it (other persons' too). A reason is required.
#[server(prefix = "/api/portaal", endpoint = "medewerker-opheffen")]
pub async fn hef_op(
    id: String,
    verwerking: String,
    reden: String,
    #[server(default)] geheel: Option<String>,
) -> Result<(), PortalError> {
    use crate::store::requests::CaseChange;
    let (me, case) = super::case_and_me(&id).await?;
    let state = crate::app::session::state()?;
    let back = format!("/medewerker/onderzoek/{id}");
    // The reason goes into the audit trail, where no BSN may be.
    let Ok(reden) = crate::domain::AuditNote::parse(&reden) else {
        leptos_axum::redirect(&format!(
            "{back}?opheffen={}&fout=reden",
            crate::app::encode_component(&verwerking)
        ));
        return Err(PortalError::Invalid("reden".into()));
    };
    let geheel = geheel.is_some_and(|g| g == "ja");
    let scope = crate::views::investigation::lift_scope(&state.db, &verwerking, &case.pseudonym)
        .await?
        .ok_or(PortalError::NotFound)?;
    let (n, extent) = if geheel {
        (scope.all, "hele verwerking")
    } else {
        (scope.mine, "alleen deze inwoner")
    };
    let details = format!(
        "verwerking {verwerking} ({extent}): {n} acties. Reden: {}",
        reden.as_str()
    );
    me.audit(
        &state.db,
        "vertrouwelijkheid opgeheven",
        Some(&case.zaaknummer),
        Some(&details),
    )
    .await?;
    let only = (!geheel).then_some(case.pseudonym.as_slice());
    state
        .log
        .lift(&format!("medewerker:{}", me.id), &verwerking, only)
        .await
        .map_err(|e| match e {
            // Lifted meanwhile, by another officer.
            crate::ingest::LogError::NotFound => PortalError::NotFound,
            e => PortalError::internal(e),
        })?;
    state
        .db
        .case_event(
            &id,
            &CaseChange::default(),
            &me.label(),
            crate::model::EventKind::Opgeheven,
            false,
            None,
        )
        .await?;
    leptos_axum::redirect(&back);
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
    let confirm = move || query.read().get("opheffen");
    // One resource for the records and, when a lift is asked, its reach: a
    // resource of its own inside the confirmation would start while the
    // page renders asynchronously, outside the page's context.
    let soort = move || query.read().get("soort").unwrap_or_default();
    let zoek = move || query.read().get("zoek").unwrap_or_default();
    let data = Resource::new(
        move || (id(), lift.version().get(), confirm(), soort(), zoek()),
        move |(id, _, asked, soort, zoek)| async move {
            let records = onderzoek(id.clone(), soort, zoek, lang).await?;
            let scope = match asked {
                Some(verwerking) => opheffen_omvang(id, verwerking.clone())
                    .await
                    .ok()
                    .map(|scope| (verwerking, scope)),
                None => None,
            };
            Ok::<_, PortalError>((records, scope))
        },
    );
    let whole = move || query.read().get("geheel").is_some_and(|g| g == "ja");
    let reason_missing = move || query.read().get("fout").is_some_and(|f| f == "reden");
    view! {
        <Title text=t.investigation_title />
        <h1 class="utrecht-heading-1">{t.investigation_title}</h1>
        <p class="utrecht-paragraph">{t.investigation_intro}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((found, scope)) => {
                        let count = (t.investigation_count)(found.records.len(), found.totaal);
                        view! {
                            <p class="utrecht-paragraph">
                                <a class="utrecht-link utrecht-link--html-a" href=format!("/medewerker/verzoeken/{}", id())>{t.case}" "{found.zaaknummer}</a>
                            </p>
                            {scope.map(|(verwerking, scope)| view! {
                                <LiftConfirm id=id() verwerking scope geheel=whole() reason_missing=reason_missing() lift />
                            })}
                            <RecordFilter action=format!("/medewerker/onderzoek/{}", id()) soort=soort() zoek=zoek() />
                            <p class="utrecht-paragraph" role="status">{count}</p>
                            <Records records=found.records lift_base=Some(format!("/medewerker/onderzoek/{}", id())) contested=found.actie_id />
                        }.into_any()
                    }
                    Err(e) => view! { <StaffFailure error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {back_link()}
    }
}

/// The confirmation of a lift: how many actions of this resident, and of
/// the whole verwerking with how many other persons. Lifting only this
/// resident's actions is the default; the whole verwerking is a second,
/// explicit choice with its own count.
#[component]
fn LiftConfirm(
    id: String,
    verwerking: String,
    scope: LiftScope,
    geheel: bool,
    reason_missing: bool,
    lift: ServerAction<HefOp>,
) -> impl IntoView {
    let t = st();
    let base = format!("/medewerker/onderzoek/{id}");
    let whole_href = format!(
        "{base}?opheffen={}&geheel=ja",
        crate::app::encode_component(&verwerking)
    );
    let body = if geheel {
        (t.lift_confirm_whole)(scope.all, scope.other_persons)
    } else {
        (t.lift_confirm_body)(scope.mine)
    };
    view! {
                        <Alert tone=Tone::Warning>
                                    <h2 class="utrecht-heading-2">{t.lift_confirm_title}</h2>
                                    <p class="utrecht-paragraph">{body}</p>
                                    <ActionForm action=lift>
                                        <crate::app::CsrfField />
                                        <input type="hidden" name="id" value=id />
                                        <input type="hidden" name="verwerking" value=verwerking />
                                        {geheel.then(|| view! { <input type="hidden" name="geheel" value="ja" /> })}
                                        <div class="utrecht-form-field utrecht-form-field--distanced">
                                            <div class="utrecht-form-field__label">
                                                <label class="utrecht-form-label" for="reden">{t.lift_reason}</label>
                                            </div>
                                            {reason_missing.then(|| view! {
                                                <p class="utrecht-form-field-error-message" id="reden-fout">{t.lift_reason_missing}</p>
                                            })}
                                            <div class="utrecht-form-field__input">
                                                <textarea class="utrecht-textarea" id="reden" name="reden" rows="3" required maxlength="500"
                                                    aria-describedby=reason_missing.then_some("reden-fout")></textarea>
                                            </div>
                                        </div>
                                        <button class="utrecht-button utrecht-button--primary-action" type="submit">
                                            {if geheel { t.lift_yes_whole } else { t.lift_yes }}
                                        </button>
                                    </ActionForm>
                                    {(!geheel && scope.all > scope.mine).then(|| view! {
                                        <p class="utrecht-paragraph">
                                            <a class="utrecht-link utrecht-link--html-a" rel="external" href=whole_href>
                                                {(t.lift_whole_link)(scope.all, scope.other_persons)}
                                            </a>
                                        </p>
                                    })}
                                    <p class="utrecht-paragraph">
                                        <a class="utrecht-link utrecht-link--html-a" href=base>{t.cancel}</a>
                                    </p>
                        </Alert>
    }
}

/// The investigation's filter: confidentiality and a search, as a GET form.
#[component]
fn RecordFilter(action: String, soort: String, zoek: String) -> impl IntoView {
    let t = st();
    let options = [("", t.investigation_all)].into_iter().chain(
        ["normaal", "vertrouwelijk", "opgeheven"].map(|v| (v, (t.confidentiality_label)(v))),
    );
    view! {
        <form class="app-filter" method="get" action=action aria-label=t.investigation_search>
            <div class="app-filter__fields">
                <Field id="soort" label=t.confidentiality>
                    <select class="utrecht-select utrecht-select--html-select" id="soort" name="soort">
                        {options.map(|(value, label)| view! { <option value=value selected=value == soort>{label}</option> }).collect_view()}
                    </select>
                </Field>
                <Field id="zoek" label=t.investigation_search>
                    <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="zoek" name="zoek" value=zoek maxlength="100" />
                </Field>
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.investigation_submit}</button>
        </form>
    }
}

/// The records of an investigation; with `lift_base`, confidential ones get
/// a link to lift them (through a request only); the `contested` one is marked.
#[component]
pub(super) fn Records(
    records: Vec<Vastlegging>,
    lift_base: Option<String>,
    #[prop(default = None)] contested: Option<String>,
) -> impl IntoView {
    let t = st();
    view! {
        <ul class="app-entries">
            {records.into_iter().map(|r| {
                let liftable = r.liftable;
                let href = lift_base.clone().zip(r.verwerking_id.clone()).map(|(base, v)| format!("{base}?opheffen={}", crate::app::encode_component(&v)));
                let is_contested = contested.as_ref() == Some(&r.actie_id);
                view! {
                    <li class=if is_contested { "app-entry app-entry--contested" } else { "app-entry" }>
                        <h2 class="utrecht-heading-3">{r.wat.clone()}</h2>
                        {is_contested.then(|| view! { <p class="utrecht-paragraph"><strong>{t.contested_marker}</strong></p> })}
                        <dl class="utrecht-data-list utrecht-data-list--rows">
                            <Item key=crate::app::texts().when value=r.wanneer.clone() />
                            <Item key=t.confidentiality value=(t.confidentiality_label)(&r.vertrouwelijkheid).to_owned() />
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
    let (me, pseudonym, _) =
        super::lookup::looked_up(&id, &[crate::model::Rol::PrivacyOfficer]).await?;
    let state = crate::app::session::state()?;
    let records =
        crate::views::investigation::records(&state.db, state.log.keys(), &pseudonym, lang).await?;
    let subject = hex::encode(&pseudonym);
    me.audit(&state.db, "onderzoek persoon geopend", Some(&subject), None)
        .await?;
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
