//! The statements the law asks of a government site: the privacy statement
//! about the portal's own processing and the accessibility statement. The
//! organisation's name and contact come from the configuration and are
//! shown by the page beside these texts.

use super::Lang;

/// A part of a statement: a heading and its paragraphs.
pub struct Section {
    pub title: &'static str,
    pub body: &'static [&'static str],
}

pub struct StatementTexts {
    pub privacy_title: &'static str,
    pub privacy_lead: &'static str,
    pub privacy: &'static [Section],
    /// Before the session limits, which the configuration sets.
    pub privacy_sessions: fn(idle_minutes: i64, max_hours: i64) -> String,
    pub privacy_contact_title: &'static str,
    pub privacy_contact: &'static str,
    pub privacy_officer: &'static str,
    pub privacy_complaint: &'static str,
    pub accessibility_title: &'static str,
    pub accessibility_lead: &'static str,
    /// The status in the government's model (A to E) and why.
    pub accessibility_status_title: &'static str,
    pub accessibility_status: &'static str,
    pub accessibility_date: &'static str,
    pub accessibility: &'static [Section],
    pub accessibility_contact_title: &'static str,
    pub accessibility_contact: &'static str,
    pub contact_title: &'static str,
    pub contact_phone: &'static str,
    pub contact_address: &'static str,
    pub contact_form: &'static str,
    pub contact_privacy: &'static str,
}

impl Lang {
    pub fn statement_texts(self) -> &'static StatementTexts {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }
}

pub const NL: StatementTexts = StatementTexts {
    privacy_title: "Privacyverklaring van Inzage",
    privacy_lead: "Op Inzage ziet u hoe de gemeente uw persoonsgegevens gebruikt. Om u dat te laten zien, gebruikt Inzage zelf ook gegevens van u. Hier leest u welke, waarom en hoe lang.",
    privacy: &[
        Section {
            title: "Welke gegevens gebruikt Inzage?",
            body: &[
                "Uw burgerservicenummer (BSN). U logt in met DigiD. Inzage krijgt dan uw BSN, om uw gegevens te vinden. Inzage bewaart uw BSN niet leesbaar: alleen als versleutelde code.",
                "Wanneer u kijkt. Elke keer dat u uw overzicht bekijkt of downloadt, schrijven wij dat op. U ziet dat zelf onder 'Wanneer u zelf keek'.",
                "Uw vragen en verzoeken. Als u een vraag stelt of bezwaar maakt, bewaren wij wat u schrijft en ons antwoord.",
                "Wie van de gemeente keek. Als een medewerker uw overzicht opzoekt, bijvoorbeeld omdat u belt, schrijven wij dat op. U ziet dat in uw overzicht.",
                "Technische gegevens. Om aanvallen te stoppen, tellen wij mislukte pogingen om in te loggen per internetadres. Dat adres bewaren wij niet leesbaar. Wij gebruiken geen cookies om u te volgen: alleen een cookie om ingelogd te blijven en een cookie voor uw taal.",
            ],
        },
        Section {
            title: "Waarom mag dit?",
            body: &[
                "U heeft het recht om te zien wat de gemeente met uw gegevens doet (artikel 15 AVG). De gemeente laat u dat zien op Inzage. Dat is een taak van algemeen belang (artikel 6, lid 1, onder e AVG).",
                "Wij schrijven op wie keek, zodat niemand ongemerkt in uw gegevens kan kijken. Ook dat is nodig voor die taak.",
            ],
        },
        Section {
            title: "Hoe lang bewaren wij uw gegevens?",
            body: &[
                "Wat u zelf bekeek, wie van de gemeente keek, en uw vragen en verzoeken bewaren wij. Inzage verwijdert dit nu nog niet zelf na een vaste tijd. Vraag de privacymedewerker hoe lang de gemeente het bewaart.",
            ],
        },
        Section {
            title: "Wie krijgt uw gegevens?",
            body: &[
                "Niemand buiten de gemeente. Alleen medewerkers die uw vraag behandelen, kunnen uw gegevens zien. Wat zij bekijken, ziet u ook.",
            ],
        },
        Section {
            title: "Uw rechten",
            body: &[
                "U mag vragen welke gegevens wij van u hebben. U mag vragen om iets te verbeteren of te verwijderen. En u mag bezwaar maken. Dat kan met het formulier op Inzage, nadat u bent ingelogd.",
            ],
        },
    ],
    privacy_sessions: |idle, hours| format!("Als u ingelogd bent en {idle} minuten niets doet, logt Inzage u uit. Na {hours} uur logt Inzage u altijd uit."),
    privacy_contact_title: "Vragen over privacy",
    privacy_contact: "Heeft u een vraag over hoe wij uw gegevens gebruiken? Mail dan de privacymedewerker (functionaris gegevensbescherming):",
    privacy_officer: "Privacymedewerker",
    privacy_complaint: "Bent u het niet eens met ons antwoord? Dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).",
    accessibility_title: "Toegankelijkheidsverklaring",
    accessibility_lead: "Iedereen moet Inzage kunnen gebruiken. Ook als u slecht ziet, geen muis gebruikt of een kleine telefoon heeft. Hier leest u hoe goed dat lukt.",
    accessibility_status_title: "Status: eerste maatregelen genomen",
    accessibility_status: "Inzage is nog niet door een onafhankelijke deskundige onderzocht. Daarom mogen wij niet zeggen dat Inzage aan alle eisen voldoet (WCAG 2.1, niveau AA). Wel testen wij elke versie zelf, zoals hieronder staat.",
    accessibility_date: "Deze verklaring is gemaakt op 6 december 2026.",
    accessibility: &[
        Section {
            title: "Hoe wij testen",
            body: &[
                "Bij elke nieuwe versie controleert een computerprogramma (axe) alle pagina's op de eisen van WCAG 2.1 niveau AA. Ook de kleuren: is de tekst goed te lezen?",
                "Wij testen elke pagina met en zonder JavaScript, en op een scherm van 320 pixels breed.",
                "Wij bekijken de pagina's ook zelf, op een telefoon en op een computer.",
            ],
        },
        Section {
            title: "Wat nog niet goed is",
            body: &[
                "Het bestand dat u kunt downloaden (JSON) is bedoeld voor computerprogramma's. Het is niet makkelijk te lezen. Dezelfde gegevens staan ook op de pagina's, en u kunt de pagina afdrukken.",
                "Niet alles is getest met een schermlezer of met spraakbesturing.",
            ],
        },
    ],
    accessibility_contact_title: "Werkt iets niet?",
    accessibility_contact: "Kunt u iets op Inzage niet gebruiken? Laat het ons weten. Wij helpen u dan op een andere manier, en wij verbeteren de website.",
    contact_title: "Contact",
    contact_phone: "Telefoon",
    contact_address: "Adres",
    contact_form: "Contactformulier",
    contact_privacy: "Privacymedewerker",
};

pub const EN: StatementTexts = StatementTexts {
    privacy_title: "Privacy statement of Inzage",
    privacy_lead: "Inzage shows you how the municipality uses your personal data. To show you that, Inzage itself also uses some of your data. Here you can read which data, why, and for how long.",
    privacy: &[
        Section {
            title: "Which data does Inzage use?",
            body: &[
                "Your citizen service number (BSN). You log in with DigiD. Inzage then gets your BSN to find your data. Inzage does not keep your BSN readable: only as an encrypted code.",
                "When you look. Each time you view or download your overview, we write it down. You see this yourself under 'When you looked yourself'.",
                "Your questions and requests. When you ask a question or object, we keep what you write and our answer.",
                "Who at the municipality looked. When a member of staff looks up your overview, for example because you call, we write it down. You see this in your overview.",
                "Technical data. To stop attacks, we count failed attempts to log in per internet address. We do not keep that address readable. We use no cookies to follow you: only a cookie to keep you logged in and a cookie for your language.",
            ],
        },
        Section {
            title: "Why is this allowed?",
            body: &[
                "You have the right to see what the municipality does with your data (Article 15 GDPR). The municipality shows you this on Inzage. This is a task in the public interest (Article 6(1)(e) GDPR).",
                "We write down who looked, so that nobody can look at your data unnoticed. That, too, is needed for this task.",
            ],
        },
        Section {
            title: "How long do we keep your data?",
            body: &[
                "We keep what you looked at, who at the municipality looked, and your questions and requests. Inzage does not yet delete these itself after a fixed time. Ask the privacy officer how long the municipality keeps them.",
            ],
        },
        Section {
            title: "Who receives your data?",
            body: &[
                "Nobody outside the municipality. Only staff who handle your question can see your data. What they look at, you see too.",
            ],
        },
        Section {
            title: "Your rights",
            body: &[
                "You may ask which data we hold about you. You may ask us to correct or delete something. And you may object. You can do so with the form on Inzage, after you log in.",
            ],
        },
    ],
    privacy_sessions: |idle, hours| format!("When you are logged in and do nothing for {idle} minutes, Inzage logs you out. After {hours} hours, Inzage always logs you out."),
    privacy_contact_title: "Questions about privacy",
    privacy_contact: "Do you have a question about how we use your data? Then e-mail the privacy officer (data protection officer):",
    privacy_officer: "Privacy officer",
    privacy_complaint: "Do you disagree with our answer? Then you can complain to the Dutch Data Protection Authority (autoriteitpersoonsgegevens.nl).",
    accessibility_title: "Accessibility statement",
    accessibility_lead: "Everyone must be able to use Inzage. Also if you do not see well, use no mouse or have a small phone. Here you can read how well that works.",
    accessibility_status_title: "Status: first measures taken",
    accessibility_status: "Inzage has not yet been examined by an independent expert. So we may not say that Inzage meets all requirements (WCAG 2.1, level AA). We do test every version ourselves, as described below.",
    accessibility_date: "This statement was made on 6 December 2026.",
    accessibility: &[
        Section {
            title: "How we test",
            body: &[
                "With every new version, a computer program (axe) checks all pages against WCAG 2.1 level AA. Colours too: is the text easy to read?",
                "We test every page with and without JavaScript, and on a screen 320 pixels wide.",
                "We also look at the pages ourselves, on a phone and on a computer.",
            ],
        },
        Section {
            title: "What is not right yet",
            body: &[
                "The file you can download (JSON) is meant for computer programs. It is not easy to read. The same data is on the pages, and you can print the page.",
                "Not everything has been tested with a screen reader or with voice control.",
            ],
        },
    ],
    accessibility_contact_title: "Is something not working?",
    accessibility_contact: "Can you not use something on Inzage? Let us know. We will help you in another way, and we will improve the website.",
    contact_title: "Contact",
    contact_phone: "Phone",
    contact_address: "Address",
    contact_form: "Contact form",
    contact_privacy: "Privacy officer",
};
