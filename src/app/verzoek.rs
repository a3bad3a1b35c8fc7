//! Contest and ask: from any entry a resident sends a question or says "I do
//! not recognise this". The request gets a case number and the statutory
//! deadline of one month; the resident follows it under "Mijn verzoeken".

use super::{
    alert::{Alert, Message, Tone},
    detail::mijn_actie,
    entries_html::EntryLinks,
    error::PortalError,
    mijn::{Entry, Item},
    organisation, page_title, texts,
};
use crate::{
    i18n::Lang,
    model::{RequestKind, RequestStatus},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

const MAX_MESSAGE: usize = 5000;
/// Open (not yet closed) requests one resident may have.
#[cfg(feature = "ssr")]
const MAX_OPEN: i64 = 10;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerzoekRegel {
    pub zaaknummer: String,
    pub soort: RequestKind,
    pub ontvangen: String,
    pub termijn: String,
    pub status: RequestStatus,
    /// What the municipality told the resident: messages, an extension and
    /// its reason, the decision.
    pub berichten: Vec<crate::model::Gebeurtenis>,
}

/// What a resident typed when their session had ended, kept in the
/// browser's session for that same resident's next login alone: bound to
/// their pseudonym (hex), the text sealed under it.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Draft {
    voor: String,
    actie: String,
    soort: String,
    bericht_sealed: Vec<u8>,
}

#[cfg(feature = "ssr")]
const DRAFT: &str = "concept";

/// Files a request for the logged-in resident and goes to "Mijn verzoeken".
#[server(prefix = "/api/portaal", endpoint = "verzoek")]
pub async fn dien_in(actie: String, soort: String, bericht: String) -> Result<(), PortalError> {
    use super::session::{resident, session, state};
    let back = format!(
        "/mijn/verzoek?actie={}&soort={}",
        super::encode_component(&actie),
        super::encode_component(&soort)
    );
    let me = match resident().await {
        Ok(me) => me,
        Err(PortalError::NotLoggedIn) => {
            let session = session().await?;
            let code = match crate::auth::resident::ended(&session).await {
                Some(voor) => {
                    let bericht: String = bericht.chars().take(MAX_MESSAGE).collect();
                    let state = state()?;
                    let bericht_sealed = state
                        .log
                        .keys()
                        .encryption
                        .seal(bericht.as_bytes(), voor.as_bytes());
                    let draft = Draft {
                        voor,
                        actie,
                        soort,
                        bericht_sealed,
                    };
                    session.insert(DRAFT, draft).await?;
                    "sessie"
                }
                // Logged out: nobody to keep it for.
                None => "uitgelogd",
            };
            leptos_axum::redirect(&format!("{back}&fout={code}"));
            return Err(PortalError::NotLoggedIn);
        }
        Err(e) => return Err(e),
    };
    let state = state()?;
    let Some(soort) = RequestKind::parse(&soort) else {
        return Err(PortalError::Invalid("soort".into()));
    };
    let bericht = bericht.trim();
    if bericht.is_empty() || bericht.chars().count() > MAX_MESSAGE {
        leptos_axum::redirect(&format!("{back}&fout=bericht"));
        return Err(PortalError::Invalid("bericht".into()));
    }
    let pseudonym = me.pseudonym_bytes();
    let actie_id = if actie.is_empty() {
        None
    } else {
        // Only the resident's own, visible entry can be contested.
        crate::views::resident::own_entry(&state.db, &pseudonym, &actie)
            .await?
            .ok_or(PortalError::NotFound)?;
        Some(actie)
    };
    // A bound on what one account can file: a flood would bury the
    // privacy officer's queue.
    let from = crate::views::requests::Requester {
        pseudonym: &pseudonym,
        bsn_sealed: &me.sealed_id,
    };
    let filed = crate::views::requests::file(
        &state.db,
        state.log.keys(),
        from,
        soort,
        actie_id,
        bericht,
        "inwoner",
        Some(MAX_OPEN),
    )
    .await?;
    let Some(zaak) = filed else {
        leptos_axum::redirect(&format!("{back}&fout=te_veel"));
        return Err(PortalError::Invalid("te_veel".into()));
    };
    leptos_axum::redirect(&format!("/mijn/verzoeken?ingediend={zaak}"));
    Ok(())
}

/// The text a resident typed in this form before their session ended,
/// once: it is taken out of the session.
#[server(prefix = "/api/portaal", endpoint = "verzoek-concept")]
pub async fn concept(actie: String, soort: String) -> Result<Option<String>, PortalError> {
    use super::session::{resident, session, state};
    let me = resident().await?;
    let state = state()?;
    let keys = state.log.keys();
    // Taken out whatever it holds: only its own resident gets it, once.
    let draft = session().await?.remove::<Draft>(DRAFT).await?;
    Ok(draft
        .filter(|d| d.voor == me.pseudonym && d.actie == actie && d.soort == soort)
        .and_then(|d| {
            keys.encryption
                .open(&d.bericht_sealed, d.voor.as_bytes())
                .ok()
        })
        .and_then(|text| String::from_utf8(text).ok()))
}

#[server(prefix = "/api/portaal", endpoint = "verzoeken")]
pub async fn mijn_verzoeken(lang: Lang) -> Result<Vec<VerzoekRegel>, PortalError> {
    use super::session::{resident, state};
    use crate::views::dates::{day, moment};
    let me = resident().await?;
    let state = state()?;
    let rows = state.db.requests_of(&me.pseudonym_bytes()).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let events = state.db.case_events(&r.id, true).await?;
        let berichten = crate::views::requests::events(state.log.keys(), &r.id, events, lang)
            .into_iter()
            .filter(|e| e.tekst.is_some())
            .collect();
        out.push(VerzoekRegel {
            zaaknummer: r.zaaknummer,
            soort: r.soort,
            ontvangen: moment(r.ontvangen, lang),
            termijn: day(r.termijn, lang),
            status: r.status,
            berichten,
        });
    }
    Ok(out)
}

#[component]
pub fn VerzoekForm() -> impl IntoView {
    let t = texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let query = use_query_map();
    let actie = move || query.with(|q| q.get("actie").unwrap_or_default());
    let soort = move || {
        query.with(|q| {
            q.get("soort")
                .and_then(|s| RequestKind::parse(&s))
                .unwrap_or(RequestKind::Vraag)
                .as_str()
        })
    };
    let send = ServerAction::<DienIn>::new();
    // Without JavaScript the server sends the form back with `fout`; with
    // JavaScript the action's answer says the same.
    let fout = move |code: &str| query.with(|q| q.get("fout").is_some_and(|f| f == code));
    let too_many = move || {
        fout("te_veel")
            || matches!(send.value().get(), Some(Err(PortalError::Invalid(f))) if f == "te_veel")
    };
    let missing = move || {
        fout("bericht")
            || matches!(send.value().get(), Some(Err(PortalError::Invalid(f))) if f == "bericht")
    };
    let ended = move || {
        fout("sessie")
            || fout("uitgelogd")
            || matches!(send.value().get(), Some(Err(PortalError::NotLoggedIn)))
    };
    // Any other failure of sending (the server or the connection).
    let failed = move || match send.value().get() {
        Some(Err(PortalError::Invalid(_) | PortalError::NotLoggedIn)) | Some(Ok(())) | None => None,
        Some(Err(e)) => Some(e),
    };
    // Read once: typing after a failure must not be overwritten by a reload.
    let (first_actie, first_soort) = (actie(), soort().to_owned());
    let draft = Resource::new(
        || (),
        move |_| concept(first_actie.clone(), first_soort.clone()),
    );
    let entry = Resource::new(actie, move |id| async move {
        if id.is_empty() {
            Ok(None)
        } else {
            mijn_actie(id, lang).await.map(Some)
        }
    });
    let kind = RequestKind::parse(soort()).unwrap_or(RequestKind::Vraag);
    let title = (t.request_title)(kind);
    view! {
        <Title text=page_title(title) />
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph">{t.request_intro}</p>
        {move || too_many().then(|| view! { <Message tone=Tone::Error text=format!("{} {}.", t.request_too_many, organisation().phone) /> })}
        {move || ended().then(|| view! { <super::mijn::SessionEnded kept=fout("sessie") /> })}
        {move || failed().map(|error| view! { <super::mijn::Failure error /> })}
        {move || missing().then(|| view! {
            <Alert tone=Tone::Error>
                <p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="#bericht">{t.request_empty_message}</a></p>
            </Alert>
        })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match entry.await {
                    Ok(Some(detail)) => view! {
                        <h2 class="utrecht-heading-2">{t.request_about}</h2>
                        <ul class="app-entries"><Entry regel=detail.regel links=EntryLinks::None /></ul>
                    }.into_any(),
                    Ok(None) => ().into_any(),
                    // Said above already.
                    Err(PortalError::NotLoggedIn) if fout("sessie") || fout("uitgelogd") => ().into_any(),
                    Err(e) => view! { <super::mijn::Failure error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <ActionForm action=send>
            <crate::app::CsrfField />
            <input type="hidden" name="actie" value=actie />
            <input type="hidden" name="soort" value=soort />
            <Suspense fallback=move || view! { <MessageField missing=Signal::derive(missing) hint=(t.request_hint)(kind) text=String::new() /> }>
                {move || Suspend::new(async move {
                    let text = draft.await.ok().flatten().unwrap_or_default();
                    view! { <MessageField missing=Signal::derive(missing) hint=(t.request_hint)(kind) text /> }
                })}
            </Suspense>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">{t.request_submit}</button>
        </ActionForm>
    }
}

/// The message box, marked invalid while `missing` holds.
#[component]
fn MessageField(missing: Signal<bool>, hint: &'static str, text: String) -> impl IntoView {
    let t = texts();
    view! {
        <div class=move || if missing.get() { "utrecht-form-field utrecht-form-field--invalid" } else { "utrecht-form-field" }>
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for="bericht">{t.request_message}</label>
            </div>
            <div class="utrecht-form-field__description" id="bericht-uitleg">{hint}</div>
            <div class="utrecht-form-field__input">
                <textarea
                    class="utrecht-textarea utrecht-textarea--html-textarea app-textarea"
                    id="bericht"
                    name="bericht"
                    rows="6"
                    maxlength=MAX_MESSAGE
                    aria-required="true"
                    aria-describedby="bericht-uitleg"
                    aria-invalid=move || missing.get().then_some("true")
                >{text}</textarea>
            </div>
        </div>
    }
}

#[component]
pub fn Verzoeken() -> impl IntoView {
    let t = texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let list = Resource::new(|| (), move |_| mijn_verzoeken(lang));
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("ingediend"));
    view! {
        <Title text=page_title(t.requests_title) />
        <h1 class="utrecht-heading-1">{t.requests_title}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let rows = list.await;
                // The confirmation of what was just sent, with its deadline.
                let confirmation = sent().and_then(|zaak| {
                    let row = rows.as_ref().ok()?.iter().find(|r| r.zaaknummer == zaak)?;
                    Some((t.request_sent)(&row.zaaknummer, &row.termijn))
                });
                let confirmation = confirmation.map(|text| view! { <Message tone=Tone::Ok text /> });
                let list = match rows {
                    Ok(rows) if rows.is_empty() => view! { <p class="utrecht-paragraph">{t.requests_empty}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="app-entries">
                            {rows.into_iter().map(|r| view! {
                                <li class="app-entry">
                                    <h2 class="utrecht-heading-3">{t.request_number}" "{r.zaaknummer.clone()}</h2>
                                    <dl class="utrecht-data-list utrecht-data-list--rows">
                                        <Item key=t.request_kind value=(t.kind_label)(r.soort).to_owned() />
                                        <Item key=t.request_status value=(t.status_label)(r.status).to_owned() />
                                        <Item key=t.request_received value=r.ontvangen.clone() />
                                        <Item key=t.request_deadline value=r.termijn.clone() />
                                    </dl>
                                    {(!r.berichten.is_empty()).then(|| view! {
                                        <h3 class="utrecht-heading-4">{t.request_answers}</h3>
                                        <ul class="utrecht-unordered-list">
                                            {r.berichten.iter().map(|b| view! {
                                                <li>{b.wanneer.clone()}": "<span class="app-message">{b.tekst.clone()}</span></li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <super::mijn::Failure error=e /> }.into_any(),
                };
                view! { {confirmation} {list} }
            })}
        </Suspense>
        <h2 class="utrecht-heading-2">{t.request_new_title}</h2>
        <ul class="utrecht-unordered-list">
            {RequestKind::ALL
                .iter()
                .filter(|k| **k != RequestKind::HerkenNiet)
                .map(|k| {
                    let href = format!("/mijn/verzoek?soort={}", k.as_str());
                    view! { <li><a class="utrecht-link utrecht-link--html-a" href=href>{(t.request_title)(*k)}</a></li> }
                })
                .collect_view()}
        </ul>
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/mijn">{t.back}</a>
        </p>
    }
}
