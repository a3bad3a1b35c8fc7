//! The admin's overview: staff accounts and the latest audit trail.

use super::{back_link, st, StaffFailure};
use crate::{
    app::error::PortalError,
    i18n::Lang,
    model::{Account, AuditRegel},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server(prefix = "/api/portaal", endpoint = "medewerker-beheer")]
pub async fn beheer(lang: Lang) -> Result<(Vec<Account>, Vec<AuditRegel>), PortalError> {
    use crate::model::Rol;
    let me = crate::app::session::staff(&[Rol::Admin]).await?;
    let state = crate::app::session::state()?;
    let accounts = state.db.staff().await?;
    let trail = state.db.audit_trail(None, 200).await?;
    me.audit(&state.db, "audittrail bekeken", None, None)
        .await?;
    Ok((
        accounts
            .into_iter()
            .map(|a| Account {
                rol: Rol::parse(&a.rol),
                naam: a.naam,
                weergavenaam: a.weergavenaam,
                actief: a.actief,
            })
            .collect(),
        trail
            .into_iter()
            .map(|a| AuditRegel {
                wanneer: crate::views::dates::moment(a.tijd, lang),
                wie: a.medewerker,
                wat: match a.details {
                    // Retention names every removed version for `verify`; the trail counts them.
                    Some(d) if a.actie == crate::store::log::REMOVED_VERSIONS => {
                        let removed = serde_json::from_str::<crate::store::log::Removed>(&d)
                            .map_or(0, |r| r.seqs.len());
                        format!("{} ({removed})", a.actie)
                    }
                    Some(d) => format!("{} ({d})", a.actie),
                    None => a.actie,
                },
                onderwerp: a.onderwerp.unwrap_or_default(),
            })
            .collect(),
    ))
}

#[component]
pub fn Admin() -> impl IntoView {
    let t = st();
    let lang = use_context::<Lang>().unwrap_or_default();
    let data = Resource::new(|| (), move |_| beheer(lang));
    let head = |cols: Vec<&'static str>| {
        view! {
            <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                    {cols.into_iter().map(|c| view! { <th class="utrecht-table__header-cell" scope="col">{c}</th> }).collect_view()}
                </tr>
            </thead>
        }
    };
    // `data-label`: the column's name, shown beside the value when the table stacks on a phone.
    let cell = |label: &'static str, v: String| view! { <td class="utrecht-table__cell" data-label=label>{v}</td> };
    // Free text and ids (a pseudonym is 64 characters) may break anywhere.
    let text_cell = |label: &'static str, v: String| view! { <td class="utrecht-table__cell app-cell--text" data-label=label>{v}</td> };
    view! {
        <Title text=t.admin_title />
        <h1 class="utrecht-heading-1">{t.admin_title}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((accounts, trail)) => view! {
                        <div class="utrecht-table-container">
                            <table class="utrecht-table utrecht-table--html-table app-table--stack">
                                <caption class="utrecht-table__caption">{t.accounts}</caption>
                                {head(vec![t.name, t.who, t.role, t.active])}
                                <tbody class="utrecht-table__body">
                                    {accounts.into_iter().map(|a| view! {
                                        <tr class="utrecht-table__row">
                                            {text_cell(t.name, a.naam)}
                                            {text_cell(t.who, a.weergavenaam)}
                                            {cell(t.role, a.rol.map(t.role_label).unwrap_or("-").to_owned())}
                                            {cell(t.active, if a.actief { t.yes } else { t.no }.to_owned())}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <div class="utrecht-table-container">
                            <table class="utrecht-table utrecht-table--html-table app-table--stack">
                                <caption class="utrecht-table__caption">{t.audit}</caption>
                                {head(vec![t.when, t.who, t.what, t.subject])}
                                <tbody class="utrecht-table__body">
                                    {trail.into_iter().map(|a| view! {
                                        <tr class="utrecht-table__row">
                                            {cell(t.when, a.wanneer)}{text_cell(t.who, a.wie)}{text_cell(t.what, a.wat)}{text_cell(t.subject, a.onderwerp)}
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
