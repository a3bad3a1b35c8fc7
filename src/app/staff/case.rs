//! One request for the privacy officer: the resident's message, the full
//! history, and the steps: take on, note, message, extend, decide, close.
//! Every step is an event in the history and a line in the audit trail.

use super::{back_link, st, Field, FormError, StaffFailure};
use crate::{
    app::{
        alert::{Message, Tone},
        error::PortalError,
        mijn::Item,
    },
    i18n::Lang,
    model::{CaseStep, Gebeurtenis, Outcome, Zaak, ZaakDetail},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[server(prefix = "/api/portaal", endpoint = "medewerker-verzoek")]
pub async fn zaak_openen(id: String, lang: Lang) -> Result<ZaakDetail, PortalError> {
    use crate::views::requests;
    let (me, case) = super::case_and_me(&id).await?;
    let state = crate::app::session::state()?;
    let keys = state.log.keys();
    let events = state.db.case_events(&id, false).await?;
    // The request is shown with the record it is about, confidential parts included.
    let details = case
        .actie_id
        .as_ref()
        .map(|a| format!("met vastlegging {a}"));
    me.audit(
        &state.db,
        "verzoek bekeken",
        Some(&case.zaaknummer),
        details.as_deref(),
    )
    .await?;
    let found = match &case.actie_id {
        Some(actie_id) => {
            crate::views::investigation::record(&state.db, keys, actie_id, &case.pseudonym, lang)
                .await?
        }
        None => None,
    };
    // Who filed it, as the request keeps it; for older requests the
    // resident comes first in the record's persons, when still in it.
    let inwoner = super::resident_label(&state, keys, &case, lang).or_else(|| {
        found
            .as_ref()
            .filter(|(_, in_it)| *in_it)
            .and_then(|(record, _)| record.personen.first().cloned())
    });
    let actie = found.map(|(record, _)| record);
    let mine = case.behandelaar.as_deref() == Some(me.label().as_str());
    Ok(ZaakDetail {
        zaak: requests::zaak(&case, lang, chrono::Utc::now()),
        bericht: requests::open(keys, &case.id, &case.bericht_sealed).unwrap_or_default(),
        stappen: CaseStep::fitting(case.status, case.verlengd, mine),
        actie_id: case.actie_id,
        actie,
        inwoner,
        geschiedenis: requests::events(keys, &id, events, lang),
    })
}

/// One step on a request; `stap` is oppakken, notitie, bericht, verlengen,
/// besluit or sluiten.
#[server(prefix = "/api/portaal", endpoint = "medewerker-behandel")]
pub async fn behandel(
    id: String,
    stap: String,
    tekst: Option<String>,
    maanden: Option<String>,
    uitkomst: Option<String>,
) -> Result<(), PortalError> {
    use crate::views::requests::{self, Step};
    let (me, case) = super::case_and_me(&id).await?;
    let state = crate::app::session::state()?;
    let tekst = tekst.unwrap_or_default();
    let back = format!("/medewerker/verzoeken/{id}");
    let refuse = |why: &dyn std::fmt::Display| {
        tracing::info!("request step refused: {why}");
        leptos_axum::redirect(&format!("{back}?fout={stap}"));
        Err(PortalError::Invalid(stap.clone()))
    };
    let step = match stap.as_str() {
        "oppakken" => Step::Take,
        "notitie" => Step::Note(tekst),
        "bericht" => Step::Message(tekst),
        "verlengen" => Step::Extend {
            months: maanden.and_then(|m| m.parse().ok()).unwrap_or(0),
            reason: tekst,
        },
        "besluit" => match uitkomst.as_deref().and_then(Outcome::parse) {
            Some(outcome) => Step::Decide {
                outcome,
                reason: tekst,
            },
            None => return refuse(&"unknown outcome"),
        },
        "sluiten" => Step::Close,
        _ => return Err(PortalError::Invalid("stap".into())),
    };
    let event = match step.apply(&case, &me.label()) {
        Ok(done) => done,
        Err(e) => return refuse(&e),
    };
    let sealed = event
        .tekst
        .as_deref()
        .map(|t| requests::seal(state.log.keys(), &id, t));
    // The audit line first: when it cannot be written, the step is not taken.
    me.audit(
        &state.db,
        &format!("verzoek: {}", event.soort.as_str()),
        Some(&case.zaaknummer),
        None,
    )
    .await?;
    state
        .db
        .case_event(
            &id,
            &event.change,
            &me.label(),
            event.soort,
            event.zichtbaar,
            sealed.as_deref(),
        )
        .await?;
    leptos_axum::redirect(&format!("{back}?gedaan={stap}"));
    Ok(())
}

#[component]
pub fn CaseDetail() -> impl IntoView {
    let t = st();
    let lang = use_context::<Lang>().unwrap_or_default();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let act = ServerAction::<Behandel>::new();
    let data = Resource::new(
        move || (id(), act.version().get()),
        move |(id, _)| zaak_openen(id, lang),
    );
    let step_form = move |stap: &'static str,
                          title: &'static str,
                          fields: AnyView,
                          submit: &'static str| {
        view! {
            <h3 class="utrecht-heading-3">{title}</h3>
            <ActionForm action=act>
                <crate::app::CsrfField />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="stap" value=stap />
                {fields}
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">{submit}</button>
            </ActionForm>
        }
    };
    view! {
        <Title text=t.queue_title />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let z = d.zaak.clone();
                        let can = |step: CaseStep| d.stappen.contains(&step);
                        let resident = d.inwoner.clone();
                        view! {
                            <h1 class="utrecht-heading-1">{t.case}" "{z.zaaknummer.clone()}</h1>
                            {move || query.read().get("fout").map(|_| view! { <FormError message=t.step_refused /> })}
                            {move || query.read().get("gedaan").map(|_| view! { <Message tone=Tone::Ok text=t.step_done /> })}
                            <CaseFacts zaak=z.clone() />
                            {resident.map(|r| view! {
                                <dl class="utrecht-data-list utrecht-data-list--rows"><Item key=t.resident value=r /></dl>
                            })}
                            <h2 class="utrecht-heading-2">{t.request_message}</h2>
                            <p class="utrecht-paragraph app-message">{d.bericht.clone()}</p>
                            {d.actie.clone().map(|actie| view! {
                                <h2 class="utrecht-heading-2">{t.about_entry}</h2>
                                <super::investigation::Records records=vec![actie] lift_base=None />
                            })}
                            <p class="utrecht-paragraph">
                                <a class="utrecht-link utrecht-link--html-a" href=format!("/medewerker/onderzoek/{}", z.id)>{t.open_investigation}</a>
                            </p>
                            <h2 class="utrecht-heading-2">{t.history}</h2>
                            <CaseHistory events=d.geschiedenis.clone() />
                            {can(CaseStep::Oppakken).then(|| step_form("oppakken", t.take, ().into_any(), t.take))}
                            {can(CaseStep::Notitie).then(|| step_form("notitie", t.note, step_text("notitie-tekst", t.note).into_any(), t.add_note))}
                            {can(CaseStep::Bericht).then(|| step_form("bericht", t.to_resident, step_text("bericht-tekst", t.to_resident).into_any(), t.send_message))}
                            {can(CaseStep::Verlengen).then(|| step_form("verlengen", t.extend, view! {
                                <Field id="maanden" label=t.extend_months>
                                    <select class="utrecht-select utrecht-select--html-select" id="maanden" name="maanden">
                                        <option value="1">"1"</option>
                                        <option value="2">"2"</option>
                                    </select>
                                </Field>
                                {step_text("verleng-tekst", t.extend_reason)}
                            }.into_any(), t.extend_submit))}
                            {can(CaseStep::Besluit).then(|| step_form("besluit", t.decide, view! {
                                <Field id="uitkomst" label=t.outcome>
                                    <select class="utrecht-select utrecht-select--html-select" id="uitkomst" name="uitkomst">
                                        {Outcome::ALL.iter().map(|o| view! { <option value=o.as_str()>{(t.outcome_label)(*o)}</option> }).collect_view()}
                                    </select>
                                </Field>
                                {step_text("besluit-tekst", t.decide_reason)}
                            }.into_any(), t.decide_submit))}
                            {can(CaseStep::Sluiten).then(|| step_form("sluiten", t.close, ().into_any(), t.close))}
                        }.into_any()
                    }
                    Err(e) => view! { <h1 class="utrecht-heading-1">{t.queue_title}</h1><StaffFailure error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {back_link()}
    }
}

/// A labelled text area for a step's text.
fn step_text(name: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <Field id=name label=label>
            <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=name name="tekst" rows="3" maxlength="5000" required></textarea>
        </Field>
    }
}

/// The request's kind, status, dates and handler.
#[component]
fn CaseFacts(zaak: Zaak) -> impl IntoView {
    let t = st();
    let rt = crate::app::texts();
    view! {
        <dl class="utrecht-data-list utrecht-data-list--rows">
            <Item key=t.kind value=(rt.kind_label)(zaak.soort).to_owned() />
            <Item key=rt.request_status value=(rt.status_label)(zaak.status).to_owned() />
            <Item key=t.received value=zaak.ontvangen.clone() />
            <Item key=t.deadline value=format!("{} ({})", zaak.termijn, (t.days_left)(zaak.dagen_over)) />
            <Item key=t.handler value=zaak.behandelaar.clone().unwrap_or_else(|| t.nobody.to_owned()) />
        </dl>
    }
}

/// Every step of the request so far, oldest first, internal ones marked.
#[component]
fn CaseHistory(events: Vec<Gebeurtenis>) -> impl IntoView {
    let t = st();
    view! {
        <ol class="utrecht-ordered-list">
            {events.iter().map(|g| view! {
                <li>
                    {g.wanneer.clone()}" — "{(t.event_label)(g.soort)}" — "{g.door.clone()}
                    {(!g.zichtbaar).then_some(" ").map(|s| format!("{s}{}", t.internal))}
                    {g.tekst.clone().map(|x| view! { <br /><span class="app-message">{x}</span> })}
                </li>
            }).collect_view()}
        </ol>
    }
}
