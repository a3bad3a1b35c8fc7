//! The register (verwerkingsactiviteitenregister, GDPR art. 30) of the demo
//! municipality "Gemeente Voorbeeld". Fictional but realistic: the legal
//! bases are real laws and articles (checked against the texts on
//! wetten.overheid.nl), the OINs of the other organisations are made up.
//!
//! Every activity also describes a typical case (the *verwerking*): its
//! steps (*handelingen*) and the actions a system logs for each step, as in
//! the VNG hierarchy Verwerkingsactiviteit → Verwerking → Handeling → Actie.
//!
//! Links point at the law on wetten.overheid.nl (the current version); the
//! anchor, where present, is the article's element id on that site. The
//! GDPR links to EUR-Lex.

/// GDPR art. 6(1) ground: the register's own type.
pub use crate::register::Grondslag;

pub struct Afdeling {
    pub code: &'static str,
    pub naam: &'static str,
    pub naam_en: &'static str,
}

/// An organisation with its 20-digit OIN.
pub struct Organisatie {
    pub oin: &'static str,
    pub naam: &'static str,
}

/// A step in a case, with the actions a system logs for it.
pub struct Stap {
    pub handeling: &'static str,
    pub acties: &'static [&'static str],
}

pub struct Activiteit {
    /// Fixed UUID (lower-case, hyphenated, unique).
    pub id: &'static str,
    /// `Afdeling::code`.
    pub afdeling: &'static str,
    /// Register name.
    pub naam: &'static str,
    /// Purpose (formal Dutch).
    pub doel: &'static str,
    pub grondslag: Grondslag,
    /// Law and article.
    pub wet: &'static str,
    /// Link to the law.
    pub wet_url: &'static str,
    /// Data categories.
    pub gegevens: &'static [&'static str],
    /// Data-subject categories.
    pub betrokkenen: &'static [&'static str],
    /// Recipient categories.
    pub ontvangers: &'static [&'static str],
    pub bewaartermijn: &'static str,
    /// ISO 8601 duration of the retention of a case.
    pub bewaartermijn_iso: &'static str,
    /// Where the data come from.
    pub herkomst: &'static str,
    pub bestuursorgaan: &'static str,
    /// A confidential variant (an investigation).
    pub vertrouwelijk: bool,
    /// Plain-language (B1) Dutch title for residents.
    pub titel_nl: &'static str,
    /// B1 Dutch explanation: what we do with your data and why we may.
    pub uitleg_nl: &'static str,
    pub titel_en: &'static str,
    pub uitleg_en: &'static str,
    /// The verwerking name of a typical case.
    pub zaak: &'static str,
    pub stappen: &'static [Stap],
    /// Betrokkenheid of persons in such a case; the first is the main person.
    pub rollen: &'static [&'static str],
    /// OIN of an organisation in `ORGANISATIES` the data are passed to.
    pub afnemer: Option<&'static str>,
}

pub const GEMEENTE: Organisatie = Organisatie {
    oin: "00000001001234567000",
    naam: "Gemeente Voorbeeld",
};

// Fictional OINs, in the usual shape "00000001" + nine digits + "000".
const OIN_BELASTINGDIENST: &str = "00000001900000001000";
const OIN_UWV: &str = "00000001900000002000";
const OIN_CAK: &str = "00000001900000003000";
const OIN_SVB: &str = "00000001900000004000";
const OIN_RDW: &str = "00000001900000005000";
const OIN_DUO: &str = "00000001900000006000";
const OIN_RAAD: &str = "00000001900000007000";

pub const ORGANISATIES: &[Organisatie] = &[
    Organisatie {
        oin: OIN_BELASTINGDIENST,
        naam: "Belastingdienst",
    },
    Organisatie {
        oin: OIN_UWV,
        naam: "Uitvoeringsinstituut Werknemersverzekeringen (UWV)",
    },
    Organisatie {
        oin: OIN_CAK,
        naam: "CAK (Centraal Administratie Kantoor)",
    },
    Organisatie {
        oin: OIN_SVB,
        naam: "Sociale Verzekeringsbank",
    },
    Organisatie {
        oin: OIN_RDW,
        naam: "RDW (Dienst Wegverkeer)",
    },
    Organisatie {
        oin: OIN_DUO,
        naam: "Dienst Uitvoering Onderwijs (DUO)",
    },
    Organisatie {
        oin: OIN_RAAD,
        naam: "Raad voor de Kinderbescherming",
    },
];

pub const AFDELINGEN: &[Afdeling] = &[
    Afdeling {
        code: "burgerzaken",
        naam: "Burgerzaken",
        naam_en: "Civil Affairs",
    },
    Afdeling {
        code: "wmo",
        naam: "Wmo",
        naam_en: "Social Support (Wmo)",
    },
    Afdeling {
        code: "participatie",
        naam: "Participatie en Inkomen",
        naam_en: "Work and Income",
    },
    Afdeling {
        code: "jeugd",
        naam: "Jeugd",
        naam_en: "Youth",
    },
    Afdeling {
        code: "belastingen",
        naam: "Belastingen",
        naam_en: "Municipal Taxes",
    },
    Afdeling {
        code: "vergunningen",
        naam: "Vergunningen",
        naam_en: "Permits",
    },
    Afdeling {
        code: "parkeren",
        naam: "Parkeren",
        naam_en: "Parking",
    },
    Afdeling {
        code: "schuldhulp",
        naam: "Schuldhulpverlening",
        naam_en: "Debt Assistance",
    },
    Afdeling {
        code: "leerplicht",
        naam: "Leerplicht",
        naam_en: "School Attendance",
    },
    Afdeling {
        code: "klantcontact",
        naam: "Klantcontact",
        naam_en: "Customer Contact",
    },
];

const COLLEGE: &str = "College van burgemeester en wethouders";
const BURGEMEESTER: &str = "Burgemeester";
const ABS: &str = "Ambtenaar van de burgerlijke stand";
const HEFFINGSAMBTENAAR: &str = "Heffingsambtenaar";
const INVORDERINGSAMBTENAAR: &str = "Invorderingsambtenaar";

const AVG_URL: &str = "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679";

pub const ACTIVITEITEN: &[Activiteit] = &[
    // ------------------------------------------------------------------
    // Burgerzaken
    // ------------------------------------------------------------------
    Activiteit {
        id: "b15b0ebf-1a57-4f38-a5a6-a40dfc564cbe",
        afdeling: "burgerzaken",
        naam: "Registreren van een verhuizing",
        doel: "Verwerken van een aangifte van adreswijziging en bijhouden van het adres in de basisregistratie personen",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Wet basisregistratie personen, artikel 2.39",
        wet_url: "https://wetten.overheid.nl/BWBR0033715/#Hoofdstuk2_Afdeling1_Paragraaf5_Artikel2.39",
        gegevens: &["Naam", "BSN", "Adres", "Vorig adres", "Verhuisdatum", "Contactgegevens"],
        betrokkenen: &["Inwoners", "Meeverhuizende gezinsleden", "Hoofdbewoners"],
        ontvangers: &[
            "Rijksdienst voor Identiteitsgegevens (landelijke BRP)",
            "Overheidsorganisaties die gegevens uit de BRP gebruiken",
        ],
        bewaartermijn: "De aangifte 5 jaar; het adres blijft in de BRP staan",
        bewaartermijn_iso: "P5Y",
        herkomst: "Betrokkene zelf, de hoofdbewoner en de BRP",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Uw verhuizing doorgeven",
        uitleg_nl: "U geeft uw nieuwe adres aan ons door. Wij zetten dit adres in de BRP. Dat moet volgens de wet.",
        titel_en: "Reporting your move",
        uitleg_en: "You tell us your new address. We record it in the Personal Records Database (BRP). The law requires this.",
        zaak: "Aangifte verhuizing",
        stappen: &[
            Stap { handeling: "Ontvangen aangifte", acties: &["Opslaan aangifte", "Controleren identiteit"] },
            Stap { handeling: "Beoordelen aangifte", acties: &["Opvragen persoonsgegevens", "Opvragen bewoners adres"] },
            Stap { handeling: "Registratie verhuizing", acties: &["Wijzigen adresgegevens", "Versturen bevestiging"] },
        ],
        rollen: &["Aanvrager", "Medeverhuizer", "Hoofdbewoner"],
        afnemer: None,
    },
    Activiteit {
        id: "9f87905a-3311-4825-8ab4-2c5fee8a8cfa",
        afdeling: "burgerzaken",
        naam: "Registreren van een geboorte",
        doel: "Opmaken van de geboorteakte en inschrijven van het kind in de basisregistratie personen",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Burgerlijk Wetboek Boek 1, artikel 1:19e; Wet basisregistratie personen, artikel 2.2",
        wet_url: "https://wetten.overheid.nl/BWBR0002656/",
        gegevens: &["Naam", "BSN", "Geboortedatum", "Geboorteplaats", "Geslacht", "Gegevens ouders", "Adres"],
        betrokkenen: &["Pasgeborenen", "Ouders", "Aangevers"],
        ontvangers: &[
            "Rijksdienst voor Identiteitsgegevens (landelijke BRP)",
            "Overheidsorganisaties die gegevens uit de BRP gebruiken, zoals de SVB voor kinderbijslag",
        ],
        bewaartermijn: "De geboorteakte blijvend; de aangiftestukken 1 jaar",
        bewaartermijn_iso: "P1Y",
        herkomst: "Aangever en de BRP",
        bestuursorgaan: ABS,
        vertrouwelijk: false,
        titel_nl: "De geboorte van uw kind",
        uitleg_nl: "U doet aangifte van de geboorte van uw kind. Wij maken de geboorteakte. En wij schrijven uw kind in de BRP in.",
        titel_en: "The birth of your child",
        uitleg_en: "You register the birth of your child. We draw up the birth certificate. We also enter your child in the BRP.",
        zaak: "Geboorteaangifte",
        stappen: &[
            Stap { handeling: "Ontvangen aangifte", acties: &["Opslaan aangifte", "Controleren identiteit"] },
            Stap { handeling: "Opmaken akte", acties: &["Opvragen persoonsgegevens ouders", "Opslaan geboorteakte"] },
            Stap { handeling: "Inschrijving kind", acties: &["Opslaan persoonsgegevens", "Toekennen BSN"] },
        ],
        rollen: &["Kind", "Ouder", "Aangever"],
        afnemer: None,
    },
    Activiteit {
        id: "e3208393-4a27-41ca-8224-21e009b643b2",
        afdeling: "burgerzaken",
        naam: "Voltrekken van huwelijk en registreren van partnerschap",
        doel: "Behandelen van de melding van een voorgenomen huwelijk of partnerschap, opmaken van de akte en bijwerken van de basisregistratie personen",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Burgerlijk Wetboek Boek 1, artikelen 1:44, 1:63 en 1:80a; Wet basisregistratie personen",
        wet_url: "https://wetten.overheid.nl/BWBR0002656/",
        gegevens: &[
            "Naam",
            "BSN",
            "Geboortedatum",
            "Geboorteplaats",
            "Nationaliteit",
            "Burgerlijke staat",
            "Adres",
            "Gegevens getuigen",
        ],
        betrokkenen: &["Aanstaande echtgenoten en partners", "Getuigen"],
        ontvangers: &[
            "Rijksdienst voor Identiteitsgegevens (landelijke BRP)",
            "Andere gemeenten, als een van de partners daar woont",
        ],
        bewaartermijn: "De akte blijvend; de overige stukken 5 jaar na de voltrekking",
        bewaartermijn_iso: "P5Y",
        herkomst: "Betrokkenen zelf, de getuigen en de BRP",
        bestuursorgaan: ABS,
        vertrouwelijk: false,
        titel_nl: "Uw huwelijk of partnerschap",
        uitleg_nl: "U wilt trouwen of een partnerschap registreren. Wij controleren uw gegevens en die van de getuigen. Daarna maken wij de akte en passen wij de BRP aan.",
        titel_en: "Your marriage or registered partnership",
        uitleg_en: "You want to marry or register a partnership. We check your details and those of your witnesses. Then we draw up the certificate and update the BRP.",
        zaak: "Huwelijk",
        stappen: &[
            Stap { handeling: "Melding voorgenomen huwelijk", acties: &["Zoeken personen", "Opvragen persoonsgegevens"] },
            Stap { handeling: "Opmaken akten", acties: &["Opslaan persoonsgegevens"] },
            Stap { handeling: "Voorbereiding ceremonie", acties: &["Opvragen persoonsgegevens getuigen"] },
            Stap { handeling: "Registratie huwelijk", acties: &["Opslaan huwelijksakte", "Wijzigen burgerlijke staat"] },
        ],
        rollen: &["Partner", "Getuige"],
        afnemer: None,
    },
    Activiteit {
        id: "0d815ec4-d955-445d-adf8-38c5ce5cbb61",
        afdeling: "burgerzaken",
        naam: "Verstrekken van paspoort en identiteitskaart",
        doel: "Behandelen van aanvragen voor een paspoort of Nederlandse identiteitskaart en uitreiken van het document",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Paspoortwet, artikelen 26 en 28; Wet op de Nederlandse identiteitskaart",
        wet_url: "https://wetten.overheid.nl/BWBR0005212/#HoofdstukIV_Paragraaf1_Artikel26",
        gegevens: &[
            "Naam",
            "BSN",
            "Geboortedatum",
            "Geboorteplaats",
            "Geslacht",
            "Nationaliteit",
            "Lengte",
            "Pasfoto",
            "Handtekening",
            "Vingerafdrukken",
        ],
        betrokkenen: &["Aanvragers", "Gezaghouders van minderjarige aanvragers"],
        ontvangers: &["Rijksdienst voor Identiteitsgegevens", "Documentproducent (in opdracht van de Rijksoverheid)"],
        bewaartermijn: "Aanvraaggegevens 11 jaar; vingerafdrukken tot de uitreiking",
        bewaartermijn_iso: "P11Y",
        herkomst: "Aanvrager zelf en de BRP",
        bestuursorgaan: BURGEMEESTER,
        vertrouwelijk: false,
        titel_nl: "Uw paspoort of identiteitskaart",
        uitleg_nl: "U vraagt een paspoort of identiteitskaart aan. Wij controleren wie u bent. Uw vingerafdrukken wissen wij als u het document ophaalt.",
        titel_en: "Your passport or identity card",
        uitleg_en: "You apply for a passport or identity card. We check who you are. We delete your fingerprints when you collect the document.",
        zaak: "Aanvraag reisdocument",
        stappen: &[
            Stap {
                handeling: "Aanvraag",
                acties: &["Opvragen persoonsgegevens", "Controleren identiteit", "Opslaan aanvraag"],
            },
            Stap { handeling: "Beoordelen aanvraag", acties: &["Raadplegen register paspoortsignaleringen", "Versturen aanvraag"] },
            Stap { handeling: "Uitreiking", acties: &["Controleren identiteit", "Verwijderen vingerafdrukken"] },
        ],
        rollen: &["Aanvrager", "Gezaghouder"],
        afnemer: None,
    },
    Activiteit {
        id: "7a57ca2c-19a3-4763-92fb-f8a3d09849a4",
        afdeling: "burgerzaken",
        naam: "Verstrekken van rijbewijzen",
        doel: "Innemen en beoordelen van aanvragen voor een rijbewijs en uitreiken van het rijbewijs dat de RDW afgeeft",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Wegenverkeerswet 1994, artikel 111; Reglement rijbewijzen",
        wet_url: "https://wetten.overheid.nl/BWBR0006622/#HoofdstukVI_Afdeling3_Artikel111",
        gegevens: &["Naam", "BSN", "Geboortedatum", "Adres", "Pasfoto", "Handtekening", "Rijbewijscategorieën"],
        betrokkenen: &["Aanvragers"],
        ontvangers: &["RDW"],
        bewaartermijn: "11 jaar na de aanvraag",
        bewaartermijn_iso: "P11Y",
        herkomst: "Aanvrager zelf, de BRP en het rijbewijzenregister van de RDW",
        bestuursorgaan: BURGEMEESTER,
        vertrouwelijk: false,
        titel_nl: "Uw rijbewijs",
        uitleg_nl: "U vraagt een rijbewijs aan bij de gemeente. Wij sturen uw aanvraag naar de RDW. De RDW maakt uw rijbewijs.",
        titel_en: "Your driving licence",
        uitleg_en: "You apply for a driving licence at the municipality. We send your application to the RDW. The RDW makes your licence.",
        zaak: "Aanvraag rijbewijs",
        stappen: &[
            Stap { handeling: "Aanvraag", acties: &["Controleren identiteit", "Opslaan aanvraag"] },
            Stap { handeling: "Doorsturen aanvraag", acties: &["Raadplegen rijbewijzenregister", "Versturen aanvraag"] },
            Stap { handeling: "Uitreiking", acties: &["Controleren identiteit", "Registreren uitreiking"] },
        ],
        rollen: &["Aanvrager"],
        afnemer: Some(OIN_RDW),
    },
    Activiteit {
        id: "4719acec-7a0f-4cd6-a401-c64f80e9a938",
        afdeling: "burgerzaken",
        naam: "Verstrekken van uittreksels uit de BRP",
        doel: "Verstrekken van een, desgewenst gewaarmerkte, kopie van de eigen gegevens in de basisregistratie personen",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Wet basisregistratie personen, artikel 2.55",
        wet_url: "https://wetten.overheid.nl/BWBR0033715/#Hoofdstuk2_Afdeling1_Paragraaf6_Artikel2.55",
        gegevens: &["Naam", "BSN", "Geboortedatum", "Adres", "Nationaliteit", "Burgerlijke staat"],
        betrokkenen: &["Aanvragers"],
        ontvangers: &["De aanvrager zelf"],
        bewaartermijn: "1 jaar na verstrekking",
        bewaartermijn_iso: "P1Y",
        herkomst: "De BRP",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Een uittreksel van uw gegevens",
        uitleg_nl: "U vraagt een uittreksel uit de BRP aan. Wij zoeken uw gegevens op. U krijgt een officieel afschrift.",
        titel_en: "An extract of your personal records",
        uitleg_en: "You request an extract from the BRP. We look up your details. You receive an official copy.",
        zaak: "Aanvraag uittreksel BRP",
        stappen: &[
            Stap { handeling: "Aanvraag", acties: &["Controleren identiteit", "Opslaan aanvraag"] },
            Stap { handeling: "Opstellen uittreksel", acties: &["Zoeken personen", "Opvragen persoonsgegevens", "Aanmaken uittreksel"] },
        ],
        rollen: &["Aanvrager", "Getoond in zoekresultaat"],
        afnemer: None,
    },
    Activiteit {
        id: "ec3425ec-20cd-46c9-8a1c-c9d2559143c9",
        afdeling: "burgerzaken",
        naam: "Behandelen van naturalisatieverzoeken",
        doel: "Innemen van een verzoek om naturalisatie, adviseren van de Immigratie- en Naturalisatiedienst en uitreiken van het besluit tijdens de naturalisatieceremonie",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Rijkswet op het Nederlanderschap, artikelen 7 en 8",
        wet_url: "https://wetten.overheid.nl/BWBR0003738/#Hoofdstuk4_Artikel8",
        gegevens: &[
            "Naam",
            "BSN",
            "Geboortedatum",
            "Nationaliteit",
            "Verblijfsvergunning",
            "Inburgeringsdiploma",
            "Strafrechtelijke gegevens",
        ],
        betrokkenen: &["Verzoekers", "Minderjarige kinderen die meenaturaliseren"],
        ontvangers: &["Immigratie- en Naturalisatiedienst (IND)"],
        bewaartermijn: "10 jaar na het besluit",
        bewaartermijn_iso: "P10Y",
        herkomst: "Verzoeker zelf, de BRP en de IND",
        bestuursorgaan: BURGEMEESTER,
        vertrouwelijk: false,
        titel_nl: "Uw verzoek om Nederlander te worden",
        uitleg_nl: "U wilt Nederlander worden. Wij nemen uw verzoek aan en controleren uw gegevens. De IND beslist over uw verzoek.",
        titel_en: "Your application to become a Dutch citizen",
        uitleg_en: "You want to become a Dutch citizen. We take in your application and check your details. The IND decides on your application.",
        zaak: "Naturalisatieverzoek",
        stappen: &[
            Stap { handeling: "Intake", acties: &["Controleren identiteit", "Opslaan verzoek"] },
            Stap { handeling: "Onderzoek", acties: &["Opvragen persoonsgegevens", "Controleren inburgeringsdiploma"] },
            Stap { handeling: "Advies", acties: &["Opslaan advies", "Versturen advies"] },
            Stap { handeling: "Ceremonie", acties: &["Registreren verklaring van verbondenheid"] },
        ],
        rollen: &["Aanvrager", "Kind"],
        afnemer: None,
    },
    Activiteit {
        id: "0c3d6ccb-60b1-492d-a413-d93920dc48a8",
        afdeling: "burgerzaken",
        naam: "Onderzoeken van adresgegevens bij vermoeden van fraude",
        doel: "Onderzoeken of iemand werkelijk woont op het adres dat in de basisregistratie personen staat en zo nodig het adres ambtshalve aanpassen",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Wet basisregistratie personen, artikelen 2.22, 2.26 en 2.47",
        wet_url: "https://wetten.overheid.nl/BWBR0033715/#Hoofdstuk2_Afdeling1_Paragraaf3_Artikel2.26",
        gegevens: &["Naam", "BSN", "Adres", "Bewoners op het adres", "Waarnemingen bij huisbezoek"],
        betrokkenen: &["Ingeschrevenen op het adres", "Medebewoners", "Melders"],
        ontvangers: &[
            "Landelijke Aanpak Adreskwaliteit (LAA)",
            "Overheidsorganisaties die gegevens uit de BRP gebruiken",
        ],
        bewaartermijn: "5 jaar na afronding van het onderzoek",
        bewaartermijn_iso: "P5Y",
        herkomst: "Terugmeldingen van overheidsorganisaties, huisbezoek en de BRP",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: true,
        titel_nl: "Onderzoek naar uw adres",
        uitleg_nl: "Wij onderzoeken of u echt op uw adres woont. Dit doen wij als daar twijfel over is. Een juist adres in de BRP is wettelijk verplicht.",
        titel_en: "Investigation into your address",
        uitleg_en: "We check whether you really live at your registered address. We do this when there is doubt. The law requires a correct address in the BRP.",
        zaak: "Adresonderzoek",
        stappen: &[
            Stap { handeling: "Ontvangen signaal", acties: &["Opslaan terugmelding"] },
            Stap { handeling: "Verzamelen gegevens", acties: &["Opvragen persoonsgegevens", "Opvragen bewoners adres"] },
            Stap { handeling: "Huisbezoek", acties: &["Opslaan bevindingen huisbezoek"] },
            Stap { handeling: "Besluit", acties: &["Plaatsen aantekening onderzoek", "Wijzigen adresgegevens"] },
        ],
        rollen: &["Ingeschrevene", "Medebewoner", "Getoond in zoekresultaat"],
        afnemer: None,
    },
    // ------------------------------------------------------------------
    // Wmo
    // ------------------------------------------------------------------
    Activiteit {
        id: "1d757e34-46a5-487b-b99c-c77f161c4a5e",
        afdeling: "wmo",
        naam: "Onderzoeken van een hulpvraag Wmo",
        doel: "Onderzoeken van de behoefte aan maatschappelijke ondersteuning na een melding, in samenspraak met de inwoner en zijn mantelzorger",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Wet maatschappelijke ondersteuning 2015, artikelen 2.3.2 en 5.1.1",
        wet_url: "https://wetten.overheid.nl/BWBR0035362/#Hoofdstuk2_Paragraaf3_Artikel2.3.2",
        gegevens: &[
            "Naam",
            "BSN",
            "Adres",
            "Contactgegevens",
            "Gezondheid",
            "Woonsituatie",
            "Huishoudsamenstelling",
            "Gegevens mantelzorger",
        ],
        betrokkenen: &["Cliënten", "Mantelzorgers", "Huisgenoten"],
        ontvangers: &["Medisch adviseur (als dat nodig is)", "Cliëntondersteuner (met toestemming van de cliënt)"],
        bewaartermijn: "15 jaar na de laatste wijziging van het dossier",
        bewaartermijn_iso: "P15Y",
        herkomst: "Cliënt, mantelzorger, zorgverleners (met toestemming) en de BRP",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Het gesprek over uw hulpvraag",
        uitleg_nl: "U vraagt ons om hulp of ondersteuning. Wij praten met u over uw situatie. Zo bekijken wij welke hulp u nodig hebt.",
        titel_en: "Talking about your request for support",
        uitleg_en: "You ask us for help or support. We talk with you about your situation. This way we find out what help you need.",
        zaak: "Melding Wmo",
        stappen: &[
            Stap { handeling: "Melding", acties: &["Opslaan melding", "Opvragen persoonsgegevens"] },
            Stap { handeling: "Keukentafelgesprek", acties: &["Opslaan gespreksverslag"] },
            Stap { handeling: "Verslag", acties: &["Opslaan onderzoeksverslag", "Versturen verslag"] },
        ],
        rollen: &["Cliënt", "Mantelzorger", "Medebewoner"],
        afnemer: None,
    },
    Activiteit {
        id: "b1637f70-0235-4da0-a465-d552dd1a4727",
        afdeling: "wmo",
        naam: "Toekennen van huishoudelijke ondersteuning",
        doel: "Beslissen op een aanvraag voor huishoudelijke ondersteuning als maatwerkvoorziening en de zorgaanbieder opdracht geven",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Wet maatschappelijke ondersteuning 2015, artikel 2.3.5",
        wet_url: "https://wetten.overheid.nl/BWBR0035362/#Hoofdstuk2_Paragraaf3_Artikel2.3.5",
        gegevens: &["Naam", "BSN", "Adres", "Gezondheid", "Huishoudsamenstelling", "Toegekende ondersteuning"],
        betrokkenen: &["Cliënten", "Huisgenoten"],
        ontvangers: &["Zorgaanbieder", "CAK (voor de eigen bijdrage)"],
        bewaartermijn: "15 jaar na de laatste wijziging van het dossier",
        bewaartermijn_iso: "P15Y",
        herkomst: "Cliënt, het onderzoeksverslag en de BRP",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Hulp bij het huishouden",
        uitleg_nl: "U krijgt hulp bij het schoonhouden van uw huis. Wij geven de zorgaanbieder de gegevens die nodig zijn. Zo kan de hulp beginnen.",
        titel_en: "Help with household tasks",
        uitleg_en: "You receive help with cleaning your home. We give the care provider the details it needs. This lets the help begin.",
        zaak: "Aanvraag huishoudelijke ondersteuning",
        stappen: &[
            Stap { handeling: "Aanvraag", acties: &["Opslaan aanvraag"] },
            Stap { handeling: "Beoordeling", acties: &["Opvragen onderzoeksverslag", "Vaststellen indicatie"] },
            Stap { handeling: "Beschikking", acties: &["Opslaan beschikking", "Versturen beschikking"] },
            Stap { handeling: "Toewijzing", acties: &["Versturen opdracht aan zorgaanbieder"] },
        ],
        rollen: &["Aanvrager", "Medebewoner"],
        afnemer: None,
    },
    Activiteit {
        id: "53ea50d0-d93b-4448-9fb2-2472c2baedf2",
        afdeling: "wmo",
        naam: "Verstrekken van woningaanpassingen",
        doel: "Beslissen op een aanvraag voor een woningaanpassing als maatwerkvoorziening of persoonsgebonden budget en de aanpassing laten uitvoeren",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Wet maatschappelijke ondersteuning 2015, artikelen 2.3.5 en 2.3.6",
        wet_url: "https://wetten.overheid.nl/BWBR0035362/#Hoofdstuk2_Paragraaf3_Artikel2.3.5",
        gegevens: &["Naam", "BSN", "Adres", "Gezondheid", "Gegevens over de woning", "Eigendom of huur van de woning"],
        betrokkenen: &["Cliënten", "Eigenaren of verhuurders van de woning"],
        ontvangers: &["Ergotherapeut of medisch adviseur", "Aannemer", "Verhuurder (met toestemming van de cliënt)"],
        bewaartermijn: "15 jaar na de laatste wijziging van het dossier",
        bewaartermijn_iso: "P15Y",
        herkomst: "Cliënt, medisch adviseur, verhuurder en de BRP",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Een aanpassing in uw woning",
        uitleg_nl: "U hebt een aanpassing in uw huis nodig. Bijvoorbeeld een traplift of een drempelhulp. Wij beoordelen uw aanvraag en regelen de aanpassing.",
        titel_en: "Adapting your home",
        uitleg_en: "You need an adaptation in your home. For example a stairlift or a threshold ramp. We assess your application and arrange the work.",
        zaak: "Aanvraag woningaanpassing",
        stappen: &[
            Stap { handeling: "Aanvraag", acties: &["Opslaan aanvraag"] },
            Stap { handeling: "Advies", acties: &["Opvragen medisch advies", "Opvragen gegevens woning"] },
            Stap { handeling: "Beschikking", acties: &["Opslaan beschikking", "Versturen beschikking"] },
            Stap { handeling: "Uitvoering", acties: &["Versturen opdracht aan aannemer"] },
        ],
        rollen: &["Aanvrager", "Belanghebbende"],
        afnemer: None,
    },
    Activiteit {
        id: "596d474e-d3b4-48ea-8e89-67821ea80420",
        afdeling: "wmo",
        naam: "Doorgeven van gegevens voor de eigen bijdrage aan het CAK",
        doel: "Doorgeven van de gegevens over een verstrekte maatwerkvoorziening aan het CAK, dat de eigen bijdrage vaststelt en int",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Wet maatschappelijke ondersteuning 2015, artikelen 2.1.4a en 2.1.4b",
        wet_url: "https://wetten.overheid.nl/BWBR0035362/#Hoofdstuk2_Paragraaf1_Artikel2.1.4b",
        gegevens: &["Naam", "BSN", "Soort voorziening", "Begindatum en einddatum", "Omvang van de ondersteuning"],
        betrokkenen: &["Cliënten"],
        ontvangers: &["CAK"],
        bewaartermijn: "15 jaar na de laatste wijziging van het dossier",
        bewaartermijn_iso: "P15Y",
        herkomst: "Het Wmo-dossier van de gemeente",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Uw eigen bijdrage voor Wmo-hulp",
        uitleg_nl: "Voor Wmo-hulp betaalt u een eigen bijdrage. Het CAK rekent deze bijdrage uit. Daarom geven wij uw hulp door aan het CAK.",
        titel_en: "Your personal contribution for Wmo support",
        uitleg_en: "You pay a personal contribution for Wmo support. The CAK calculates this contribution. That is why we pass on your support details to the CAK.",
        zaak: "Melding eigen bijdrage",
        stappen: &[
            Stap { handeling: "Aanmaken melding", acties: &["Opvragen voorzieningsgegevens", "Aanmaken bericht"] },
            Stap { handeling: "Versturen melding", acties: &["Versturen bericht aan CAK", "Verwerken retourbericht"] },
        ],
        rollen: &["Cliënt"],
        afnemer: Some(OIN_CAK),
    },
    // ------------------------------------------------------------------
    // Participatie en Inkomen
    // ------------------------------------------------------------------
    Activiteit {
        id: "42111329-02c1-436a-b998-cefa4b4add42",
        afdeling: "participatie",
        naam: "Verlenen van algemene bijstand",
        doel: "Vaststellen van het recht op algemene bijstand en betalen van de uitkering",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Participatiewet, artikelen 11 en 43",
        wet_url: "https://wetten.overheid.nl/BWBR0015703/#Hoofdstuk2_Paragraaf2.2_Artikel11",
        gegevens: &[
            "Naam",
            "BSN",
            "Adres",
            "Inkomen",
            "Vermogen",
            "Bankrekeningnummer",
            "Woonsituatie",
            "Huishoudsamenstelling",
        ],
        betrokkenen: &["Aanvragers", "Partners", "Medebewoners"],
        ontvangers: &["Inlichtingenbureau", "UWV", "Belastingdienst"],
        bewaartermijn: "10 jaar na beëindiging van de uitkering",
        bewaartermijn_iso: "P10Y",
        herkomst: "Aanvrager, partner, de BRP, UWV, de Belastingdienst en bankafschriften van de aanvrager",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Uw aanvraag voor een bijstandsuitkering",
        uitleg_nl: "U vraagt een bijstandsuitkering aan. Wij kijken naar uw inkomen, vermogen en woonsituatie. Wij kijken ook naar die van uw partner en medebewoners.",
        titel_en: "Your application for social assistance",
        uitleg_en: "You apply for social assistance benefit. We look at your income, assets and living situation. We also look at those of your partner and housemates.",
        zaak: "Aanvraag bijstand",
        stappen: &[
            Stap { handeling: "Melding", acties: &["Opslaan melding"] },
            Stap { handeling: "Aanvraag", acties: &["Opslaan aanvraag", "Opvragen persoonsgegevens"] },
            Stap {
                handeling: "Onderzoek",
                acties: &["Opvragen inkomensgegevens", "Opvragen gegevens Suwinet", "Controleren bankafschriften"],
            },
            Stap { handeling: "Besluit", acties: &["Opslaan beschikking", "Versturen beschikking"] },
        ],
        rollen: &["Aanvrager", "Partner", "Medebewoner"],
        afnemer: None,
    },
    Activiteit {
        id: "966307bf-bae7-436f-a28a-00a35598c276",
        afdeling: "participatie",
        naam: "Ondersteunen bij arbeidsinschakeling",
        doel: "Ondersteunen van inwoners met een bijstandsuitkering bij het vinden en houden van betaald werk",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Participatiewet, artikel 7",
        wet_url: "https://wetten.overheid.nl/BWBR0015703/#Hoofdstuk1_Paragraaf1.2_Artikel7",
        gegevens: &[
            "Naam",
            "BSN",
            "Contactgegevens",
            "Opleiding",
            "Werkervaring",
            "Gezondheid (beperkingen voor werk)",
        ],
        betrokkenen: &["Werkzoekenden", "Bijstandsgerechtigden"],
        ontvangers: &["Re-integratiebedrijf", "Werkgevers (met toestemming van de werkzoekende)", "UWV"],
        bewaartermijn: "5 jaar na afloop van het traject",
        bewaartermijn_iso: "P5Y",
        herkomst: "Werkzoekende zelf, re-integratiebedrijf en UWV",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Hulp bij het vinden van werk",
        uitleg_nl: "Wij helpen u bij het vinden van werk. Daarvoor gebruiken wij uw opleiding en werkervaring. Soms werken wij samen met een re-integratiebedrijf.",
        titel_en: "Help finding work",
        uitleg_en: "We help you find work. To do this we use your education and work experience. Sometimes we work with a job coaching company.",
        zaak: "Re-integratietraject",
        stappen: &[
            Stap { handeling: "Intake", acties: &["Opslaan intakegegevens"] },
            Stap { handeling: "Plan van aanpak", acties: &["Opslaan plan van aanpak"] },
            Stap {
                handeling: "Begeleiding",
                acties: &["Versturen gegevens aan re-integratiebedrijf", "Opslaan voortgangsverslag"],
            },
        ],
        rollen: &["Werkzoekende"],
        afnemer: None,
    },
    Activiteit {
        id: "69309226-fe44-4235-b54e-7fd2d1a47475",
        afdeling: "participatie",
        naam: "Verlenen van bijzondere bijstand",
        doel: "Beoordelen van aanvragen voor bijzondere bijstand voor noodzakelijke kosten die niet uit het inkomen kunnen worden betaald",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Participatiewet, artikel 35",
        wet_url: "https://wetten.overheid.nl/BWBR0015703/#Hoofdstuk4_Paragraaf4.1_Artikel35",
        gegevens: &[
            "Naam",
            "BSN",
            "Adres",
            "Inkomen",
            "Vermogen",
            "Bankrekeningnummer",
            "Soort kosten",
            "Gezondheid (bij medische kosten)",
        ],
        betrokkenen: &["Aanvragers", "Partners"],
        ontvangers: &["Inlichtingenbureau", "Medisch adviseur (bij medische kosten)"],
        bewaartermijn: "7 jaar na de beslissing",
        bewaartermijn_iso: "P7Y",
        herkomst: "Aanvrager, de BRP en het Inlichtingenbureau",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Hulp bij bijzondere kosten",
        uitleg_nl: "U hebt kosten die u zelf niet kunt betalen. Bijvoorbeeld voor een bril of een wasmachine. Wij bekijken of u bijzondere bijstand krijgt.",
        titel_en: "Help with special costs",
        uitleg_en: "You have costs you cannot pay yourself. For example glasses or a washing machine. We check whether you can get special assistance.",
        zaak: "Aanvraag bijzondere bijstand",
        stappen: &[
            Stap { handeling: "Aanvraag", acties: &["Opslaan aanvraag"] },
            Stap { handeling: "Beoordeling", acties: &["Opvragen inkomensgegevens", "Controleren kostenoverzicht"] },
            Stap { handeling: "Besluit", acties: &["Opslaan beschikking", "Versturen beschikking"] },
        ],
        rollen: &["Aanvrager", "Partner"],
        afnemer: None,
    },
    Activiteit {
        id: "1e4438dc-040e-4a32-a848-9f6a3f2dec5c",
        afdeling: "participatie",
        naam: "Terugvorderen van bijstand",
        doel: "Terugvorderen van ten onrechte of te veel betaalde bijstand en afspraken maken over terugbetaling",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Participatiewet, artikel 58",
        wet_url: "https://wetten.overheid.nl/BWBR0015703/#Hoofdstuk6_Paragraaf6.4_Artikel58",
        gegevens: &["Naam", "BSN", "Adres", "Inkomen", "Bankrekeningnummer", "Openstaand bedrag", "Betalingsregeling"],
        betrokkenen: &["Debiteuren", "Partners"],
        ontvangers: &["Gerechtsdeurwaarder (als er niet wordt betaald)", "Werkgever of uitkeringsinstantie (bij beslag)"],
        bewaartermijn: "10 jaar na volledige terugbetaling",
        bewaartermijn_iso: "P10Y",
        herkomst: "Het bijstandsdossier, de BRP en de Belastingdienst",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Terugbetalen van bijstand",
        uitleg_nl: "U hebt te veel bijstand gekregen. Dan moet u dit terugbetalen. Wij maken met u een afspraak over de betaling.",
        titel_en: "Paying back social assistance",
        uitleg_en: "You received too much social assistance. You must then pay it back. We agree with you how you will pay.",
        zaak: "Terugvordering bijstand",
        stappen: &[
            Stap { handeling: "Vaststellen vordering", acties: &["Opvragen uitkeringsgegevens", "Berekenen vordering"] },
            Stap { handeling: "Besluit", acties: &["Opslaan terugvorderingsbesluit", "Versturen besluit"] },
            Stap { handeling: "Invordering", acties: &["Opslaan betalingsregeling", "Registreren betaling"] },
        ],
        rollen: &["Debiteur", "Partner"],
        afnemer: None,
    },
    Activiteit {
        id: "3a02d424-9086-46b7-acfe-9b87dbfd22e8",
        afdeling: "participatie",
        naam: "Onderzoek naar bijstandsfraude",
        doel: "Onderzoeken of bijstand rechtmatig is verstrekt wanneer er een vermoeden van fraude is",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Participatiewet, artikel 53a",
        wet_url: "https://wetten.overheid.nl/BWBR0015703/#Hoofdstuk6_Paragraaf6.2_Artikel53a",
        gegevens: &[
            "Naam",
            "BSN",
            "Adres",
            "Inkomen",
            "Vermogen",
            "Bankrekeningnummer",
            "Woonsituatie",
            "Waarnemingen",
            "Verklaringen",
        ],
        betrokkenen: &["Bijstandsgerechtigden", "Partners", "Medebewoners", "Getuigen"],
        ontvangers: &["Openbaar Ministerie (bij aangifte)", "Inlichtingenbureau"],
        bewaartermijn: "10 jaar na afronding van het onderzoek",
        bewaartermijn_iso: "P10Y",
        herkomst: "Signalen, het Inlichtingenbureau, Suwinet, de BRP, huisbezoek en verklaringen",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: true,
        titel_nl: "Onderzoek naar uw uitkering",
        uitleg_nl: "Wij onderzoeken of u terecht een uitkering krijgt. Dit doen wij als er een vermoeden van fraude is. De wet geeft ons die taak.",
        titel_en: "Investigation into your benefit",
        uitleg_en: "We investigate whether you are rightly receiving benefit. We do this when fraud is suspected. The law gives us this task.",
        zaak: "Onderzoek rechtmatigheid uitkering",
        stappen: &[
            Stap { handeling: "Ontvangen signaal", acties: &["Opslaan signaal"] },
            Stap {
                handeling: "Verzamelen gegevens",
                acties: &["Opvragen gegevens Suwinet", "Opvragen bankgegevens", "Opvragen persoonsgegevens"],
            },
            Stap { handeling: "Verificatie", acties: &["Opslaan bevindingen huisbezoek", "Opslaan verklaring"] },
            Stap { handeling: "Rapportage", acties: &["Opslaan rapport"] },
        ],
        rollen: &["Uitkeringsgerechtigde", "Partner", "Medebewoner", "Getuige"],
        afnemer: None,
    },
    Activiteit {
        id: "e7a1e3d3-f00a-47ee-9b74-a20b3e74173f",
        afdeling: "participatie",
        naam: "Uitwisselen van gegevens met UWV",
        doel: "Opvragen en verstrekken van uitkerings- en inkomensgegevens tussen gemeente en UWV voor een juiste uitkering",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Participatiewet, artikelen 64 en 67",
        wet_url: "https://wetten.overheid.nl/BWBR0015703/#Hoofdstuk6_Paragraaf6.6_Artikel67",
        gegevens: &["Naam", "BSN", "Uitkeringsgegevens", "Inkomen", "Werkgever"],
        betrokkenen: &["Bijstandsgerechtigden", "Partners"],
        ontvangers: &["UWV"],
        bewaartermijn: "10 jaar na beëindiging van de uitkering",
        bewaartermijn_iso: "P10Y",
        herkomst: "Het bijstandsdossier en UWV",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Gegevens delen met UWV",
        uitleg_nl: "Wij wisselen gegevens over uw uitkering en inkomen uit met UWV. Zo krijgt u niet twee keer geld. Dit staat in de wet.",
        titel_en: "Sharing information with UWV",
        uitleg_en: "We exchange details about your benefit and income with UWV. This stops you being paid twice. The law requires this.",
        zaak: "Gegevensuitwisseling UWV",
        stappen: &[
            Stap { handeling: "Opvragen gegevens", acties: &["Opvragen uitkeringsgegevens UWV"] },
            Stap { handeling: "Verstrekken gegevens", acties: &["Versturen bijstandsgegevens aan UWV"] },
        ],
        rollen: &["Uitkeringsgerechtigde", "Partner"],
        afnemer: Some(OIN_UWV),
    },
    // ------------------------------------------------------------------
    // Jeugd
    // ------------------------------------------------------------------
    Activiteit {
        id: "0892bfdc-c63f-4100-9c2d-4b9a66da3bbd",
        afdeling: "jeugd",
        naam: "Beslissen over toegang tot jeugdhulp",
        doel: "Onderzoeken welke jeugdhulp een jeugdige of ouder nodig heeft en toekennen van een individuele voorziening",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Jeugdwet, artikel 2.3",
        wet_url: "https://wetten.overheid.nl/BWBR0034925/#Hoofdstuk2_Artikel2.3",
        gegevens: &["Naam", "BSN", "Geboortedatum", "Adres", "Gezondheid", "Gezinssituatie", "School"],
        betrokkenen: &["Jeugdigen", "Ouders", "Gezaghouders"],
        ontvangers: &["Jeugdhulpaanbieder", "Huisarts (met toestemming)"],
        bewaartermijn: "20 jaar na de laatste wijziging van het dossier",
        bewaartermijn_iso: "P20Y",
        herkomst: "Jeugdige, ouders, verwijzers en de BRP",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Hulp voor uw kind of gezin",
        uitleg_nl: "U vraagt hulp voor uw kind of gezin. Wij praten met u over wat nodig is. Daarna zetten wij de juiste hulp in.",
        titel_en: "Support for your child or family",
        uitleg_en: "You ask for support for your child or family. We talk with you about what is needed. Then we arrange the right support.",
        zaak: "Aanvraag jeugdhulp",
        stappen: &[
            Stap { handeling: "Aanmelding", acties: &["Opslaan aanmelding", "Opvragen persoonsgegevens"] },
            Stap { handeling: "Gesprek", acties: &["Opslaan gespreksverslag"] },
            Stap { handeling: "Besluit", acties: &["Opslaan beschikking", "Versturen opdracht aan jeugdhulpaanbieder"] },
        ],
        rollen: &["Kind", "Ouder"],
        afnemer: None,
    },
    Activiteit {
        id: "94926397-eeb4-43f6-b4e0-4e8794fe7123",
        afdeling: "jeugd",
        naam: "Verzoeken om onderzoek door de Raad voor de Kinderbescherming",
        doel: "Verzoeken om een onderzoek door de Raad voor de Kinderbescherming wanneer een maatregel over het gezag over een minderjarige overwogen moet worden",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Jeugdwet, artikel 2.4",
        wet_url: "https://wetten.overheid.nl/BWBR0034925/#Hoofdstuk2_Artikel2.4",
        gegevens: &["Naam", "BSN", "Geboortedatum", "Adres", "Gezinssituatie", "Zorgen over de veiligheid", "Gezondheid"],
        betrokkenen: &["Jeugdigen", "Ouders", "Gezaghouders"],
        ontvangers: &["Raad voor de Kinderbescherming", "Veilig Thuis"],
        bewaartermijn: "20 jaar na de laatste wijziging van het dossier",
        bewaartermijn_iso: "P20Y",
        herkomst: "Het jeugddossier, Veilig Thuis en betrokken hulpverleners",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Zorgen over de veiligheid van een kind",
        uitleg_nl: "Soms maken wij ons ernstig zorgen over een kind. Dan vragen wij de Raad voor de Kinderbescherming om onderzoek. Wij geven de Raad de gegevens die nodig zijn.",
        titel_en: "Concerns about a child's safety",
        uitleg_en: "Sometimes we are seriously worried about a child. We then ask the Child Care and Protection Board to investigate. We give the Board the information it needs.",
        zaak: "Verzoek tot onderzoek",
        stappen: &[
            Stap { handeling: "Beoordelen zorgen", acties: &["Opvragen jeugddossier", "Opslaan zorgmelding"] },
            Stap { handeling: "Verzoek", acties: &["Opslaan verzoek tot onderzoek", "Versturen verzoek aan Raad"] },
        ],
        rollen: &["Kind", "Ouder", "Gezaghouder"],
        afnemer: Some(OIN_RAAD),
    },
    Activiteit {
        id: "5c2ce2db-d7f3-4c45-b298-994495ab69cc",
        afdeling: "jeugd",
        naam: "Verstrekken van een persoonsgebonden budget jeugdhulp",
        doel: "Toekennen van een persoonsgebonden budget voor jeugdhulp en het laten uitbetalen door de Sociale Verzekeringsbank",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Jeugdwet, artikelen 8.1.1 en 8.1.8",
        wet_url: "https://wetten.overheid.nl/BWBR0034925/#Hoofdstuk8_Paragraaf8.1_Artikel8.1.1",
        gegevens: &[
            "Naam",
            "BSN",
            "Adres",
            "Gezondheid",
            "Hoogte van het budget",
            "Zorgovereenkomst",
            "Bankrekeningnummer zorgverlener",
        ],
        betrokkenen: &["Jeugdigen", "Ouders", "Budgethouders", "Zorgverleners"],
        ontvangers: &["Sociale Verzekeringsbank"],
        bewaartermijn: "20 jaar na de laatste wijziging van het dossier",
        bewaartermijn_iso: "P20Y",
        herkomst: "Ouders, zorgverlener en het jeugddossier",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Een persoonsgebonden budget voor jeugdhulp",
        uitleg_nl: "U kiest zelf de zorgverlener voor uw kind. Daarvoor krijgt u een persoonsgebonden budget. De SVB betaalt de zorgverlener namens ons.",
        titel_en: "A personal budget for youth care",
        uitleg_en: "You choose your child's care provider yourself. For this you receive a personal budget. The SVB pays the provider on our behalf.",
        zaak: "Aanvraag pgb jeugdhulp",
        stappen: &[
            Stap { handeling: "Aanvraag", acties: &["Opslaan aanvraag"] },
            Stap { handeling: "Besluit", acties: &["Vaststellen budget", "Opslaan beschikking"] },
            Stap { handeling: "Doorgeven aan SVB", acties: &["Versturen toekenning aan SVB"] },
        ],
        rollen: &["Kind", "Budgethouder", "Ouder"],
        afnemer: Some(OIN_SVB),
    },
    // ------------------------------------------------------------------
    // Belastingen
    // ------------------------------------------------------------------
    Activiteit {
        id: "8ff88708-fc66-4da6-a225-796379667834",
        afdeling: "belastingen",
        naam: "Heffen van onroerendezaakbelastingen",
        doel: "Opleggen en innen van de onroerendezaakbelastingen bij eigenaren van woningen en eigenaren en gebruikers van andere gebouwen",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Gemeentewet, artikel 220",
        wet_url: "https://wetten.overheid.nl/BWBR0005416/#TiteldeelIV_HoofdstukXV_Paragraaf2_Artikel220",
        gegevens: &["Naam", "BSN", "Adres", "WOZ-waarde", "Eigendom onroerende zaak", "Bankrekeningnummer"],
        betrokkenen: &["Eigenaren", "Gebruikers van niet-woningen"],
        ontvangers: &["Verzendpartner voor aanslagbiljetten (verwerker)"],
        bewaartermijn: "7 jaar na het belastingjaar",
        bewaartermijn_iso: "P7Y",
        herkomst: "De BRP, de Basisregistratie Kadaster en de WOZ-administratie",
        bestuursorgaan: HEFFINGSAMBTENAAR,
        vertrouwelijk: false,
        titel_nl: "Belasting voor uw huis (OZB)",
        uitleg_nl: "U bent eigenaar van een huis of gebouw. Daarover betaalt u onroerendezaakbelasting (OZB). Wij sturen u daarvoor een aanslag.",
        titel_en: "Property tax on your home (OZB)",
        uitleg_en: "You own a house or building. You pay property tax (OZB) on it. We send you a tax assessment for this.",
        zaak: "Aanslag gemeentelijke belastingen",
        stappen: &[
            Stap {
                handeling: "Vaststellen belastingplichtige",
                acties: &["Opvragen eigendomsgegevens", "Opvragen persoonsgegevens"],
            },
            Stap { handeling: "Aanslag", acties: &["Berekenen aanslag", "Versturen aanslagbiljet"] },
            Stap { handeling: "Invordering", acties: &["Registreren betaling"] },
        ],
        rollen: &["Belastingplichtige", "Mede-eigenaar"],
        afnemer: None,
    },
    Activiteit {
        id: "bdda6398-242c-4f31-8ec6-d35e002f3973",
        afdeling: "belastingen",
        naam: "Bepalen en vaststellen van de WOZ-waarde",
        doel: "Bepalen van de waarde van onroerende zaken en deze waarde verstrekken aan afnemers zoals de Belastingdienst",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Wet waardering onroerende zaken, artikelen 22 en 37b",
        wet_url: "https://wetten.overheid.nl/BWBR0007119/#HoofdstukIV_Artikel22",
        gegevens: &["Naam", "BSN", "Adres", "WOZ-waarde", "Kenmerken van de woning", "Eigendom onroerende zaak"],
        betrokkenen: &["Eigenaren", "Gebruikers"],
        ontvangers: &["Belastingdienst", "Waterschap", "Landelijke voorziening WOZ (Kadaster)"],
        bewaartermijn: "7 jaar na het belastingjaar",
        bewaartermijn_iso: "P7Y",
        herkomst: "De BRP, de BAG, de Basisregistratie Kadaster en verkoopgegevens",
        bestuursorgaan: HEFFINGSAMBTENAAR,
        vertrouwelijk: false,
        titel_nl: "De WOZ-waarde van uw huis",
        uitleg_nl: "Wij bepalen elk jaar de waarde van uw huis. Dat heet de WOZ-waarde. Wij geven deze waarde door aan de Belastingdienst.",
        titel_en: "The WOZ value of your home",
        uitleg_en: "Every year we set the value of your home. This is called the WOZ value. We pass this value on to the Tax Administration.",
        zaak: "WOZ-beschikking",
        stappen: &[
            Stap { handeling: "Taxatie", acties: &["Opvragen objectkenmerken", "Berekenen waarde"] },
            Stap { handeling: "Beschikking", acties: &["Opslaan WOZ-beschikking", "Versturen beschikking"] },
            Stap { handeling: "Levering", acties: &["Versturen waardegegeven aan Belastingdienst"] },
        ],
        rollen: &["Eigenaar", "Gebruiker"],
        afnemer: Some(OIN_BELASTINGDIENST),
    },
    Activiteit {
        id: "8c7d64d0-574b-4887-b6c6-c0ca2aba5d70",
        afdeling: "belastingen",
        naam: "Heffen van afvalstoffenheffing",
        doel: "Opleggen en innen van de afvalstoffenheffing voor het inzamelen van huishoudelijk afval",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Wet milieubeheer, artikel 15.33",
        wet_url: "https://wetten.overheid.nl/BWBR0003245/",
        gegevens: &["Naam", "BSN", "Adres", "Aantal bewoners", "Bankrekeningnummer"],
        betrokkenen: &["Gebruikers van woningen"],
        ontvangers: &["Verzendpartner voor aanslagbiljetten (verwerker)"],
        bewaartermijn: "7 jaar na het belastingjaar",
        bewaartermijn_iso: "P7Y",
        herkomst: "De BRP en de BAG",
        bestuursorgaan: HEFFINGSAMBTENAAR,
        vertrouwelijk: false,
        titel_nl: "Belasting voor het ophalen van afval",
        uitleg_nl: "Wij halen uw afval op. Daarvoor betaalt u afvalstoffenheffing. Het bedrag hangt af van het aantal mensen in uw huis.",
        titel_en: "Charge for collecting your waste",
        uitleg_en: "We collect your waste. You pay a waste charge for this. The amount depends on how many people live in your home.",
        zaak: "Aanslag gemeentelijke belastingen",
        stappen: &[
            Stap { handeling: "Vaststellen huishouden", acties: &["Opvragen bewoners adres"] },
            Stap { handeling: "Aanslag", acties: &["Berekenen aanslag", "Versturen aanslagbiljet"] },
        ],
        rollen: &["Belastingplichtige", "Medebewoner"],
        afnemer: None,
    },
    Activiteit {
        id: "b75b9ded-0108-4ebc-a808-d7a9e8682454",
        afdeling: "belastingen",
        naam: "Kwijtschelden van gemeentelijke belastingen",
        doel: "Beoordelen of een inwoner met een laag inkomen en weinig vermogen de gemeentelijke belastingen niet hoeft te betalen",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Invorderingswet 1990, artikel 26; Gemeentewet, artikel 255",
        wet_url: "https://wetten.overheid.nl/BWBR0004770/#HoofdstukIV_Afdeling3_Artikel26",
        gegevens: &["Naam", "BSN", "Adres", "Inkomen", "Vermogen", "Vaste lasten", "Bankrekeningnummer"],
        betrokkenen: &["Aanvragers", "Partners"],
        ontvangers: &["Inlichtingenbureau"],
        bewaartermijn: "5 jaar na de beslissing",
        bewaartermijn_iso: "P5Y",
        herkomst: "Aanvrager, de BRP en het Inlichtingenbureau (met gegevens van RDW, UWV en Belastingdienst)",
        bestuursorgaan: INVORDERINGSAMBTENAAR,
        vertrouwelijk: false,
        titel_nl: "Uw verzoek om kwijtschelding",
        uitleg_nl: "U hebt een laag inkomen en weinig geld over. Dan hoeft u soms geen gemeentebelasting te betalen. Wij controleren uw inkomen en vaste lasten.",
        titel_en: "Your request for tax relief",
        uitleg_en: "You have a low income and little money left. Then you may not have to pay municipal taxes. We check your income and fixed costs.",
        zaak: "Verzoek kwijtschelding",
        stappen: &[
            Stap { handeling: "Verzoek", acties: &["Opslaan verzoek"] },
            Stap {
                handeling: "Toetsing",
                acties: &["Opvragen gegevens Inlichtingenbureau", "Berekenen betalingscapaciteit"],
            },
            Stap { handeling: "Besluit", acties: &["Opslaan besluit", "Versturen besluit"] },
        ],
        rollen: &["Aanvrager", "Partner"],
        afnemer: None,
    },
    // ------------------------------------------------------------------
    // Vergunningen
    // ------------------------------------------------------------------
    Activiteit {
        id: "9b3498f1-83a0-4b47-90e2-41c4bc222e14",
        afdeling: "vergunningen",
        naam: "Verlenen van omgevingsvergunningen",
        doel: "Beoordelen van aanvragen voor een omgevingsvergunning, bijvoorbeeld voor het bouwen of verbouwen van een woning",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Omgevingswet, artikel 5.1",
        wet_url: "https://wetten.overheid.nl/BWBR0037885/",
        gegevens: &["Naam", "Adres", "Contactgegevens", "Kadastrale gegevens", "Bouwtekeningen"],
        betrokkenen: &["Aanvragers", "Gemachtigden", "Belanghebbenden zoals buren"],
        ontvangers: &[
            "Omgevingsdienst",
            "Adviseurs zoals brandweer en welstandscommissie",
            "Iedereen via de publicatie van het besluit (zonder naam)",
        ],
        bewaartermijn: "De vergunning blijvend; de overige stukken 10 jaar",
        bewaartermijn_iso: "P10Y",
        herkomst: "Aanvrager via het Omgevingsloket, de BRP en de Basisregistratie Kadaster",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Uw vergunning om te bouwen of verbouwen",
        uitleg_nl: "U wilt bouwen of verbouwen. Daarvoor hebt u soms een vergunning nodig. Wij beoordelen uw aanvraag met uw gegevens.",
        titel_en: "Your permit to build or renovate",
        uitleg_en: "You want to build or renovate. Sometimes you need a permit for this. We assess your application using your details.",
        zaak: "Aanvraag omgevingsvergunning",
        stappen: &[
            Stap { handeling: "Ontvangst", acties: &["Opslaan aanvraag", "Versturen ontvangstbevestiging"] },
            Stap { handeling: "Beoordeling", acties: &["Opvragen advies", "Opvragen kadastrale gegevens"] },
            Stap { handeling: "Besluit", acties: &["Opslaan besluit", "Publiceren besluit"] },
        ],
        rollen: &["Aanvrager", "Gemachtigde", "Belanghebbende"],
        afnemer: None,
    },
    Activiteit {
        id: "2096abd4-f1f0-41c9-a0e9-c0963cff0fb0",
        afdeling: "vergunningen",
        naam: "Verlenen van evenementenvergunningen",
        doel: "Beoordelen van aanvragen voor een evenement en toezicht houden op openbare vermakelijkheden",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Algemene Plaatselijke Verordening Voorbeeld, artikel 2:25; Gemeentewet, artikel 174",
        wet_url: "https://wetten.overheid.nl/BWBR0005416/#TiteldeelIII_HoofdstukXI_Artikel174",
        gegevens: &["Naam", "Adres", "Contactgegevens", "Gegevens van de organisator", "Veiligheidsplan"],
        betrokkenen: &["Organisatoren", "Contactpersonen"],
        ontvangers: &["Politie", "Brandweer en veiligheidsregio", "GGD en GHOR"],
        bewaartermijn: "5 jaar na het evenement",
        bewaartermijn_iso: "P5Y",
        herkomst: "Organisator zelf",
        bestuursorgaan: BURGEMEESTER,
        vertrouwelijk: false,
        titel_nl: "Uw vergunning voor een evenement",
        uitleg_nl: "U organiseert een evenement, zoals een straatfeest. Wij beoordelen of het veilig kan. Daarvoor delen wij gegevens met politie en brandweer.",
        titel_en: "Your event permit",
        uitleg_en: "You are organising an event, such as a street party. We assess whether it can be held safely. For this we share details with the police and fire service.",
        zaak: "Aanvraag evenementenvergunning",
        stappen: &[
            Stap { handeling: "Ontvangst", acties: &["Opslaan aanvraag"] },
            Stap {
                handeling: "Advies",
                acties: &["Versturen adviesaanvraag aan politie", "Versturen adviesaanvraag aan brandweer"],
            },
            Stap { handeling: "Besluit", acties: &["Opslaan vergunning", "Versturen vergunning"] },
        ],
        rollen: &["Aanvrager", "Contactpersoon"],
        afnemer: None,
    },
    Activiteit {
        id: "9c5e33c3-1d99-4d21-a027-50a79112078c",
        afdeling: "vergunningen",
        naam: "Verlenen van alcoholvergunningen",
        doel: "Beoordelen van aanvragen voor een vergunning om een horeca- of slijtersbedrijf uit te oefenen, met toetsing van de leidinggevenden",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Alcoholwet, artikelen 3 en 8",
        wet_url: "https://wetten.overheid.nl/BWBR0002458/",
        gegevens: &[
            "Naam",
            "BSN",
            "Geboortedatum",
            "Adres",
            "Strafrechtelijke gegevens",
            "Verklaring Sociale Hygiëne",
        ],
        betrokkenen: &["Exploitanten", "Leidinggevenden"],
        ontvangers: &["Politie", "Landelijk Bureau Bibob (bij twijfel)"],
        bewaartermijn: "5 jaar na het einde van de vergunning",
        bewaartermijn_iso: "P5Y",
        herkomst: "Aanvrager, de BRP, politie en de Justitiële Documentatie",
        bestuursorgaan: BURGEMEESTER,
        vertrouwelijk: false,
        titel_nl: "Uw vergunning om alcohol te schenken",
        uitleg_nl: "U wilt alcohol schenken of verkopen. Wij controleren of u en uw leidinggevenden geschikt zijn. Daarvoor kijken wij ook naar uw gedrag in het verleden.",
        titel_en: "Your licence to serve alcohol",
        uitleg_en: "You want to serve or sell alcohol. We check whether you and your managers are suitable. We also look at your past conduct.",
        zaak: "Aanvraag alcoholvergunning",
        stappen: &[
            Stap { handeling: "Ontvangst", acties: &["Opslaan aanvraag"] },
            Stap {
                handeling: "Toetsing",
                acties: &[
                    "Opvragen persoonsgegevens",
                    "Controleren verklaring Sociale Hygiëne",
                    "Opvragen justitiële gegevens",
                ],
            },
            Stap { handeling: "Besluit", acties: &["Opslaan vergunning", "Versturen vergunning"] },
        ],
        rollen: &["Aanvrager", "Leidinggevende"],
        afnemer: None,
    },
    Activiteit {
        id: "be023614-b260-4a77-9696-9e62c60797bc",
        afdeling: "vergunningen",
        naam: "Verstrekken van gehandicaptenparkeerkaarten",
        doel: "Beoordelen van aanvragen voor een gehandicaptenparkeerkaart op basis van een medisch advies",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Besluit administratieve bepalingen inzake het wegverkeer, artikel 49",
        wet_url: "https://wetten.overheid.nl/BWBR0004826/#HoofdstukIV_Artikel49",
        gegevens: &["Naam", "BSN", "Adres", "Pasfoto", "Handtekening", "Gezondheid"],
        betrokkenen: &["Aanvragers"],
        ontvangers: &["Medisch adviseur"],
        bewaartermijn: "5 jaar na het einde van de geldigheid van de kaart",
        bewaartermijn_iso: "P5Y",
        herkomst: "Aanvrager, medisch adviseur en de BRP",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Uw gehandicaptenparkeerkaart",
        uitleg_nl: "U kunt door een beperking niet ver lopen. Dan kunt u een gehandicaptenparkeerkaart aanvragen. Een arts geeft ons advies over uw aanvraag.",
        titel_en: "Your disabled parking card",
        uitleg_en: "Because of a disability you cannot walk far. You can then apply for a disabled parking card. A doctor advises us on your application.",
        zaak: "Aanvraag gehandicaptenparkeerkaart",
        stappen: &[
            Stap { handeling: "Aanvraag", acties: &["Opslaan aanvraag", "Opvragen persoonsgegevens"] },
            Stap { handeling: "Medische keuring", acties: &["Versturen keuringsaanvraag", "Opslaan medisch advies"] },
            Stap { handeling: "Besluit", acties: &["Opslaan besluit", "Aanmaken parkeerkaart"] },
        ],
        rollen: &["Aanvrager"],
        afnemer: None,
    },
    // ------------------------------------------------------------------
    // Parkeren
    // ------------------------------------------------------------------
    Activiteit {
        id: "d34f451c-64c5-456a-8ff3-17ae8a13ef47",
        afdeling: "parkeren",
        naam: "Verstrekken van parkeervergunningen",
        doel: "Verlenen en beheren van parkeervergunningen voor bewoners en heffen van de bijbehorende parkeerbelasting",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Gemeentewet, artikel 225; Parkeerverordening Voorbeeld",
        wet_url: "https://wetten.overheid.nl/BWBR0005416/#TiteldeelIV_HoofdstukXV_Paragraaf3_Artikel225",
        gegevens: &["Naam", "BSN", "Adres", "Kenteken", "Bankrekeningnummer"],
        betrokkenen: &["Bewoners", "Aanvragers"],
        ontvangers: &["Parkeerhandhaving (scanauto)", "RDW"],
        bewaartermijn: "2 jaar na het einde van de vergunning",
        bewaartermijn_iso: "P2Y",
        herkomst: "Aanvrager, de BRP en het kentekenregister van de RDW",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Uw aanvraag voor een parkeervergunning",
        uitleg_nl: "U vraagt een parkeervergunning aan voor uw straat. Wij controleren uw adres en kenteken. Met uw kenteken ziet de scanauto dat u mag parkeren.",
        titel_en: "Your application for a parking permit",
        uitleg_en: "You apply for a parking permit for your street. We check your address and licence plate. The scan car uses your plate to see that you may park.",
        zaak: "Aanvraag parkeervergunning",
        stappen: &[
            Stap { handeling: "Aanvraag", acties: &["Opslaan aanvraag", "Opvragen persoonsgegevens"] },
            Stap { handeling: "Controle", acties: &["Controleren kenteken", "Controleren adres"] },
            Stap {
                handeling: "Verlening",
                acties: &["Opslaan vergunning", "Registreren kenteken in parkeerrechtendatabank"],
            },
        ],
        rollen: &["Aanvrager", "Medebewoner"],
        afnemer: None,
    },
    Activiteit {
        id: "17a95777-d7af-44c6-9e7f-8c58438644f7",
        afdeling: "parkeren",
        naam: "Opleggen van naheffingsaanslagen parkeerbelasting",
        doel: "Opleggen van een naheffingsaanslag wanneer er niet of te weinig parkeerbelasting is betaald",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Gemeentewet, artikel 234",
        wet_url: "https://wetten.overheid.nl/BWBR0005416/#TiteldeelIV_HoofdstukXV_Paragraaf4_Artikel234",
        gegevens: &[
            "Kenteken",
            "Naam kentekenhouder",
            "Adres kentekenhouder",
            "Locatie en tijdstip",
            "Foto's van het voertuig",
        ],
        betrokkenen: &["Kentekenhouders", "Bestuurders"],
        ontvangers: &["RDW", "Gerechtsdeurwaarder (als er niet wordt betaald)"],
        bewaartermijn: "7 jaar na betaling",
        bewaartermijn_iso: "P7Y",
        herkomst: "Scanauto, parkeercontroleur en het kentekenregister van de RDW",
        bestuursorgaan: HEFFINGSAMBTENAAR,
        vertrouwelijk: false,
        titel_nl: "Een parkeerbon (naheffingsaanslag)",
        uitleg_nl: "U hebt geparkeerd zonder te betalen. Dan krijgt u een naheffingsaanslag. Wij zoeken uw adres op via uw kenteken.",
        titel_en: "A parking ticket (additional tax assessment)",
        uitleg_en: "You parked without paying. You then receive an additional tax assessment. We find your address through your licence plate.",
        zaak: "Naheffingsaanslag parkeren",
        stappen: &[
            Stap { handeling: "Constatering", acties: &["Opslaan scanresultaat", "Opslaan foto's"] },
            Stap { handeling: "Opleggen aanslag", acties: &["Opvragen kentekenhouder", "Versturen aanslagbiljet"] },
            Stap { handeling: "Invordering", acties: &["Registreren betaling"] },
        ],
        rollen: &["Kentekenhouder", "Bestuurder"],
        afnemer: None,
    },
    Activiteit {
        id: "24ad67ed-6e15-4720-b25f-7c6fd72c5417",
        afdeling: "parkeren",
        naam: "Behandelen van bezwaren over parkeren",
        doel: "Behandelen van bezwaarschriften tegen besluiten over parkeervergunningen en tegen naheffingsaanslagen parkeerbelasting",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Algemene wet bestuursrecht, artikelen 6:4 en 7:1; Gemeentewet, artikel 231",
        wet_url: "https://wetten.overheid.nl/BWBR0005537/",
        gegevens: &["Naam", "Adres", "Kenteken", "Contactgegevens", "Inhoud van het bezwaar"],
        betrokkenen: &["Bezwaarmakers", "Gemachtigden"],
        ontvangers: &["Bezwaarschriftencommissie", "Rechtbank (bij beroep)"],
        bewaartermijn: "5 jaar na de uitspraak op het bezwaar",
        bewaartermijn_iso: "P5Y",
        herkomst: "Bezwaarmaker en het parkeerdossier",
        bestuursorgaan: HEFFINGSAMBTENAAR,
        vertrouwelijk: false,
        titel_nl: "Uw bezwaar over parkeren",
        uitleg_nl: "U bent het niet eens met een besluit over parkeren. Dan kunt u bezwaar maken. Wij bekijken uw bezwaar en het besluit opnieuw.",
        titel_en: "Your objection about parking",
        uitleg_en: "You disagree with a parking decision. You can then lodge an objection. We review your objection and the decision again.",
        zaak: "Bezwaar parkeren",
        stappen: &[
            Stap { handeling: "Ontvangst", acties: &["Opslaan bezwaarschrift", "Versturen ontvangstbevestiging"] },
            Stap { handeling: "Behandeling", acties: &["Opvragen parkeerdossier", "Opslaan hoorverslag"] },
            Stap { handeling: "Uitspraak", acties: &["Opslaan uitspraak", "Versturen uitspraak"] },
        ],
        rollen: &["Bezwaarmaker", "Gemachtigde"],
        afnemer: None,
    },
    Activiteit {
        id: "79872b38-f612-4509-b4a5-10837d06e1b5",
        afdeling: "parkeren",
        naam: "Controleren van kentekengegevens bij de RDW",
        doel: "Nagaan in het kentekenregister van de RDW of een kenteken op naam staat van de aanvrager van een vergunning of van degene die een naheffingsaanslag krijgt",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Wegenverkeerswet 1994, artikel 42; Gemeentewet, artikel 234",
        wet_url: "https://wetten.overheid.nl/BWBR0006622/#HoofdstukIV_Paragraaf3_Artikel42",
        gegevens: &["Kenteken", "Naam kentekenhouder", "BSN", "Adres kentekenhouder"],
        betrokkenen: &["Kentekenhouders"],
        ontvangers: &["RDW"],
        bewaartermijn: "2 jaar na de controle",
        bewaartermijn_iso: "P2Y",
        herkomst: "Het kentekenregister van de RDW",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Controle van uw kenteken bij de RDW",
        uitleg_nl: "Wij vragen bij de RDW na op wiens naam een kenteken staat. Zo weten wij of de vergunning of aanslag klopt.",
        titel_en: "Checking your licence plate with the RDW",
        uitleg_en: "We ask the RDW in whose name a licence plate is registered. This tells us whether the permit or assessment is correct.",
        zaak: "Kentekencontrole",
        stappen: &[
            Stap {
                handeling: "Bevraging",
                acties: &["Versturen kentekenbevraging aan RDW", "Ontvangen tenaamstellingsgegevens"],
            },
            Stap { handeling: "Vergelijking", acties: &["Controleren kentekenhouder"] },
        ],
        rollen: &["Kentekenhouder"],
        afnemer: Some(OIN_RDW),
    },
    // ------------------------------------------------------------------
    // Schuldhulpverlening
    // ------------------------------------------------------------------
    Activiteit {
        id: "bf863acf-83c6-4301-bf1a-d4bacb2c0c9d",
        afdeling: "schuldhulp",
        naam: "Verlenen van schuldhulpverlening",
        doel: "Vaststellen van de hulpvraag en ondersteunen bij het vinden van een oplossing voor schulden",
        grondslag: Grondslag::PubliekeTaak,
        wet: "Wet gemeentelijke schuldhulpverlening, artikelen 3 en 4",
        wet_url: "https://wetten.overheid.nl/BWBR0031331/#Artikel3",
        gegevens: &[
            "Naam",
            "BSN",
            "Adres",
            "Contactgegevens",
            "Inkomen",
            "Schulden",
            "Vaste lasten",
            "Huishoudsamenstelling",
        ],
        betrokkenen: &["Aanvragers", "Partners", "Contactpersonen van schuldeisers"],
        ontvangers: &["Schuldeisers", "Beschermingsbewindvoerder (als die er is)", "Inlichtingenbureau"],
        bewaartermijn: "5 jaar na afsluiting van het dossier",
        bewaartermijn_iso: "P5Y",
        herkomst: "Aanvrager, schuldeisers, de BRP en het Inlichtingenbureau",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Hulp bij uw schulden",
        uitleg_nl: "U hebt schulden en vraagt ons om hulp. Binnen vier weken hebt u een eerste gesprek. Wij maken samen met u een plan.",
        titel_en: "Help with your debts",
        uitleg_en: "You have debts and ask us for help. Within four weeks you have a first meeting. We make a plan together with you.",
        zaak: "Aanmelding schuldhulpverlening",
        stappen: &[
            Stap { handeling: "Aanmelding", acties: &["Opslaan aanmelding"] },
            Stap { handeling: "Eerste gesprek", acties: &["Opslaan hulpvraag", "Opvragen inkomensgegevens"] },
            Stap { handeling: "Plan van aanpak", acties: &["Opvragen schuldenoverzicht", "Opslaan plan van aanpak"] },
            Stap { handeling: "Schuldregeling", acties: &["Versturen voorstel aan schuldeisers"] },
        ],
        rollen: &["Aanvrager", "Partner"],
        afnemer: None,
    },
    Activiteit {
        id: "c99b2b0f-c4c9-4c7b-9875-25217767cc27",
        afdeling: "schuldhulp",
        naam: "Vroegsignalering van betalingsachterstanden",
        doel: "Ontvangen van signalen over betalingsachterstanden bij vaste lasten en inwoners vroegtijdig hulp aanbieden",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Wet gemeentelijke schuldhulpverlening, artikel 3a",
        wet_url: "https://wetten.overheid.nl/BWBR0031331/",
        gegevens: &["Naam", "Adres", "Contactgegevens", "Hoogte en duur van de achterstand", "Naam van de schuldeiser"],
        betrokkenen: &["Inwoners met een betalingsachterstand"],
        ontvangers: &["Leverancier van het signaleringssysteem (verwerker)"],
        bewaartermijn: "1 jaar na het signaal, tenzij u hulp krijgt",
        bewaartermijn_iso: "P1Y",
        herkomst: "Woningcorporatie, energieleverancier, drinkwaterbedrijf en zorgverzekeraar",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Een signaal over een betalingsachterstand",
        uitleg_nl: "Uw verhuurder of energiebedrijf meldt een betalingsachterstand bij ons. Dan nemen wij contact met u op. Wij bieden u hulp aan.",
        titel_en: "A notice about payment arrears",
        uitleg_en: "Your landlord or energy supplier tells us you are behind with payments. We then contact you. We offer you help.",
        zaak: "Signaal betalingsachterstand",
        stappen: &[
            Stap { handeling: "Ontvangst signaal", acties: &["Opslaan signaal", "Opvragen persoonsgegevens"] },
            Stap { handeling: "Hulpaanbod", acties: &["Versturen brief", "Registreren contactpoging"] },
        ],
        rollen: &["Belanghebbende"],
        afnemer: None,
    },
    Activiteit {
        id: "a647d7c6-f372-4c93-927c-a3c1d4f40eef",
        afdeling: "schuldhulp",
        naam: "Uitvoeren van budgetbeheer",
        doel: "Beheren van het inkomen en betalen van vaste lasten namens de inwoner, zodat er geen nieuwe schulden ontstaan",
        grondslag: Grondslag::Overeenkomst,
        wet: "Wet gemeentelijke schuldhulpverlening, artikel 3; overeenkomst budgetbeheer",
        wet_url: "https://wetten.overheid.nl/BWBR0031331/#Artikel3",
        gegevens: &["Naam", "BSN", "Bankrekeningnummer", "Inkomen", "Vaste lasten", "Betalingen"],
        betrokkenen: &["Cliënten van budgetbeheer", "Partners"],
        ontvangers: &["Bank", "Schuldeisers en partijen die vaste lasten innen"],
        bewaartermijn: "7 jaar na het einde van het budgetbeheer",
        bewaartermijn_iso: "P7Y",
        herkomst: "Cliënt, bank en schuldeisers",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Wij betalen uw vaste lasten voor u",
        uitleg_nl: "U hebt met ons afgesproken dat wij uw geld beheren. Wij betalen uw huur en andere vaste lasten. U krijgt elke week leefgeld.",
        titel_en: "We pay your fixed costs for you",
        uitleg_en: "You agreed with us that we manage your money. We pay your rent and other fixed costs. You receive living money every week.",
        zaak: "Budgetbeheer",
        stappen: &[
            Stap { handeling: "Start", acties: &["Opslaan overeenkomst", "Opvragen inkomensgegevens"] },
            Stap { handeling: "Beheer", acties: &["Verwerken inkomsten", "Uitvoeren betalingen"] },
            Stap { handeling: "Verantwoording", acties: &["Versturen overzicht"] },
        ],
        rollen: &["Cliënt", "Partner"],
        afnemer: None,
    },
    // ------------------------------------------------------------------
    // Leerplicht
    // ------------------------------------------------------------------
    Activiteit {
        id: "cb877a04-fce2-4467-af58-fc3eacb5dd77",
        afdeling: "leerplicht",
        naam: "Behandelen van verzuimmeldingen",
        doel: "Onderzoeken van meldingen van ongeoorloofd schoolverzuim en het aanspreken en begeleiden van leerling en ouders",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Leerplichtwet 1969, artikelen 21, 21a en 22",
        wet_url: "https://wetten.overheid.nl/BWBR0002628/#Paragraaf4_Artikel22",
        gegevens: &["Naam", "BSN", "Geboortedatum", "Adres", "School", "Verzuimgegevens", "Gezinssituatie"],
        betrokkenen: &["Leerlingen", "Ouders en verzorgers"],
        ontvangers: &["School", "Jeugdhulp (met toestemming)"],
        bewaartermijn: "5 jaar na afsluiting van de melding",
        bewaartermijn_iso: "P5Y",
        herkomst: "School via DUO, leerling, ouders en de BRP",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Uw kind gaat niet naar school",
        uitleg_nl: "De school meldt dat uw kind te vaak afwezig is. De leerplichtambtenaar praat dan met u en uw kind. Samen zoeken wij een oplossing.",
        titel_en: "Your child is missing school",
        uitleg_en: "The school reports that your child is absent too often. The school attendance officer then talks with you and your child. Together we look for a solution.",
        zaak: "Verzuimmelding",
        stappen: &[
            Stap { handeling: "Ontvangst melding", acties: &["Opslaan verzuimmelding", "Opvragen persoonsgegevens"] },
            Stap { handeling: "Onderzoek", acties: &["Opvragen verzuimgegevens", "Opslaan gespreksverslag"] },
            Stap { handeling: "Afhandeling", acties: &["Opslaan afhandeling"] },
        ],
        rollen: &["Leerling", "Ouder"],
        afnemer: None,
    },
    Activiteit {
        id: "1f5c4d07-30be-4dde-b4be-5e9a99706ec4",
        afdeling: "leerplicht",
        naam: "Verlenen van vrijstellingen van de leerplicht",
        doel: "Beoordelen van verzoeken om vrijstelling van de leerplicht en van verzoeken om verlof buiten de schoolvakanties",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Leerplichtwet 1969, artikelen 5, 11 en 14",
        wet_url: "https://wetten.overheid.nl/BWBR0002628/#Paragraaf3_Artikel5",
        gegevens: &[
            "Naam",
            "BSN",
            "Geboortedatum",
            "School",
            "Reden van het verzoek",
            "Gezondheid (bij medische vrijstelling)",
        ],
        betrokkenen: &["Leerlingen", "Ouders en verzorgers"],
        ontvangers: &["School", "Jeugdarts (GGD)"],
        bewaartermijn: "5 jaar na afloop van de vrijstelling",
        bewaartermijn_iso: "P5Y",
        herkomst: "Ouders, school en jeugdarts",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Vrijstelling of extra verlof voor uw kind",
        uitleg_nl: "U vraagt vrijstelling of extra verlof voor uw kind. De leerplichtambtenaar beoordeelt uw verzoek. Soms vragen wij een jeugdarts om advies.",
        titel_en: "Exemption or extra leave for your child",
        uitleg_en: "You ask for an exemption or extra leave for your child. The school attendance officer assesses your request. Sometimes we ask a youth doctor for advice.",
        zaak: "Verzoek vrijstelling leerplicht",
        stappen: &[
            Stap { handeling: "Verzoek", acties: &["Opslaan verzoek"] },
            Stap { handeling: "Beoordeling", acties: &["Opvragen advies jeugdarts", "Opvragen schoolgegevens"] },
            Stap { handeling: "Besluit", acties: &["Opslaan besluit", "Versturen besluit"] },
        ],
        rollen: &["Leerling", "Ouder"],
        afnemer: None,
    },
    Activiteit {
        id: "91662d0d-ed03-4ed7-9023-58c2985a78bb",
        afdeling: "leerplicht",
        naam: "Opmaken van proces-verbaal bij schoolverzuim",
        doel: "Opsporen van overtredingen van de Leerplichtwet 1969 en opmaken van een proces-verbaal voor de officier van justitie",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Leerplichtwet 1969, artikelen 16 en 22",
        wet_url: "https://wetten.overheid.nl/BWBR0002628/#Paragraaf4_Artikel16",
        gegevens: &["Naam", "BSN", "Geboortedatum", "Adres", "Verzuimgegevens", "Verklaringen"],
        betrokkenen: &["Leerlingen", "Ouders en verzorgers"],
        ontvangers: &["Openbaar Ministerie", "Halt", "Raad voor de Kinderbescherming (bij herhaling)"],
        bewaartermijn: "5 jaar na afsluiting van de zaak",
        bewaartermijn_iso: "P5Y",
        herkomst: "Het verzuimdossier, leerling, ouders en school",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Een proces-verbaal bij schoolverzuim",
        uitleg_nl: "Soms blijft een kind ondanks afspraken weg van school. Dan maakt de leerplichtambtenaar een proces-verbaal. Dit gaat naar het Openbaar Ministerie.",
        titel_en: "An official report for truancy",
        uitleg_en: "Sometimes a child keeps missing school despite agreements. The school attendance officer then writes an official report. This goes to the Public Prosecution Service.",
        zaak: "Proces-verbaal leerplicht",
        stappen: &[
            Stap { handeling: "Verhoor", acties: &["Opvragen verzuimdossier", "Opslaan verklaring"] },
            Stap { handeling: "Proces-verbaal", acties: &["Opslaan proces-verbaal", "Versturen proces-verbaal aan OM"] },
        ],
        rollen: &["Leerling", "Ouder"],
        afnemer: None,
    },
    Activiteit {
        id: "1afed85f-1acf-469f-8030-0e2c1c1fcc2e",
        afdeling: "leerplicht",
        naam: "Terugmelden van de behandeling van verzuim aan DUO",
        doel: "Doorgeven van de stand van de behandeling van een verzuimmelding aan DUO voor het landelijke meldingsregister relatief verzuim",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Leerplichtwet 1969, artikel 21a, zesde lid",
        wet_url: "https://wetten.overheid.nl/BWBR0002628/#Paragraaf4_Artikel21a",
        gegevens: &["Naam", "BSN of onderwijsnummer", "Verzuimmelding", "Stand van de behandeling"],
        betrokkenen: &["Leerlingen"],
        ontvangers: &["DUO"],
        bewaartermijn: "5 jaar na afsluiting van de melding",
        bewaartermijn_iso: "P5Y",
        herkomst: "Het verzuimdossier van de gemeente",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Gegevens over verzuim naar DUO",
        uitleg_nl: "Wij melden aan DUO hoe wij het verzuim van uw kind behandelen. DUO houdt een landelijk verzuimregister bij. Dat staat in de Leerplichtwet.",
        titel_en: "Absence details sent to DUO",
        uitleg_en: "We tell DUO how we are handling your child's absence. DUO keeps a national absence register. The Compulsory Education Act requires this.",
        zaak: "Terugmelding verzuim",
        stappen: &[
            Stap { handeling: "Bijwerken status", acties: &["Opvragen verzuimmelding", "Wijzigen behandelstatus"] },
            Stap { handeling: "Terugmelden", acties: &["Versturen status aan DUO"] },
        ],
        rollen: &["Leerling"],
        afnemer: Some(OIN_DUO),
    },
    // ------------------------------------------------------------------
    // Klantcontact
    // ------------------------------------------------------------------
    Activiteit {
        id: "0da79f5f-4770-4a44-8af1-0d0887ca8873",
        afdeling: "klantcontact",
        naam: "Beantwoorden van vragen van inwoners",
        doel: "Beantwoorden van vragen van inwoners via telefoon, balie, e-mail en chat, en zo nodig doorverwijzen naar een vakafdeling",
        grondslag: Grondslag::PubliekeTaak,
        wet: "AVG, artikel 6, eerste lid, onder e; Gemeentewet, artikel 160",
        wet_url: "https://wetten.overheid.nl/BWBR0005416/#TiteldeelIII_HoofdstukX_Artikel160",
        gegevens: &["Naam", "Contactgegevens", "Inhoud van de vraag", "BSN (alleen als dat nodig is)"],
        betrokkenen: &["Inwoners", "Vraagstellers"],
        ontvangers: &["Vakafdelingen van de gemeente"],
        bewaartermijn: "1 jaar na het beantwoorden van de vraag",
        bewaartermijn_iso: "P1Y",
        herkomst: "Vraagsteller zelf",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Uw vraag aan de gemeente",
        uitleg_nl: "U stelt ons een vraag. Wij noteren uw vraag en uw gegevens. Zo kunnen wij u antwoord geven of terugbellen.",
        titel_en: "Your question to the municipality",
        uitleg_en: "You ask us a question. We note your question and your details. This lets us answer you or call you back.",
        zaak: "Klantvraag",
        stappen: &[
            Stap { handeling: "Contact", acties: &["Zoeken personen", "Opslaan contactmoment"] },
            Stap { handeling: "Afhandeling", acties: &["Opvragen zaakstatus", "Doorsturen vraag"] },
        ],
        rollen: &["Vraagsteller", "Getoond in zoekresultaat"],
        afnemer: None,
    },
    Activiteit {
        id: "4f6a38bd-4284-4058-b329-26910e6b40ee",
        afdeling: "klantcontact",
        naam: "Behandelen van klachten",
        doel: "Behandelen van klachten over de manier waarop de gemeente of een medewerker zich heeft gedragen",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "Algemene wet bestuursrecht, artikel 9:1",
        wet_url: "https://wetten.overheid.nl/BWBR0005537/",
        gegevens: &["Naam", "Adres", "Contactgegevens", "Inhoud van de klacht"],
        betrokkenen: &["Klagers", "Medewerkers over wie geklaagd wordt"],
        ontvangers: &["Klachtencoördinator", "Nationale ombudsman (als de klager verder klaagt)"],
        bewaartermijn: "5 jaar na afhandeling van de klacht",
        bewaartermijn_iso: "P5Y",
        herkomst: "Klager zelf en de betrokken afdeling",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Uw klacht over de gemeente",
        uitleg_nl: "U bent niet tevreden over hoe wij u hebben behandeld. Dan kunt u een klacht indienen. Wij onderzoeken uw klacht en laten u de uitkomst weten.",
        titel_en: "Your complaint about the municipality",
        uitleg_en: "You are unhappy with how we treated you. You can then make a complaint. We investigate your complaint and tell you the outcome.",
        zaak: "Klacht",
        stappen: &[
            Stap { handeling: "Ontvangst", acties: &["Opslaan klacht", "Versturen ontvangstbevestiging"] },
            Stap { handeling: "Onderzoek", acties: &["Opvragen dossier", "Opslaan hoorverslag"] },
            Stap { handeling: "Afhandeling", acties: &["Opslaan klachtbeslissing", "Versturen klachtbeslissing"] },
        ],
        rollen: &["Klager", "Belanghebbende"],
        afnemer: None,
    },
    Activiteit {
        id: "daf28681-1402-46c4-bba0-b4ce7108a831",
        afdeling: "klantcontact",
        naam: "Beantwoorden van vragen over gegevensgebruik",
        doel: "Beantwoorden van vragen en verzoeken van inwoners over het gebruik van hun persoonsgegevens, zoals verzoeken om inzage, rectificatie, beperking of bezwaar",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "AVG, artikelen 12 tot en met 21",
        wet_url: AVG_URL,
        gegevens: &["Naam", "BSN", "Contactgegevens", "Inhoud van het verzoek", "Gegevens uit het verwerkingenlog"],
        betrokkenen: &["Verzoekers"],
        ontvangers: &["Functionaris voor gegevensbescherming", "Betrokken afdelingen van de gemeente"],
        bewaartermijn: "2 jaar na afhandeling van het verzoek",
        bewaartermijn_iso: "P2Y",
        herkomst: "Verzoeker zelf en het verwerkingenlog",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Uw vraag over het gebruik van uw gegevens",
        uitleg_nl: "U hebt een vraag over wat wij met uw gegevens doen. Of u wilt iets laten verbeteren. Wij behandelen uw verzoek binnen een maand.",
        titel_en: "Your question about how we use your data",
        uitleg_en: "You have a question about what we do with your data. Or you want something corrected. We deal with your request within one month.",
        zaak: "Privacyverzoek",
        stappen: &[
            Stap { handeling: "Ontvangst", acties: &["Opslaan verzoek", "Controleren identiteit"] },
            Stap { handeling: "Onderzoek", acties: &["Opvragen verwerkingenlog", "Opvragen gegevens afdeling"] },
            Stap { handeling: "Antwoord", acties: &["Opslaan antwoord", "Versturen antwoord"] },
        ],
        rollen: &["Aanvrager"],
        afnemer: None,
    },
    Activiteit {
        id: "15215f9e-b934-4b7f-832b-b2e9ffc28a82",
        afdeling: "klantcontact",
        naam: "Inzage in gegevensgebruik",
        doel: "Vastleggen wie het verwerkingenlog van een inwoner heeft bekeken, zodat elke inzage zelf zichtbaar en controleerbaar is",
        grondslag: Grondslag::WettelijkeVerplichting,
        wet: "AVG, artikel 15",
        wet_url: AVG_URL,
        gegevens: &["BSN (als pseudoniem)", "Tijdstip van inzage", "Rol van de kijker", "Reden van inzage"],
        betrokkenen: &["Inwoners", "Medewerkers"],
        ontvangers: &["De inwoner zelf"],
        bewaartermijn: "1 jaar na de inzage",
        bewaartermijn_iso: "P1Y",
        herkomst: "Dit inzageportaal",
        bestuursorgaan: COLLEGE,
        vertrouwelijk: false,
        titel_nl: "Wie uw gegevensgebruik heeft bekeken",
        uitleg_nl: "In dit portaal ziet u wat wij met uw gegevens doen. Soms bekijkt een medewerker dit ook. Elke keer dat dit gebeurt, ziet u dat hier.",
        titel_en: "Who viewed your data usage",
        uitleg_en: "In this portal you see what we do with your data. Sometimes a member of staff looks at it too. Each time this happens, you see it here.",
        zaak: "Inzage verwerkingenlog",
        stappen: &[
            Stap { handeling: "Inloggen", acties: &["Controleren identiteit"] },
            Stap { handeling: "Inzage", acties: &["Opvragen verwerkingsacties", "Registreren inzage"] },
        ],
        rollen: &["Aanvrager", "Belanghebbende"],
        afnemer: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_role_in_the_catalogue_is_explained_to_residents() {
        for a in ACTIVITEITEN {
            for rol in a.rollen {
                assert!(
                    crate::i18n::roles::find(rol).is_some(),
                    "{rol} ({}) has no plain-words explanation",
                    a.naam
                );
            }
        }
    }

    fn is_uuid(s: &str) -> bool {
        let groups: Vec<&str> = s.split('-').collect();
        groups.len() == 5
            && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
            && groups.iter().all(|g| {
                g.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            })
    }

    fn is_oin(s: &str) -> bool {
        s.len() == 20 && s.bytes().all(|b| b.is_ascii_digit())
    }

    #[test]
    fn ids_are_unique_uuids() {
        let mut seen = HashSet::new();
        for a in ACTIVITEITEN {
            assert!(
                is_uuid(a.id),
                "{}: not a lower-case hyphenated UUID: {}",
                a.naam,
                a.id
            );
            assert!(seen.insert(a.id), "duplicate id {}", a.id);
        }
    }

    #[test]
    fn names_are_unique() {
        let mut seen = HashSet::new();
        for a in ACTIVITEITEN {
            assert!(seen.insert(a.naam), "duplicate name {}", a.naam);
        }
    }

    #[test]
    fn departments_exist_and_each_has_three_or_more() {
        let codes: Vec<&str> = AFDELINGEN.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                "burgerzaken",
                "wmo",
                "participatie",
                "jeugd",
                "belastingen",
                "vergunningen",
                "parkeren",
                "schuldhulp",
                "leerplicht",
                "klantcontact"
            ]
        );
        for a in ACTIVITEITEN {
            assert!(
                codes.contains(&a.afdeling),
                "{}: unknown department {}",
                a.naam,
                a.afdeling
            );
        }
        for code in codes {
            let n = ACTIVITEITEN.iter().filter(|a| a.afdeling == code).count();
            assert!(n >= 3, "{code} has {n} activities");
        }
    }

    #[test]
    fn oins_are_twenty_digits_and_afnemers_are_known() {
        assert!(is_oin(GEMEENTE.oin));
        let mut seen = HashSet::new();
        for o in ORGANISATIES {
            assert!(is_oin(o.oin), "{}: {}", o.naam, o.oin);
            assert!(seen.insert(o.oin), "duplicate OIN {}", o.oin);
            assert_ne!(o.oin, GEMEENTE.oin);
        }
        for a in ACTIVITEITEN {
            if let Some(oin) = a.afnemer {
                assert!(
                    ORGANISATIES.iter().any(|o| o.oin == oin),
                    "{}: afnemer {oin} unknown",
                    a.naam
                );
            }
        }
    }

    #[test]
    fn retention_is_an_iso_duration() {
        for a in ACTIVITEITEN {
            let iso = a.bewaartermijn_iso;
            assert!(iso.starts_with('P'), "{}: {iso}", a.naam);
            let rest = &iso[1..];
            assert!(
                rest.len() >= 2
                    && rest[..rest.len() - 1].bytes().all(|b| b.is_ascii_digit())
                    && matches!(rest.as_bytes()[rest.len() - 1], b'Y' | b'M' | b'D'),
                "{}: {iso}",
                a.naam
            );
        }
    }

    #[test]
    fn about_forty_activities() {
        let n = ACTIVITEITEN.len();
        assert!((35..=45).contains(&n), "{n} activities");
    }

    #[test]
    fn cases_have_steps_actions_and_roles() {
        for a in ACTIVITEITEN {
            assert!(!a.stappen.is_empty(), "{}: no steps", a.naam);
            assert!(
                a.stappen.len() <= 5,
                "{}: {} steps",
                a.naam,
                a.stappen.len()
            );
            for s in a.stappen {
                assert!(
                    (1..=3).contains(&s.acties.len()),
                    "{}: step {}",
                    a.naam,
                    s.handeling
                );
            }
            assert!(!a.rollen.is_empty(), "{}: no roles", a.naam);
            assert!(!a.zaak.is_empty() && !a.gegevens.is_empty() && !a.betrokkenen.is_empty());
        }
    }

    #[test]
    fn portal_activities_exist_once() {
        for naam in [
            "Inzage in gegevensgebruik",
            "Beantwoorden van vragen over gegevensgebruik",
        ] {
            let n = ACTIVITEITEN.iter().filter(|a| a.naam == naam).count();
            assert_eq!(n, 1, "{naam}");
        }
        let inzage = ACTIVITEITEN
            .iter()
            .find(|a| a.naam == "Inzage in gegevensgebruik")
            .unwrap();
        assert_eq!(inzage.grondslag, Grondslag::WettelijkeVerplichting);
        assert_eq!(inzage.bewaartermijn_iso, "P1Y");
    }

    #[test]
    fn two_or_three_confidential_activities() {
        let n = ACTIVITEITEN.iter().filter(|a| a.vertrouwelijk).count();
        assert!((2..=3).contains(&n), "{n} confidential");
    }

    #[test]
    fn law_links_are_https() {
        for a in ACTIVITEITEN {
            assert!(
                a.wet_url.starts_with("https://wetten.overheid.nl/BWBR")
                    || a.wet_url.starts_with("https://eur-lex.europa.eu/"),
                "{}: {}",
                a.naam,
                a.wet_url
            );
        }
    }

    #[test]
    fn plain_language_is_short() {
        for a in ACTIVITEITEN {
            for text in [a.titel_nl, a.uitleg_nl, a.titel_en, a.uitleg_en] {
                assert!(!text.is_empty(), "{}", a.naam);
            }
            let sentences: Vec<&str> = a
                .uitleg_nl
                .split(['.', '?', '!'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            assert!(
                (1..=3).contains(&sentences.len()),
                "{}: {} sentences",
                a.naam,
                sentences.len()
            );
            for s in sentences {
                let words = s.split_whitespace().count();
                assert!(words <= 15, "{}: {words} words in \"{s}\"", a.naam);
            }
        }
    }
}
