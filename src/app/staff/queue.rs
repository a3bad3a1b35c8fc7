//! The privacy officer's queue: open requests by deadline, with views for
//! overdue and due soon.

use super::{back_link, st, Field, StaffFailure};
use crate::{app::error::PortalError, i18n::Lang, model::Zaak};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The open requests in one view of the queue, searched and sorted.
#[server(prefix = "/api/portaal", endpoint = "medewerker-verzoeken")]
pub async fn wachtrij(
    weergave: String,
    zoek: String,
    sorteer: String,
    lang: Lang,
) -> Result<Vec<Zaak>, PortalError> {
    use crate::views::requests;
    let me = crate::app::session::staff(&[crate::model::Rol::PrivacyOfficer]).await?;
    let state = crate::app::session::state()?;
    let now = chrono::Utc::now();
    let keys = state.log.keys();
    let me = me.label();
    let mut rows: Vec<(i64, Zaak)> = state
        .db
        .open_cases()
        .await?
        .iter()
        .map(|r| {
            let mut zaak = requests::zaak_with_subject(keys, r, lang, now);
            zaak.inwoner = super::resident_label(&state, keys, r, lang);
            (r.ontvangen, zaak)
        })
        .filter(|(_, z)| requests::in_view(z, &weergave, &me) && requests::matches(z, &zoek))
        .collect();
    requests::sort(&mut rows, &sorteer);
    Ok(rows.into_iter().map(|(_, z)| z).collect())
}

#[component]
pub fn Queue() -> impl IntoView {
    let t = st();
    let rt = crate::app::texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let query = use_query_map();
    let get =
        move |key: &str, default: &str| query.read().get(key).unwrap_or_else(|| default.into());
    let weergave = move || get("weergave", "alle");
    let zoek = move || get("zoek", "");
    let sorteer = move || get("sorteer", "termijn");
    let list = Resource::new(
        move || (weergave(), zoek(), sorteer()),
        move |(w, z, s)| wachtrij(w, z, s, lang),
    );
    view! {
        <Title text=t.queue_title />
        <h1 class="utrecht-heading-1">{t.queue_title}</h1>
        <nav aria-label=t.queue_title>
            <ul class="app-actions">
                {t.queue_views.iter().map(|(code, label)| {
                    let current = move || (weergave() == *code).then_some("page");
                    view! {
                        <li><a class="utrecht-link utrecht-link--html-a" href=format!("/medewerker/verzoeken?weergave={code}") aria-current=current>{*label}</a></li>
                    }
                }).collect_view()}
            </ul>
        </nav>
        <form class="app-filter" method="get" action="/medewerker/verzoeken" aria-label=t.queue_search>
            <input type="hidden" name="weergave" value=weergave />
            <div class="app-filter__fields">
                <Field id="zoek" label=t.queue_search>
                    <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="zoek" name="zoek" value=zoek maxlength="100" />
                </Field>
                <Field id="sorteer" label=t.queue_sort>
                    <select class="utrecht-select utrecht-select--html-select" id="sorteer" name="sorteer">
                        {t.queue_sorts.iter().map(|(value, label)| {
                            view! { <option value=*value selected=move || sorteer() == *value>{*label}</option> }
                        }).collect_view()}
                    </select>
                </Field>
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.queue_submit}</button>
        </form>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="utrecht-paragraph">{t.queue_empty}</p> }.into_any(),
                    Ok(rows) => view! {
                        <div class="utrecht-table-container">
                            <table class="utrecht-table utrecht-table--html-table app-table--stack">
                                <caption class="utrecht-table__caption">{t.queue_title}</caption>
                                <thead class="utrecht-table__header">
                                    <tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="col">{t.case_and_resident}</th>
                                        <th class="utrecht-table__header-cell" scope="col">{t.subject}</th>
                                        <th class="utrecht-table__header-cell" scope="col">{t.kind}</th>
                                        <th class="utrecht-table__header-cell" scope="col">{t.received}</th>
                                        <th class="utrecht-table__header-cell" scope="col">{rt.request_status}</th>
                                        <th class="utrecht-table__header-cell" scope="col">{t.deadline}</th>
                                        <th class="utrecht-table__header-cell" scope="col">{t.handler}</th>
                                    </tr>
                                </thead>
                                <tbody class="utrecht-table__body">
                                    {rows.into_iter().map(|z| view! {
                                        <tr class="utrecht-table__row">
                                            <th class="utrecht-table__header-cell" scope="row">
                                                <a class="utrecht-link utrecht-link--html-a" href=format!("/medewerker/verzoeken/{}", z.id)>{z.zaaknummer.clone()}</a>
                                                // Who it is from, under the number: one column fewer on a desktop.
                                                <span class="app-cell__sub">{z.inwoner.clone().unwrap_or_else(|| t.unknown_resident.to_owned())}</span>
                                            </th>
                                            <td class="utrecht-table__cell app-cell--text" data-label=t.subject>{z.onderwerp.clone()}</td>
                                            <td class="utrecht-table__cell" data-label=t.kind>{(rt.kind_label)(z.soort)}</td>
                                            <td class="utrecht-table__cell" data-label=t.received>{z.ontvangen.clone()}</td>
                                            <td class="utrecht-table__cell" data-label=rt.request_status>{(rt.status_label)(z.status)}</td>
                                            <td class="utrecht-table__cell" data-label=t.deadline>{format!("{} ({})", z.termijn, (t.days_left)(z.dagen_over))}</td>
                                            <td class="utrecht-table__cell" data-label=t.handler>{z.behandelaar.clone().unwrap_or_else(|| t.nobody.to_owned())}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <StaffFailure error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {back_link()}
    }
}
