//! "Mijn gegevensgebruik": the resident's own entries, grouped per case,
//! with filters that work as a plain GET form, a summary chart and table.

use super::{
    alert::{Alert, Message, Tone},
    entries_html::EntryLinks,
    error::PortalError,
    layout::CallUs,
    page_title, texts,
};
use crate::{
    i18n::Lang,
    model::{Filter, Groep, Overzicht, Regel, Telling},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The resident's overview. Logs the view on the resident.
#[server(prefix = "/api/portaal", endpoint = "mijn")]
pub async fn mijn_overzicht(filter: Filter, lang: Lang) -> Result<Overzicht, PortalError> {
    use super::session::{resident, state};
    use crate::views::resident as view;
    let me = resident().await?;
    let state = state()?;
    let pseudonym = me.pseudonym_bytes();
    let ctx = state.register_context.get(&state.db, lang).await?;
    // A filter beyond the period needs every entry; otherwise (the usual
    // case) read only what the page lists.
    let overzicht = if filter.narrows() {
        let (entries, capped) =
            view::entries(&state.db, &pseudonym, view::not_before(&filter)).await?;
        view::overview(&ctx, entries, capped, &filter)
    } else {
        view::overview_page(&state.db, &ctx, &pseudonym, &filter).await?
    };
    let controle = state
        .db
        .latest_checkpoint()
        .await?
        .map(|c| crate::model::Controle {
            regels: c.grootte as u64,
            wanneer: crate::views::dates::moment(c.tijd, lang),
        });
    let overzicht = Overzicht {
        naam: me.naam.clone(),
        gemaakt: crate::views::dates::day(chrono::Utc::now().timestamp_micros(), lang),
        controle,
        ..overzicht
    };
    state
        .log
        .log_view(
            &pseudonym,
            &me.sealed_id,
            "Bekijken overzicht gegevensgebruik",
        )
        .await?;
    Ok(overzicht)
}

/// The same overview with one page more.
fn more_href(f: &Filter) -> String {
    let e = super::encode_component;
    format!(
        "/mijn?periode={}&afdeling={}&gegeven={}&doel={}&zoek={}&toon={}",
        f.maanden,
        e(&f.afdeling),
        e(&f.gegeven),
        e(&f.doel),
        e(&f.zoek),
        f.more()
    )
}

/// Reads the filter from the page address (`?periode=12&afdeling=…`).
pub fn filter_from_query() -> impl Fn() -> Filter + Copy {
    let query = use_query_map();
    move || query.with(|q| Filter::from_query(|key| q.get(key)))
}

#[component]
pub fn Mijn() -> impl IntoView {
    let t = texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let filter = filter_from_query();
    let data = Resource::new(filter, move |f| mijn_overzicht(f, lang));
    view! {
        <Title text=page_title(t.mijn_title) />
        <h1 class="utrecht-heading-1">{t.mijn_title}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t.mijn_lead}</p>
        {t.source_note.map(|note| view! { <p class="utrecht-paragraph">{note}</p> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(overzicht) => view! { <Overview overzicht filter=filter() /> }.into_any(),
                    Err(e) => view! { <Failure error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn Failure(error: PortalError) -> impl IntoView {
    let t = texts();
    let body = match error {
        PortalError::NotLoggedIn => return view! { <SessionEnded /> }.into_any(),
        PortalError::NotFound => t.not_found_body,
        _ => t.error_body,
    };
    view! { <Message tone=Tone::Error text=body /> }.into_any()
}

#[component]
fn Overview(overzicht: Overzicht, filter: Filter) -> impl IntoView {
    let t = texts();
    let export = |kind: &str| format!("/mijn/export.{kind}?periode={}", filter.maanden);
    // The form takes the choices and the body the rest, so neither copies
    // the whole overview.
    let mut overzicht = overzicht;
    let afdelingen = std::mem::take(&mut overzicht.afdelingen);
    let gegevens = std::mem::take(&mut overzicht.gegevens);
    let doelen = std::mem::take(&mut overzicht.doelen);
    let eigen = std::mem::take(&mut overzicht.eigen);
    let controle = overzicht.controle.take();
    let (meer, afgekapt) = (overzicht.meer, overzicht.afgekapt);
    let form_filter = filter.clone();
    let period = t
        .period_options
        .iter()
        .find(|(v, _)| *v == filter.maanden.to_string())
        .map_or_else(
            || filter.maanden.to_string(),
            |(_, label)| (*label).to_owned(),
        );
    let print = format!(
        "{} {} · {}: {}",
        t.print_made, overzicht.gemaakt, t.filter_period, period
    );
    view! {
        // Only on paper: whose overview, when, which period, and whom to call.
        <div class="app-print-only">
            <p class="utrecht-paragraph"><strong>{overzicht.naam.clone()}</strong></p>
            <p class="utrecht-paragraph">{print}</p>
            <CallUs />
        </div>
        <UserBar naam=overzicht.naam.take() />
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/mijn/verzoeken">{t.requests_nav}</a>
        </p>
        <OverviewBody overzicht maanden=filter.maanden>
            <FilterForm afdelingen gegevens doelen filter=form_filter />
        </OverviewBody>
        {meer.then(|| view! {
            <p class="utrecht-paragraph">
                <a class="utrecht-link utrecht-link--html-a" href=more_href(&filter)>{t.show_more}</a>
            </p>
        })}
        {afgekapt.then(|| view! { <p class="utrecht-paragraph">{t.capped}</p> })}
        {(filter.maanden != 0)
            .then(|| {
                view! {
                    <p class="utrecht-paragraph">
                        <a class="utrecht-link utrecht-link--html-a" href="/mijn?periode=0">
                            {t.show_earlier}
                        </a>
                    </p>
                }
            })}
        <OwnViews eigen />
        <h2 class="utrecht-heading-2">{t.export_title}</h2>
        <ul class="utrecht-unordered-list">
            <li>
                <a class="utrecht-link utrecht-link--html-a" rel="external" href=export("csv")>
                    {t.export_csv}
                </a>
            </li>
            <li>
                <a class="utrecht-link utrecht-link--html-a" rel="external" href=export("json")>
                    {t.export_json}
                </a>
            </li>
        </ul>
        {controle.map(|c| view! {
            <p class="utrecht-paragraph" id="controle">{(t.verifiable)(c.regels, &c.wanneer)}</p>
        })}
    }
}

/// Who is logged in, with the way out beside it.
#[component]
pub fn UserBar(naam: Option<String>) -> impl IntoView {
    let t = texts();
    view! {
        <div class="app-userbar">
            {naam.map(|naam| view! {
                <p class="utrecht-paragraph">{t.logged_in_as}" "<strong>{naam}</strong></p>
            })}
            <LogoutForm />
        </div>
    }
}

/// The resident's own views of their log, per day: apart from the
/// municipality's use, and nothing to contest.
#[component]
fn OwnViews(eigen: Vec<Telling>) -> impl IntoView {
    let t = texts();
    (!eigen.is_empty()).then(|| {
        view! {
            <h2 class="utrecht-heading-2">{t.own_views_title}</h2>
            <p class="utrecht-paragraph">{t.own_views_body}</p>
            <ul class="utrecht-unordered-list">
                {eigen
                    .into_iter()
                    .map(|d| view! { <li>{format!("{}: {}", d.label, (t.times)(d.aantal))}</li> })
                    .collect_view()}
            </ul>
        }
    })
}

/// The session ended (or never began): says so, and logs in again to come
/// back to this same page.
#[component]
pub fn SessionEnded(#[prop(optional)] kept: bool) -> impl IntoView {
    let t = texts();
    let location = leptos_router::hooks::use_location();
    // Back to the page as it was, without the failure it reports now.
    let here = untrack(|| super::layout::page_address(&location, &["fout"]));
    let login = format!("/auth/login?terug={}", super::encode_component(&here));
    view! {
        <Alert tone=Tone::Warning>
            <p class="utrecht-paragraph">{t.session_ended}</p>
            {kept.then(|| view! { <p class="utrecht-paragraph">{t.session_ended_kept}</p> })}
            <p class="utrecht-paragraph">
                <a class="utrecht-link utrecht-link--html-a" rel="external" href=login>{t.login}</a>
            </p>
        </Alert>
    }
}

/// Logging out is a POST, so a link elsewhere cannot log anyone out.
#[component]
pub fn LogoutForm() -> impl IntoView {
    let t = texts();
    view! {
        <form class="app-logout" method="post" action="/auth/logout">
            <crate::app::CsrfField />
            <button class="utrecht-button utrecht-button--subtle" type="submit">
                {t.logout}
            </button>
        </form>
    }
}

/// The overview's filters as a GET form to `action` (the resident's
/// overview unless given), folded away until used.
#[component]
pub fn FilterForm(
    afdelingen: Vec<(String, String)>,
    gegevens: Vec<String>,
    doelen: Vec<(String, String)>,
    filter: Filter,
    #[prop(optional, into)] action: Option<String>,
) -> impl IntoView {
    let t = texts();
    let period = filter.maanden.to_string();
    let select = move |id: &'static str,
                       label: &'static str,
                       current: String,
                       options: Vec<(String, String)>| {
        view! {
            <div class="utrecht-form-field utrecht-form-field--distanced">
                <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label" for=id>{label}</label>
                </div>
                <div class="utrecht-form-field__input app-select-wrap">
                    <select class="utrecht-select utrecht-select--html-select" id=id name=id>
                        {options
                            .into_iter()
                            .map(|(value, text)| {
                                let selected = value == current;
                                view! { <option value=value selected=selected>{text}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
        }
    };
    let all = |mut rest: Vec<(String, String)>| {
        rest.insert(0, (String::new(), t.filter_all.to_owned()));
        rest
    };
    let periods = t
        .period_options
        .iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect();
    let gegevens = gegevens.into_iter().map(|g| (g.clone(), g)).collect();
    // Folded away until used: on a phone the fields take a whole screen.
    let open = filter.narrows();
    view! {
        <details class="app-filter-toggle" open=open>
        <summary>{t.filter_title}</summary>
        <form class="app-filter" action=action.unwrap_or_else(|| "/mijn".into()) method="get" aria-label=t.filter_title>
            <div class="app-filter__fields">
                {select("periode", t.filter_period, period, periods)}
                {select("afdeling", t.filter_department, filter.afdeling.clone(), all(afdelingen))}
                {select("gegeven", t.filter_data, filter.gegeven.clone(), all(gegevens))}
                {select("doel", t.filter_purpose, filter.doel.clone(), all(doelen))}
                <div class="utrecht-form-field utrecht-form-field--distanced">
                    <div class="utrecht-form-field__label">
                        <label class="utrecht-form-label" for="zoek">{t.filter_search}</label>
                    </div>
                    <div class="utrecht-form-field__input">
                        <input
                            class="utrecht-textbox utrecht-textbox--html-input"
                            type="search"
                            id="zoek"
                            name="zoek"
                            value=filter.zoek.clone()
                        />
                    </div>
                </div>
            </div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
                {t.filter_submit}
            </button>
        </form>
        </details>
    }
}

/// The summary, the filter form (`children`) and the cases, or the empty
/// state. `links` by whose page it is: a clerk gets none of the resident's.
#[component]
pub fn OverviewBody(
    overzicht: Overzicht,
    maanden: u32,
    #[prop(optional)] links: EntryLinks,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let t = texts();
    // The summary takes the counts and the cases their groups: no copies.
    let mut overzicht = overzicht;
    let groepen = std::mem::take(&mut overzicht.groepen);
    let empty = groepen.is_empty();
    view! {
        {(!empty).then(|| view! { <Summary overzicht maanden /> })}
        {children.map(|c| c())}
        {if empty {
            view! {
                <h2 class="utrecht-heading-2">{t.empty_title}</h2>
                <p class="utrecht-paragraph">{t.empty_body}</p>
            }
                .into_any()
        } else {
            groepen.into_iter().map(|g| view! { <Case groep=g links=links.clone() /> }).collect_view().into_any()
        }}
    }
}

/// In plain words first; the figures per month and department folded away.
#[component]
fn Summary(overzicht: Overzicht, maanden: u32) -> impl IntoView {
    let t = texts();
    let afdelingen = overzicht
        .per_afdeling
        .iter()
        .filter(|a| a.label != "-")
        .count();
    view! {
        <h2 class="utrecht-heading-2">{t.summary_title}</h2>
        <p class="utrecht-paragraph">
            {(t.summary_uses)(maanden, overzicht.totaal, afdelingen, overzicht.zaken)}
            {(overzicht.medewerker_keken > 0)
                .then(|| format!(" {}", (t.summary_staff)(overzicht.medewerker_keken)))}
        </p>
        <details class="app-figures">
            <summary>{t.more_figures}</summary>
            <CountTable caption=t.per_month header=t.month rows=overzicht.per_maand />
            <CountTable caption=t.per_department header=t.department rows=overzicht.per_afdeling />
        </details>
    }
}

/// A table of counts, one row per month or department.
#[component]
fn CountTable(caption: &'static str, header: &'static str, rows: Vec<Telling>) -> impl IntoView {
    let t = texts();
    view! {
        <div class="utrecht-table-container">
            <table class="utrecht-table utrecht-table--html-table">
                <caption class="utrecht-table__caption">{caption}</caption>
                <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="col">{header}</th>
                        <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">
                            {t.count}
                        </th>
                    </tr>
                </thead>
                <tbody class="utrecht-table__body">
                    {rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="row">{r.label}</th>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{r.aantal}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One case with its entries (see [`super::entries_html`] for why they are
/// written as a string).
#[component]
pub fn Case(
    groep: Groep,
    #[prop(optional)] links: EntryLinks,
    #[prop(optional)] open: bool,
) -> impl IntoView {
    let html = super::entries_html::case(texts(), &groep, &links, open);
    view! { <section class="app-case" inner_html=html></section> }
}

#[component]
pub fn Entry(regel: Regel, links: EntryLinks) -> impl IntoView {
    view! { <li class="app-entry" inner_html=super::entries_html::entry(texts(), &regel, &links)></li> }
}

/// One key and value of a data list. The key and value take their looks
/// from the item (style/main.css) instead of carrying the long Utrecht class
/// names themselves: on an overview of 50 entries those were a fifth of the page.
#[component]
pub fn Item(key: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="utrecht-data-list__item">
            <dt>{key}</dt>
            <dd>{value}</dd>
        </div>
    }
}
