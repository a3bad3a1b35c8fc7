//! Looking up a resident: a BSN and a reason. Each look-up is logged on the
//! resident as processing ("Beantwoorden van vragen over gegevensgebruik"),
//! so the resident sees it. A clerk then sees exactly the resident's own
//! overview; a privacy officer the investigation of that person. The BSN
//! stays out of the URL: the page address holds a random look-up id that
//! only this staff session knows.

use super::{back_link, invalid, st, ErrorSummary, Field, StaffFailure};
#[cfg(feature = "ssr")]
use crate::model::Rol;
use crate::{
    app::{
        alert::{Message, Tone},
        entries_html::EntryLinks,
        error::PortalError,
        mijn::{Entry, FilterForm, OverviewBody},
    },
    i18n::Lang,
    model::{Filter, Overzicht, Regel, RequestKind},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// Who may look up a resident (checked in the server functions).
#[cfg(feature = "ssr")]
pub const LOOKUP_ROLES: [Rol; 2] = [Rol::Clerk, Rol::PrivacyOfficer];

/// What was typed in a refused look-up, for the form sent back: kept in the
/// staff session with the BSN sealed (out of the URL, and unreadable in the
/// session store), and given back once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupDraft {
    pub bsn: String,
    pub reden: String,
    pub toelichting: String,
}

#[cfg(feature = "ssr")]
const LOOKUP_DRAFT: &str = "opzoeken_concept";
/// Binds a sealed draft BSN to its use.
#[cfg(feature = "ssr")]
const DRAFT_AAD: &[u8] = b"inzage opzoeken concept";

/// The BSN, reason and explanation of a look-up, or the code of what is wrong.
#[cfg(feature = "ssr")]
fn check_lookup(
    bsn: &str,
    reden: &str,
    toelichting: &str,
) -> Result<(crate::domain::Bsn, &'static str, crate::domain::AuditNote), &'static str> {
    use crate::domain::{AuditNote, AuditNoteError, Bsn};
    let bsn = bsn.trim().parse::<Bsn>().map_err(|_| "bsn")?;
    let (_, reden) = st_nl()
        .reasons
        .iter()
        .find(|(code, _)| *code == reden)
        .ok_or("reden")?;
    // The explanation goes into the audit trail, where no BSN may be.
    let note = AuditNote::parse(toelichting).map_err(|e| match e {
        AuditNoteError::HoldsNumber => "toelichting_nummer",
        _ => "toelichting",
    })?;
    Ok((bsn, reden, note))
}

#[server(prefix = "/api/portaal", endpoint = "medewerker-opzoeken")]
pub async fn zoek_op(bsn: String, reden: String, toelichting: String) -> Result<(), PortalError> {
    use crate::{app::session, auth::staff, ingest::seal};
    let mut me = session::staff(&LOOKUP_ROLES).await?;
    let state = session::state()?;
    let (bsn, reden_tekst, toelichting) = match check_lookup(&bsn, &reden, &toelichting) {
        Ok(checked) => checked,
        Err(code) => {
            // The BSN and the explanation (which may hold one) sealed together.
            let typed = serde_json::to_vec(&(
                bsn.trim(),
                toelichting.chars().take(500).collect::<String>(),
            ))
            .map_err(PortalError::internal)?;
            let draft = (state.log.keys().encryption.seal(&typed, DRAFT_AAD), reden);
            session::session()
                .await?
                .insert(LOOKUP_DRAFT, draft)
                .await?;
            leptos_axum::redirect(&format!("/medewerker/opzoeken?fout={code}"));
            return Err(PortalError::Invalid(code.to_owned()));
        }
    };
    let (pseudonym, sealed) = seal::person(state.log.keys(), &bsn);
    let details = format!("{reden_tekst}: {}", toelichting.first(200));
    // The audit line first: without it, no look-up.
    me.audit(
        &state.db,
        "inwoner opgezocht",
        Some(&hex::encode(&pseudonym)),
        Some(&details),
    )
    .await?;
    state
        .log
        .log_staff_view(
            &pseudonym,
            &sealed,
            crate::register::LOOKUP_ACTIVITY_ID,
            &me.label(),
            reden_tekst,
        )
        .await?;
    let id = uuid::Uuid::new_v4().simple().to_string();
    me.lookups
        .insert(id.clone(), (hex::encode(&pseudonym), sealed));
    let session = session::session().await?;
    staff::save(&session, &me).await?;
    let page = match me.rol {
        Rol::PrivacyOfficer => "/medewerker/onderzoek/persoon",
        _ => "/medewerker/inwoner",
    };
    leptos_axum::redirect(&format!("{page}/{id}"));
    Ok(())
}

#[cfg(feature = "ssr")]
fn st_nl() -> &'static crate::i18n::StaffTexts {
    Lang::Nl.staff_texts()
}

/// A resident looked up in this staff session, for one of `roles`: the
/// staff session, the resident's pseudonym and their BSN sealed to it.
#[cfg(feature = "ssr")]
pub async fn looked_up(
    id: &str,
    roles: &[Rol],
) -> Result<(crate::auth::staff::StaffSession, Vec<u8>, Vec<u8>), PortalError> {
    let me = crate::app::session::staff(roles).await?;
    let (pseudonym, sealed) = me
        .lookups
        .get(id)
        .cloned()
        .ok_or_else(crate::app::session::not_found)?;
    let pseudonym = hex::decode(pseudonym).map_err(PortalError::internal)?;
    Ok((me, pseudonym, sealed))
}

/// A looked-up resident as the clerk sees them: what the resident sees,
/// the last digits of the BSN and the name to check with the caller, and
/// the entry a request on their behalf is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpgezochteInwoner {
    pub bsn_eind: String,
    /// Only the demo knows names: Inzage is not linked to the BRP.
    pub naam: Option<String>,
    pub overzicht: Overzicht,
    pub over: Option<Regel>,
}

#[server(prefix = "/api/portaal", endpoint = "medewerker-inwoner")]
pub async fn inwoner(
    id: String,
    filter: Filter,
    lang: Lang,
    over: Option<String>,
) -> Result<OpgezochteInwoner, PortalError> {
    use crate::views::resident as view;
    let (_, pseudonym, sealed) = looked_up(&id, &[Rol::Clerk]).await?;
    let state = crate::app::session::state()?;
    let bsn = state
        .log
        .keys()
        .encryption
        .open(&sealed, &pseudonym)
        .map_err(|_| PortalError::internal("a look-up's sealed BSN cannot be opened"))?;
    let bsn = String::from_utf8_lossy(&bsn).into_owned();
    let bsn_eind = bsn[bsn.len().saturating_sub(3)..].to_owned();
    let naam = state
        .config
        .demo
        .then(|| crate::demo::residents::name_of(&bsn))
        .flatten();
    let ctx = state.register_context.get(&state.db, lang).await?;
    let (entries, capped) = view::entries(&state.db, &pseudonym, view::not_before(&filter)).await?;
    // Only an entry the resident is in: an id from the address proves nothing.
    let over = match over.filter(|a| !a.is_empty()) {
        Some(actie) => view::own_entry(&state.db, &pseudonym, &actie)
            .await?
            .map(|v| ctx.regel(&v)),
        None => None,
    };
    let overzicht = view::overview(&ctx, entries, capped, &filter);
    Ok(OpgezochteInwoner {
        bsn_eind,
        naam,
        overzicht,
        over,
    })
}

#[server(prefix = "/api/portaal", endpoint = "medewerker-verzoek-namens")]
pub async fn verzoek_namens(
    id: String,
    soort: String,
    bericht: String,
    actie: Option<String>,
) -> Result<(), PortalError> {
    let (me, pseudonym, sealed) = looked_up(&id, &[Rol::Clerk]).await?;
    let state = crate::app::session::state()?;
    let bericht = bericht.trim();
    let actie = actie.filter(|a| !a.is_empty());
    let kind = RequestKind::parse(&soort);
    let Some(soort) = kind.filter(|_| !bericht.is_empty() && bericht.chars().count() <= 5000)
    else {
        let over = actie
            .as_deref()
            .map(|a| format!("&over={}", crate::app::encode_component(a)))
            .unwrap_or_default();
        leptos_axum::redirect(&format!(
            "/medewerker/inwoner/{id}?fout=bericht&soort={}{over}#verzoek-namens",
            crate::app::encode_component(&soort)
        ));
        return Err(PortalError::Invalid("bericht".into()));
    };
    // A request about an entry the resident is not in would show the officer
    // someone else's entry.
    if let Some(actie) = &actie {
        if crate::views::resident::own_entry(&state.db, &pseudonym, actie)
            .await?
            .is_none()
        {
            return Err(crate::app::session::not_found());
        }
    }
    let details = match &actie {
        Some(actie) => format!("{} over vastlegging {actie}", soort.as_str()),
        None => soort.as_str().to_owned(),
    };
    me.audit(
        &state.db,
        "verzoek indienen namens inwoner",
        Some(&hex::encode(&pseudonym)),
        Some(&details),
    )
    .await?;
    let from = crate::views::requests::Requester {
        pseudonym: &pseudonym,
        bsn_sealed: &sealed,
    };
    let zaak = crate::views::requests::file(
        &state.db,
        state.log.keys(),
        from,
        soort,
        actie,
        bericht,
        &me.label(),
        None,
    )
    .await?
    .unwrap_or_default();
    leptos_axum::redirect(&format!("/medewerker/inwoner/{id}?ingediend={zaak}"));
    Ok(())
}

/// Only clerks and privacy officers may open the look-up form. With
/// `teruggestuurd` (the form came back refused) it gets what was typed, once;
/// otherwise an old draft is dropped.
#[server(prefix = "/api/portaal", endpoint = "medewerker-mag-opzoeken")]
pub async fn mag_opzoeken(teruggestuurd: bool) -> Result<Option<LookupDraft>, PortalError> {
    crate::app::session::staff(&LOOKUP_ROLES).await?;
    let state = crate::app::session::state()?;
    let session = crate::app::session::session().await?;
    let draft = session
        .remove::<(Vec<u8>, String)>(LOOKUP_DRAFT)
        .await?
        .filter(|_| teruggestuurd);
    Ok(draft.and_then(|(sealed, reden)| {
        let typed = state.log.keys().encryption.open(&sealed, DRAFT_AAD).ok()?;
        let (bsn, toelichting) = serde_json::from_slice::<(String, String)>(&typed).ok()?;
        Some(LookupDraft {
            bsn,
            reden,
            toelichting,
        })
    }))
}

/// The field a refusal's code is about.
fn lookup_field(code: &str) -> &'static str {
    match code {
        "bsn" => "bsn",
        "reden" => "reden",
        _ => "toelichting",
    }
}

#[component]
pub fn Lookup() -> impl IntoView {
    let t = st();
    let query = use_query_map();
    let fout = move || query.read().get("fout");
    // Read once, as the page opens: typing after a refusal is not overwritten.
    let returned = fout().is_some();
    let allowed = Resource::new(|| (), move |_| mag_opzoeken(returned));
    let send = ServerAction::<ZoekOp>::new();
    view! {
        <Title text=t.lookup_title />
        <h1 class="utrecht-heading-1">{t.lookup_title}</h1>
        <p class="utrecht-paragraph">{t.lookup_intro}</p>
        {move || fout().map(|code| view! { <ErrorSummary field=lookup_field(&code) message=(t.lookup_error)(&code) /> })}
        <Suspense fallback=|| ()>
        {move || Suspend::new(async move {
            match allowed.await {
                Err(e) => view! { <StaffFailure error=e /> }.into_any(),
                Ok(draft) => {
                    let draft = draft.unwrap_or_default();
                    let reden = draft.reden.clone();
                    // The message beside the field that was refused.
                    let wrong = move |field: &'static str| Signal::derive(move || {
                        fout().filter(|code| lookup_field(code) == field).map(|code| (t.lookup_error)(&code))
                    });
                    let (bsn_invalid, bsn_described) = invalid("bsn", wrong("bsn"));
                    let (reden_invalid, reden_described) = invalid("reden", wrong("reden"));
                    let (toelichting_invalid, toelichting_described) = invalid("toelichting", wrong("toelichting"));
                    view! {
        <ActionForm action=send>
            <crate::app::CsrfField />
            <Field id="bsn" label=t.bsn error=wrong("bsn")>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="bsn" name="bsn" type="text" inputmode="numeric" autocomplete="off" maxlength="9" required value=draft.bsn
                    aria-invalid=bsn_invalid aria-describedby=bsn_described />
            </Field>
            <Field id="reden" label=t.reason error=wrong("reden")>
                <select class="utrecht-select utrecht-select--html-select" id="reden" name="reden" aria-invalid=reden_invalid aria-describedby=reden_described>
                    {t.reasons.iter().map(|(code, label)| view! { <option value=*code selected=*code == reden>{*label}</option> }).collect_view()}
                </select>
            </Field>
            <Field id="toelichting" label=t.explanation error=wrong("toelichting")>
                <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="toelichting" name="toelichting" rows="3" maxlength="500" required
                    aria-invalid=toelichting_invalid aria-describedby=toelichting_described>{draft.toelichting}</textarea>
            </Field>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">{t.lookup_submit}</button>
        </ActionForm>
                    }.into_any()
                }
            }
        })}
        </Suspense>
        {back_link()}
    }
}

#[component]
pub fn ResidentView() -> impl IntoView {
    let t = st();
    let rt = crate::app::texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let over = move || query.read().get("over");
    let filter = crate::app::mijn::filter_from_query();
    let data = Resource::new(
        move || (id(), filter(), over()),
        move |(id, f, over)| inwoner(id, f, lang, over),
    );
    view! {
        <Title text=t.resident_title />
        <h1 class="utrecht-heading-1">{t.resident_title}</h1>
        <p class="utrecht-paragraph">{t.resident_intro}</p>
        {move || query.read().get("ingediend").map(|zaak| {
            let text = format!("{} {} {zaak}", t.filed, rt.request_number);
            view! { <Message tone=Tone::Ok text /> }
        })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(OpgezochteInwoner { bsn_eind, naam, mut overzicht, over }) => {
                        let f = filter();
                        // Only look-ups: nothing the municipality did.
                        let nothing = overzicht.totaal <= overzicht.medewerker_keken;
                        let afdelingen = std::mem::take(&mut overzicht.afdelingen);
                        let gegevens = std::mem::take(&mut overzicht.gegevens);
                        let doelen = std::mem::take(&mut overzicht.doelen);
                        let page = format!("/medewerker/inwoner/{}", id());
                        view! {
                        <p class="utrecht-paragraph utrecht-paragraph--lead">{(t.resident_who)(&bsn_eind, naam.as_deref())}</p>
                        <p class="utrecht-paragraph">
                            <a class="utrecht-link utrecht-link--html-a" href="#verzoek-namens">{t.to_file_request}</a>
                        </p>
                        {nothing.then(|| view! { <Message tone=Tone::Notice text=t.resident_nothing /> })}
                        <OverviewBody overzicht maanden=f.maanden links=EntryLinks::OnBehalf(page.clone())>
                            <FilterForm afdelingen gegevens doelen filter=f.clone() action=page />
                        </OverviewBody>
                        <OnBehalf id=id() over />
                    }.into_any()
                    }
                    Err(e) => view! { <StaffFailure error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {back_link()}
    }
}

/// The request a clerk files for the resident on the line, about one of
/// their entries (`over`) or in general. A refused form comes back with the
/// kind chosen and says what is missing.
#[component]
fn OnBehalf(id: String, over: Option<Regel>) -> impl IntoView {
    let t = st();
    let rt = crate::app::texts();
    let query = use_query_map();
    let chosen = query
        .read_untracked()
        .get("soort")
        .and_then(|s| RequestKind::parse(&s));
    let file = ServerAction::<VerzoekNamens>::new();
    // Refused by this send (with JavaScript the page stays) or sent back (without).
    let missing = move || match file.value().get() {
        Some(Err(PortalError::Invalid(field))) => field == "bericht",
        Some(_) => false,
        None => query
            .read_untracked()
            .get("fout")
            .is_some_and(|f| f == "bericht"),
    };
    let error = Signal::derive(move || missing().then_some(t.file_message_missing));
    let (invalid, described) = invalid("bericht", error);
    view! {
        <h2 class="utrecht-heading-2" id="verzoek-namens">{t.file_request}</h2>
        {move || missing().then(|| view! { <ErrorSummary field="bericht" message=t.file_message_missing /> })}
        {over.clone().map(|regel| view! {
            <h3 class="utrecht-heading-3">{t.file_about}</h3>
            <ul class="app-entries"><Entry regel links=EntryLinks::None /></ul>
        })}
        <ActionForm action=file>
            <crate::app::CsrfField />
            <input type="hidden" name="id" value=id />
            {over.map(|regel| view! { <input type="hidden" name="actie" value=regel.actie_id /> })}
            <Field id="soort" label=t.kind>
                <select class="utrecht-select utrecht-select--html-select" id="soort" name="soort">
                    {RequestKind::ALL.iter().map(|k| view! {
                        <option value=k.as_str() selected=chosen == Some(*k)>{(rt.kind_label)(*k)}</option>
                    }).collect_view()}
                </select>
            </Field>
            <Field id="bericht" label=t.message error>
                <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="bericht" name="bericht" rows="4" maxlength="5000" required
                    aria-invalid=invalid aria-describedby=described></textarea>
            </Field>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.file_submit}</button>
        </ActionForm>
    }
}
