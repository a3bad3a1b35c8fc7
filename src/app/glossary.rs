//! "Uitleg en contact": how to reach the organisation, the words residents
//! meet on Inzage, and every role a resident can have in an action, in
//! plain language.

use super::{page_title, statements::ContactDetails, texts};
use crate::i18n::{roles::ROLES, Lang};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Glossary() -> impl IntoView {
    let t = texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let term = |(word, meaning): (&'static str, &'static str)| {
        view! {
            <div class="utrecht-data-list__item">
                <dt>{word}</dt>
                <dd>{meaning}</dd>
            </div>
        }
    };
    view! {
        <Title text=page_title(t.glossary_title) />
        <h1 class="utrecht-heading-1">{t.glossary_title}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t.glossary_intro}</p>
        <h2 class="utrecht-heading-2" id="contact">{t.footer_contact_title}</h2>
        <ContactDetails />
        <h2 class="utrecht-heading-2" id="woorden">{t.glossary_words}</h2>
        <dl class="utrecht-data-list utrecht-data-list--rows">
            {t.glossary_terms.iter().copied().map(term).collect_view()}
        </dl>
        <h2 class="utrecht-heading-2" id="rollen">{t.glossary_roles}</h2>
        <p class="utrecht-paragraph">{t.glossary_roles_intro}</p>
        <dl class="utrecht-data-list utrecht-data-list--rows">
            {ROLES.iter().map(|r| term((r.name(lang), r.explanation(lang)))).collect_view()}
        </dl>
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/">{t.not_found_back}</a>
        </p>
    }
}
