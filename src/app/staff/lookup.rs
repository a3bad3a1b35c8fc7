//! Looking up a resident: a BSN and a reason. Each look-up is logged on the
//! resident as processing ("Beantwoorden van vragen over gegevensgebruik"),
//! so the resident sees it. A clerk then sees exactly the resident's own
//! overview; a privacy officer the investigation of that person. The BSN
//! stays out of the URL: the page address holds a random look-up id that
//! only this staff session knows.

use super::{back_link, st, Field, FormError, StaffFailure};
#[cfg(feature = "ssr")]
use crate::model::Rol;
use crate::{
    app::{
        alert::{Message, Tone},
        error::PortalError,
        mijn::{FilterForm, OverviewBody},
    },
    i18n::Lang,
    model::{Filter, Overzicht, RequestKind},
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// The pseudonym of a resident looked up in this staff session, for one of
/// `roles`.
#[cfg(feature = "ssr")]
pub async fn looked_up(
    id: &str,
    roles: &[Rol],
) -> Result<(crate::auth::staff::StaffSession, Vec<u8>), PortalError> {
    let me = crate::app::session::staff(roles).await?;
    let (pseudonym, _) = me
        .lookups
        .get(id)
        .cloned()
        .ok_or_else(crate::app::session::not_found)?;
    let pseudonym = hex::decode(pseudonym).map_err(PortalError::internal)?;
    Ok((me, pseudonym))
}

/// A looked-up resident as the clerk sees them: what the resident sees,
/// and the last digits of the BSN to check with the caller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpgezochteInwoner {
    pub bsn_eind: String,
    pub overzicht: Overzicht,
}

#[server(prefix = "/api/portaal", endpoint = "medewerker-inwoner")]
pub async fn inwoner(
    id: String,
    filter: Filter,
    lang: Lang,
) -> Result<OpgezochteInwoner, PortalError> {
    use crate::views::resident as view;
    let (me, pseudonym) = looked_up(&id, &[Rol::Clerk]).await?;
    let state = crate::app::session::state()?;
    let bsn = me
        .lookups
        .get(&id)
        .and_then(|(_, sealed)| state.log.keys().encryption.open(sealed, &pseudonym).ok())
        .ok_or_else(|| PortalError::internal("a look-up's sealed BSN cannot be opened"))?;
    let bsn_eind = String::from_utf8_lossy(&bsn[bsn.len().saturating_sub(3)..]).into_owned();
    let ctx = state.register_context.get(&state.db, lang).await?;
    let (entries, capped) = view::entries(&state.db, &pseudonym, view::not_before(&filter)).await?;
    let overzicht = view::overview(&ctx, entries, capped, &filter);
    Ok(OpgezochteInwoner {
        bsn_eind,
        overzicht,
    })
}

#[server(prefix = "/api/portaal", endpoint = "medewerker-verzoek-namens")]
pub async fn verzoek_namens(id: String, soort: String, bericht: String) -> Result<(), PortalError> {
    let (me, pseudonym) = looked_up(&id, &[Rol::Clerk]).await?;
    let state = crate::app::session::state()?;
    let bericht = bericht.trim();
    let kind = RequestKind::parse(&soort);
    let Some(soort) = kind.filter(|_| !bericht.is_empty() && bericht.chars().count() <= 5000)
    else {
        leptos_axum::redirect(&format!("/medewerker/inwoner/{id}?fout=bericht"));
        return Err(PortalError::Invalid("bericht".into()));
    };
    me.audit(
        &state.db,
        "verzoek indienen namens inwoner",
        Some(&hex::encode(&pseudonym)),
        Some(soort.as_str()),
    )
    .await?;
    let zaak = crate::views::requests::file(
        &state.db,
        state.log.keys(),
        &pseudonym,
        soort,
        None,
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
        {move || fout().map(|code| view! { <FormError message=(t.lookup_error)(&code) /> })}
        <Suspense fallback=|| ()>
        {move || Suspend::new(async move {
            match allowed.await {
                Err(e) => view! { <StaffFailure error=e /> }.into_any(),
                Ok(draft) => {
                    let draft = draft.unwrap_or(LookupDraft { bsn: String::new(), reden: String::new(), toelichting: String::new() });
                    let reden = draft.reden.clone();
                    view! {
        <ActionForm action=send>
            <crate::app::CsrfField />
            <Field id="bsn" label=t.bsn>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="bsn" name="bsn" type="text" inputmode="numeric" autocomplete="off" maxlength="9" required value=draft.bsn />
            </Field>
            <Field id="reden" label=t.reason>
                <select class="utrecht-select utrecht-select--html-select" id="reden" name="reden">
                    {t.reasons.iter().map(|(code, label)| view! { <option value=*code selected=*code == reden>{*label}</option> }).collect_view()}
                </select>
            </Field>
            <Field id="toelichting" label=t.explanation>
                <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="toelichting" name="toelichting" rows="3" maxlength="500" required>{draft.toelichting}</textarea>
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
    let filter = crate::app::mijn::filter_from_query();
    let data = Resource::new(
        move || (id(), filter()),
        move |(id, f)| inwoner(id, f, lang),
    );
    let file = ServerAction::<VerzoekNamens>::new();
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
                    Ok(OpgezochteInwoner { bsn_eind, mut overzicht }) => {
                        let f = filter();
                        // Only look-ups: nothing the municipality did.
                        let nothing = overzicht.totaal <= overzicht.medewerker_keken;
                        let afdelingen = std::mem::take(&mut overzicht.afdelingen);
                        let gegevens = std::mem::take(&mut overzicht.gegevens);
                        let doelen = std::mem::take(&mut overzicht.doelen);
                        view! {
                        <p class="utrecht-paragraph utrecht-paragraph--lead">{(t.resident_who)(&bsn_eind)}</p>
                        <p class="utrecht-paragraph">
                            <a class="utrecht-link utrecht-link--html-a" href="#verzoek-namens">{t.to_file_request}</a>
                        </p>
                        {nothing.then(|| view! { <Message tone=Tone::Notice text=t.resident_nothing /> })}
                        <OverviewBody overzicht maanden=f.maanden readonly=true>
                            <FilterForm afdelingen gegevens doelen filter=f.clone() action=format!("/medewerker/inwoner/{}", id()) />
                        </OverviewBody>
                        <h2 class="utrecht-heading-2" id="verzoek-namens">{t.file_request}</h2>
                        <ActionForm action=file>
                            <crate::app::CsrfField />
                            <input type="hidden" name="id" value=id />
                            <Field id="soort" label=t.kind>
                                <select class="utrecht-select utrecht-select--html-select" id="soort" name="soort">
                                    {RequestKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{(rt.kind_label)(*k)}</option> }).collect_view()}
                                </select>
                            </Field>
                            <Field id="bericht" label=t.message>
                                <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="bericht" name="bericht" rows="4" maxlength="5000" required></textarea>
                            </Field>
                            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.file_submit}</button>
                        </ActionForm>
                    }.into_any()
                    }
                    Err(e) => view! { <StaffFailure error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {back_link()}
    }
}
