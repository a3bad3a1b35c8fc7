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
    let t = amsterdam(micros);
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

/// "2026-05-01T16:30:00+02:00": ISO 8601 with Amsterdam's offset, for
/// files that programs read.
pub fn iso(micros: i64) -> String {
    amsterdam(micros).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// "1 mei 2026": the day of a moment in Amsterdam.
pub fn day(micros: i64, lang: Lang) -> String {
    let t = amsterdam(micros);
    let names = match lang {
        Lang::Nl => &MAANDEN,
        Lang::En => &MONTHS,
    };
    format!("{} {} {}", t.day(), names[t.month0() as usize], t.year())
}

/// (year, month0, day) of a moment in Amsterdam: for counting per day.
pub fn day_key(micros: i64) -> (i32, u32, u32) {
    let t = amsterdam(micros);
    (t.year(), t.month0(), t.day())
}

fn amsterdam(micros: i64) -> DateTime<chrono_tz::Tz> {
    DateTime::<Utc>::from_timestamp_micros(micros)
        .unwrap_or_default()
        .with_timezone(&Amsterdam)
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
    let t = amsterdam(micros);
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
        assert_eq!(day(micros, Lang::Nl), "1 mei 2026");
        assert_eq!(iso(micros), "2026-05-01T16:30:00+02:00");
        // 31 October 2026 23:30 UTC is already 1 November in Amsterdam.
        let late = chrono::DateTime::parse_from_rfc3339("2026-10-31T23:30:00Z")
            .unwrap()
            .timestamp_micros();
        assert_eq!(
            (day(late, Lang::En), day_key(late)),
            ("1 November 2026".into(), (2026, 10, 1))
        );
    }
}
