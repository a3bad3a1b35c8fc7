//! Dates as Dutch government sites write them: "1 mei 2026, 16.30 uur",
//! in Europe/Amsterdam.

use crate::i18n::Lang;
use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Europe::Amsterdam;

const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn moment(micros: i64, lang: Lang) -> String {
    let t = DateTime::<Utc>::from_timestamp_micros(micros)
        .unwrap_or_default()
        .with_timezone(&Amsterdam);
    let month = t.month0() as usize;
    match lang {
        Lang::Nl => format!(
            "{} {} {}, {}.{:02} uur",
            t.day(),
            MAANDEN[month],
            t.year(),
            t.hour(),
            t.minute()
        ),
        Lang::En => format!(
            "{} {} {}, {}:{:02}",
            t.day(),
            MONTHS[month],
            t.year(),
            t.hour(),
            t.minute()
        ),
    }
}

/// "mei 2026" — the label of a month in the summary.
pub fn month(year: i32, month0: u32, lang: Lang) -> String {
    let names = match lang {
        Lang::Nl => &MAANDEN,
        Lang::En => &MONTHS,
    };
    format!("{} {year}", names[month0 as usize % 12])
}

/// (year, month0) of a moment in Amsterdam.
pub fn year_month(micros: i64) -> (i32, u32) {
    let t = DateTime::<Utc>::from_timestamp_micros(micros)
        .unwrap_or_default()
        .with_timezone(&Amsterdam);
    (t.year(), t.month0())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_dates_in_amsterdam_time() {
        // 1 May 2026 14:30 UTC is 16.30 in Amsterdam (summer time).
        let micros = chrono::DateTime::parse_from_rfc3339("2026-05-01T14:30:00Z")
            .unwrap()
            .timestamp_micros();
        assert_eq!(moment(micros, Lang::Nl), "1 mei 2026, 16.30 uur");
        assert_eq!(moment(micros, Lang::En), "1 May 2026, 16:30");
        assert_eq!(month(2026, 4, Lang::Nl), "mei 2026");
    }
}
