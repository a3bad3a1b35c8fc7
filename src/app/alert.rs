//! The NL Design System alert: the one box for every message a page gives,
//! from a confirmation to an error.

use leptos::prelude::*;

/// How a message looks and how urgently a screen reader announces it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something succeeded; announced when the reader is free.
    Ok,
    /// Worth knowing, nothing went wrong; announced when the reader is free.
    Notice,
    /// Needs attention now; announced at once.
    Warning,
    /// Something failed; announced at once.
    Error,
}

#[component]
pub fn Alert(tone: Tone, children: Children) -> impl IntoView {
    let (class, role) = match tone {
        Tone::Ok => ("utrecht-alert utrecht-alert--ok", "status"),
        Tone::Notice => ("utrecht-alert utrecht-alert--warning", "status"),
        Tone::Warning => ("utrecht-alert utrecht-alert--warning", "alert"),
        Tone::Error => ("utrecht-alert utrecht-alert--error", "alert"),
    };
    view! {
        <div class=class>
            <div class="utrecht-alert__content">
                <div class="utrecht-alert__message" role=role>{children()}</div>
            </div>
        </div>
    }
}

/// An alert of one paragraph.
#[component]
pub fn Message(tone: Tone, #[prop(into)] text: String) -> impl IntoView {
    view! {
        <Alert tone>
            <p class="utrecht-paragraph">{text}</p>
        </Alert>
    }
}
