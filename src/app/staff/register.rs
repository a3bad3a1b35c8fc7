//! The register of processing activities for admins and privacy officers:
//! list and search, one activity with its versions, edit (a new version
//! valid from now) and (de)activate. Earlier versions are never changed.

use super::{back_link, st, Field, StaffFailure};
#[cfg(feature = "ssr")]
use crate::model::Rol;
use crate::{
    app::{
        alert::{Message, Tone},
        error::PortalError,
    },
    i18n::Lang,
    model::{ActiviteitVelden, RegisterDetail, RegisterRegel},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Who may see and edit the register (checked in the server functions).
#[cfg(feature = "ssr")]
const REGISTER_ROLES: [Rol; 2] = [Rol::Admin, Rol::PrivacyOfficer];

#[server(prefix = "/api/portaal", endpoint = "medewerker-register")]
pub async fn register_lijst(zoek: String, lang: Lang) -> Result<Vec<RegisterRegel>, PortalError> {
    crate::app::session::staff(&REGISTER_ROLES).await?;
    let state = crate::app::session::state()?;
    let now = chrono::Utc::now().timestamp_micros();
    let all = state.db.activities_at(now).await?;
    let afdelingen = state.db.afdelingen().await?;
    let zoek = zoek.trim().to_lowercase();
    Ok(all
        .into_iter()
        .map(|r| {
            let a = r.activity;
            let afdeling = afdelingen
                .iter()
                .find(|(code, ..)| Some(code) == a.afdeling.as_ref())
                .map(|(_, nl, en)| {
                    if lang == Lang::En {
                        en.clone()
                    } else {
                        nl.clone()
                    }
                })
                .unwrap_or_default();
            let regel = RegisterRegel {
                grondslag: crate::views::resident::grondslag_text(a.grondslag, lang).to_owned(),
                id: a.id,
                naam: a.naam,
                afdeling,
                actief: r.actief,
            };
            (regel, a.doel)
        })
        .filter(|(regel, doel)| {
            zoek.is_empty()
                || [&regel.naam, doel, &regel.afdeling]
                    .iter()
                    .any(|s| s.to_lowercase().contains(&zoek))
        })
        .map(|(regel, _)| regel)
        .collect())
}

#[server(prefix = "/api/portaal", endpoint = "medewerker-activiteit")]
pub async fn activiteit(id: String, lang: Lang) -> Result<RegisterDetail, PortalError> {
    use crate::register::Grondslag;
    crate::app::session::staff(&REGISTER_ROLES).await?;
    let state = crate::app::session::state()?;
    let versions = state.db.activity_versions(&id).await?;
    let now = chrono::Utc::now().timestamp_micros();
    let current = state
        .db
        .activity_at(&id, now)
        .await?
        .ok_or_else(crate::app::session::not_found)?;
    let a = &current.activity;
    let t = lang.staff_texts();
    Ok(RegisterDetail {
        id: id.clone(),
        actief: current.actief,
        velden: ActiviteitVelden {
            naam: a.naam.clone(),
            doel: a.doel.clone(),
            grondslag: a.grondslag.var_text().to_owned(),
            wet: a.wet.clone(),
            wet_url: a.wet_url.clone().unwrap_or_default(),
            bewaartermijn: a.bewaartermijn.clone().unwrap_or_default(),
            titel_nl: a.titel_nl.clone().unwrap_or_default(),
            uitleg_nl: a.uitleg_nl.clone().unwrap_or_default(),
            titel_en: a.titel_en.clone().unwrap_or_default(),
            uitleg_en: a.uitleg_en.clone().unwrap_or_default(),
        },
        grondslagen: Grondslag::ALL
            .iter()
            .map(|g| {
                (
                    g.var_text().to_owned(),
                    crate::views::resident::grondslag_text(*g, lang).to_owned(),
                )
            })
            .collect(),
        versies: versions
            .iter()
            .map(|v| {
                let state = if v.actief { "" } else { t.inactive };
                format!(
                    "{} — {} {state}",
                    crate::views::dates::moment(v.geldig_vanaf, lang),
                    v.activity.naam
                )
            })
            .collect(),
    })
}

/// Saves the fields as a new version valid from now; `actief` switches the
/// activity on or off in the same way.
#[server(prefix = "/api/portaal", endpoint = "medewerker-activiteit-opslaan")]
pub async fn opslaan(
    id: String,
    velden: ActiviteitVelden,
    actief: bool,
) -> Result<(), PortalError> {
    use crate::{register::Grondslag, store::register::NewActivityVersion};
    let me = crate::app::session::staff(&REGISTER_ROLES).await?;
    let state = crate::app::session::state()?;
    let now = chrono::Utc::now().timestamp_micros();
    let current = state
        .db
        .activity_at(&id, now)
        .await?
        .ok_or_else(crate::app::session::not_found)?;
    let back = format!(
        "/medewerker/register/{}",
        super::super::encode_component(&id)
    );
    let invalid = |field: &str| {
        leptos_axum::redirect(&format!("{back}?fout={field}"));
        PortalError::Invalid(field.to_owned())
    };
    let text = |v: &str, max: usize| {
        (!v.trim().is_empty() && v.chars().count() <= max).then(|| v.trim().to_owned())
    };
    let optional = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let mut activity = current.activity.clone();
    activity.naam = text(&velden.naam, 200).ok_or_else(|| invalid("naam"))?;
    activity.doel = text(&velden.doel, 2000).ok_or_else(|| invalid("doel"))?;
    activity.grondslag = Grondslag::parse(&velden.grondslag).ok_or_else(|| invalid("grondslag"))?;
    activity.wet = velden.wet.trim().chars().take(500).collect();
    activity.wet_url = match optional(&velden.wet_url) {
        Some(u) if !u.starts_with("https://") => return Err(invalid("wet_url")),
        u => u,
    };
    activity.bewaartermijn = optional(&velden.bewaartermijn);
    activity.titel_nl = optional(&velden.titel_nl);
    activity.uitleg_nl = optional(&velden.uitleg_nl);
    activity.titel_en = optional(&velden.titel_en);
    activity.uitleg_en = optional(&velden.uitleg_en);
    let version = NewActivityVersion {
        activity: &activity,
        geldig_vanaf: now,
        actief,
    };
    let what = if actief == current.actief {
        "register: nieuwe versie"
    } else if actief {
        "register: actief"
    } else {
        "register: niet actief"
    };
    me.audit(&state.db, what, Some(&id), None).await?;
    state
        .db
        .add_activity_versions(&[version], &me.label())
        .await?;
    state.register_context.clear();
    leptos_axum::redirect(&format!("{back}?opgeslagen=1"));
    Ok(())
}

#[component]
pub fn Register() -> impl IntoView {
    let t = st();
    let lang = use_context::<Lang>().unwrap_or_default();
    let query = use_query_map();
    let zoek = move || query.read().get("zoek").unwrap_or_default();
    let list = Resource::new(zoek, move |z| register_lijst(z, lang));
    view! {
        <Title text=t.register_title />
        <h1 class="utrecht-heading-1">{t.register_title}</h1>
        <form method="get" action="/medewerker/register" role="search">
            <Field id="zoek" label=t.register_search>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="zoek" name="zoek" type="search" value=zoek />
            </Field>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.register_search_submit}</button>
        </form>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="utrecht-paragraph">{t.register_empty}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="app-entries">
                            {rows.into_iter().map(|r| view! {
                                <li class="app-entry">
                                    <h2 class="utrecht-heading-3">
                                        <a class="utrecht-link utrecht-link--html-a" href=format!("/medewerker/register/{}", r.id)>{r.naam.clone()}</a>
                                    </h2>
                                    <p class="utrecht-paragraph">
                                        {r.afdeling.clone()}" — "{r.grondslag.clone()}
                                        {(!r.actief).then(|| format!(" — {}", t.inactive))}
                                    </p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <StaffFailure error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {back_link()}
    }
}

#[component]
pub fn RegisterItem() -> impl IntoView {
    let t = st();
    let lang = use_context::<Lang>().unwrap_or_default();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let save = ServerAction::<Opslaan>::new();
    // Read again after a save that succeeded, not after one refused: the
    // form then keeps what was typed.
    let saved_version = Memo::new(
        move |last: Option<&Option<usize>>| match save.value().get() {
            Some(Ok(())) => Some(save.version().get()),
            _ => last.copied().flatten(),
        },
    );
    let data = Resource::new(
        move || (id(), saved_version.get()),
        move |(id, _)| activiteit(id, lang),
    );
    // The failure of this save (with JavaScript) or of the form sent back (without).
    let refused = move || match save.value().get() {
        Some(Err(PortalError::Invalid(field))) => Some(field),
        Some(Err(_)) => Some(String::new()),
        Some(Ok(())) => None,
        None => query.read().get("fout"),
    };
    let saved = move || match save.value().get() {
        Some(result) => result.is_ok(),
        None => query.read().get("opgeslagen").is_some(),
    };
    view! {
        <Title text=t.register_title />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let v = d.velden.clone();
                        let h = d.velden.clone();
                        let (id_edit, id_toggle, actief) = (d.id.clone(), d.id.clone(), d.actief);
                        let [naam, doel, grondslag, wet, wet_url, bewaar, titel_nl, uitleg_nl, titel_en, uitleg_en] = t.field_labels;
                        // The message beside the field the server refused.
                        let wrong = move |name: &'static str| Signal::derive(move || {
                            refused().filter(|f| f == name).map(|f| (t.register_error)(&f))
                        });
                        let (grondslag_invalid, grondslag_described) = super::invalid("grondslag", wrong("grondslag"));
                        view! {
                            <h1 class="utrecht-heading-1">{v.naam.clone()}</h1>
                            {move || saved().then(|| view! { <Message tone=Tone::Ok text=t.saved /> })}
                            {move || refused().map(|field| {
                                let message = (t.register_error)(&field);
                                if CHECKED.contains(&field.as_str()) {
                                    view! { <super::ErrorSummary field message /> }.into_any()
                                } else {
                                    view! { <super::FormError message /> }.into_any()
                                }
                            })}
                            {(!actief).then(|| view! { <p class="utrecht-paragraph"><strong>{t.inactive}</strong></p> })}
                            <ActionForm action=save>
                                <crate::app::CsrfField />
                                <input type="hidden" name="id" value=id_edit />
                                <input type="hidden" name="actief" value=actief.to_string() />
                                {field_input("naam", naam, v.naam.clone(), wrong("naam"))}
                                {field_area("doel", doel, v.doel.clone(), wrong("doel"))}
                                <Field id="grondslag" label=grondslag error=wrong("grondslag")>
                                    <select class="utrecht-select utrecht-select--html-select" id="grondslag" name="velden[grondslag]"
                                        aria-invalid=grondslag_invalid aria-describedby=grondslag_described>
                                        {d.grondslagen.iter().map(|(value, label)| view! {
                                            <option value=value.clone() selected=*value == v.grondslag>{label.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </Field>
                                {field_input("wet", wet, v.wet.clone(), wrong("wet"))}
                                {field_input("wet_url", wet_url, v.wet_url.clone(), wrong("wet_url"))}
                                {field_input("bewaartermijn", bewaar, v.bewaartermijn.clone(), wrong("bewaartermijn"))}
                                {field_input("titel_nl", titel_nl, v.titel_nl.clone(), wrong("titel_nl"))}
                                {field_area("uitleg_nl", uitleg_nl, v.uitleg_nl.clone(), wrong("uitleg_nl"))}
                                {field_input("titel_en", titel_en, v.titel_en.clone(), wrong("titel_en"))}
                                {field_area("uitleg_en", uitleg_en, v.uitleg_en.clone(), wrong("uitleg_en"))}
                                <button class="utrecht-button utrecht-button--primary-action" type="submit">{t.save_version}</button>
                            </ActionForm>
                            <ToggleForm save=save id=id_toggle actief=actief velden=h />
                            <h2 class="utrecht-heading-2">{t.versions}</h2>
                            <ol class="utrecht-ordered-list">
                                {d.versies.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                    Err(e) => view! { <h1 class="utrecht-heading-1">{t.register_title}</h1><StaffFailure error=e /> }.into_any(),
                }
            })}
        </Suspense>
        <p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/medewerker/register">{t.register_title}</a></p>
        {back_link()}
    }
}

/// The fields the server checks one by one (see `register_error`).
const CHECKED: [&str; 4] = ["naam", "doel", "grondslag", "wet_url"];

/// One line of text of the activity's form.
fn field_input(
    name: &'static str,
    label: &'static str,
    value: String,
    error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let (invalid, described) = super::invalid(name, error);
    view! {
        <Field id=name label=label error>
            <input class="utrecht-textbox utrecht-textbox--html-input" id=name name=format!("velden[{name}]") type="text" value=value
                aria-invalid=invalid aria-describedby=described />
        </Field>
    }
}

/// A longer text of the activity's form.
fn field_area(
    name: &'static str,
    label: &'static str,
    value: String,
    error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let (invalid, described) = super::invalid(name, error);
    view! {
        <Field id=name label=label error>
            <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=name name=format!("velden[{name}]") rows="3"
                aria-invalid=invalid aria-describedby=described>{value}</textarea>
        </Field>
    }
}

/// Switches the activity off (or on again): a new version with the same
/// fields, carried as hidden inputs.
#[component]
fn ToggleForm(
    save: ServerAction<Opslaan>,
    id: String,
    actief: bool,
    velden: ActiviteitVelden,
) -> impl IntoView {
    let t = st();
    let h = velden;
    view! {
        <ActionForm action=save>
            <crate::app::CsrfField />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="actief" value=(!actief).to_string() />
            {[("naam", h.naam), ("doel", h.doel), ("grondslag", h.grondslag), ("wet", h.wet),
              ("wet_url", h.wet_url), ("bewaartermijn", h.bewaartermijn), ("titel_nl", h.titel_nl),
              ("uitleg_nl", h.uitleg_nl), ("titel_en", h.titel_en), ("uitleg_en", h.uitleg_en)]
                .into_iter()
                .map(|(k, value)| view! { <input type="hidden" name=format!("velden[{k}]") value=value /> })
                .collect_view()}
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                {if actief { t.deactivate } else { t.activate }}
            </button>
        </ActionForm>
    }
}
