//! ISO 8601 duration (`bewaartermijn`), e.g. `P10Y`, `P3Y6M4DT12H30M5S`, `PT274M`.
//!
//! Accepts every designator form of ISO 8601-1: any non-empty subset of
//! `nY nM nD` / `T nH nM nS` in that order, or `nW` on its own, a decimal fraction
//! (`.` or `,`) on the last component only, and components of any size without
//! normalisation (`PT2314H9999M147S`). schemathesis sends all of these as valid
//! `format: duration` values, so rejecting one is a conformance failure.
//! The text is kept exactly as sent; the standard stores it. When an entry's
//! retention ends is counted on the calendar in Europe/Amsterdam, as the law
//! counts a period ([`IsoDuration::expires_after`]).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::{DateTime, Days, LocalResult, Months, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("geen geldige ISO 8601-duur (bijvoorbeeld P10Y, P1M of PT30M)")]
pub struct DurationError;

/// The unit of one component. `Months` and `Minutes` share the letter `M`;
/// which one depends on the side of the `T`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Years,
    Months,
    Weeks,
    Days,
    Hours,
    Minutes,
    Seconds,
}

impl Unit {
    /// Approximate length in seconds; a year is 365.25 days and a month 30.44
    /// days, which is close enough for a retention period.
    pub fn approx_seconds(self) -> f64 {
        const DAY: f64 = 86_400.0;
        match self {
            Unit::Years => 365.25 * DAY,
            Unit::Months => 30.44 * DAY,
            Unit::Weeks => 7.0 * DAY,
            Unit::Days => DAY,
            Unit::Hours => 3_600.0,
            Unit::Minutes => 60.0,
            Unit::Seconds => 1.0,
        }
    }
}

/// One component, e.g. `6M` = `Part { unit: Months, whole: 6, fraction: 0.0 }`.
/// `whole` saturates at `u64::MAX`; `fraction` is in `[0, 1)` and only non-zero
/// on the last component.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    pub unit: Unit,
    pub whole: u64,
    pub fraction: f64,
}

/// A valid ISO 8601 duration, kept as sent.
#[derive(Debug, Clone)]
pub struct IsoDuration {
    text: String,
    parts: Vec<Part>,
}

impl IsoDuration {
    /// The text exactly as the client sent it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The components in the order they were written (absent ones left out).
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// Approximate total length in whole seconds, saturating at `u64::MAX`.
    pub fn approx_seconds(&self) -> u64 {
        let total = self.approx_seconds_f64();
        if total >= u64::MAX as f64 {
            u64::MAX
        } else {
            total as u64
        }
    }

    /// Approximate length as a `std::time::Duration`, saturating; never panics.
    pub fn to_std_approx(&self) -> std::time::Duration {
        let total = self.approx_seconds_f64();
        if total >= u64::MAX as f64 {
            return std::time::Duration::from_secs(u64::MAX);
        }
        let secs = total.trunc();
        let nanos = ((total - secs) * 1e9).clamp(0.0, 999_999_999.0) as u32;
        std::time::Duration::new(secs as u64, nanos)
    }

    /// When an entry made at `start` may be purged, counted on the calendar
    /// in Europe/Amsterdam. Years and months move the date, and a day that
    /// the month lacks becomes its last (P1M from 31 January ends on the last
    /// day of February, P1Y from 29 February on 28 February). Weeks and days
    /// keep the time on the clock across a change to or from summer time.
    /// Hours, minutes and seconds are elapsed time. A fraction counts at its
    /// unit's approximate length, rounded up: a period never ends early.
    /// `None` if the end lies beyond what a timestamp can hold (in effect:
    /// keep for ever).
    pub fn expires_after(&self, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut date = start.with_timezone(&Amsterdam).naive_local();
        let mut elapsed = 0.0;
        for part in &self.parts {
            let whole = part.whole;
            date = match part.unit {
                Unit::Years => date
                    .checked_add_months(Months::new(u32::try_from(whole.checked_mul(12)?).ok()?))?,
                Unit::Months => date.checked_add_months(Months::new(u32::try_from(whole).ok()?))?,
                Unit::Weeks => date.checked_add_days(Days::new(whole.checked_mul(7)?))?,
                Unit::Days => date.checked_add_days(Days::new(whole))?,
                Unit::Hours | Unit::Minutes | Unit::Seconds => {
                    elapsed += whole as f64 * part.unit.approx_seconds();
                    date
                }
            };
            elapsed += part.fraction * part.unit.approx_seconds();
        }
        let elapsed = elapsed.ceil();
        if elapsed >= i64::MAX as f64 {
            return None;
        }
        on_the_clock(date)?.checked_add_signed(TimeDelta::try_seconds(elapsed as i64)?)
    }

    fn approx_seconds_f64(&self) -> f64 {
        let total: f64 = self
            .parts
            .iter()
            .map(|p| (p.whole as f64 + p.fraction) * p.unit.approx_seconds())
            .sum();
        // Sums of huge components may reach infinity; saturate, never NaN.
        if total.is_nan() {
            f64::MAX
        } else {
            total
        }
    }
}

/// A time on Amsterdam's clock as a moment. When the clock went back and the
/// time came twice, the later; when it went forward past it, the first
/// moment after: either way a period ends no earlier than counted.
fn on_the_clock(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match Amsterdam.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.to_utc()),
        LocalResult::Ambiguous(_, later) => Some(later.to_utc()),
        LocalResult::None => Amsterdam
            .from_local_datetime(&local.checked_add_signed(TimeDelta::hours(1))?)
            .earliest()
            .map(|t| t.to_utc()),
    }
}

impl FromStr for IsoDuration {
    type Err = DurationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts = parse(s).ok_or(DurationError)?;
        Ok(IsoDuration {
            text: s.to_owned(),
            parts,
        })
    }
}

/// Parses the designator form; `None` on anything else.
fn parse(s: &str) -> Option<Vec<Part>> {
    let rest = s.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut parts = Vec::new();
    // Weeks on their own (ISO 8601-1:2004, RFC 3339 `dur-week`).
    if let Some(n) = date.strip_suffix('W') {
        if time.is_some() {
            return None;
        }
        let (whole, fraction) = number(n)?;
        parts.push(Part {
            unit: Unit::Weeks,
            whole,
            fraction,
        });
        return Some(parts);
    }
    // Only the smallest component written may carry a fraction, across the `T`.
    let mut seen_fraction = false;
    components(
        date,
        &[('Y', Unit::Years), ('M', Unit::Months), ('D', Unit::Days)],
        &mut parts,
        &mut seen_fraction,
    )?;
    if let Some(time) = time {
        if time.is_empty() {
            return None; // `PT`, `P1DT`
        }
        components(
            time,
            &[
                ('H', Unit::Hours),
                ('M', Unit::Minutes),
                ('S', Unit::Seconds),
            ],
            &mut parts,
            &mut seen_fraction,
        )?;
    }
    if parts.is_empty() {
        return None; // `P`
    }
    Some(parts)
}

/// Reads `n<designator>` groups whose designators appear in `order`, in that
/// order, each at most once.
fn components(
    mut s: &str,
    order: &[(char, Unit)],
    out: &mut Vec<Part>,
    seen_fraction: &mut bool,
) -> Option<()> {
    let mut next = 0;
    while !s.is_empty() {
        let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
        let (num, tail) = s.split_at(end);
        let designator = tail.chars().next()?;
        let pos = order[next..].iter().position(|(c, _)| *c == designator)? + next;
        if *seen_fraction {
            return None; // a fraction must be on the last component
        }
        let (whole, fraction) = number(num)?;
        *seen_fraction = num.contains(['.', ',']);
        out.push(Part {
            unit: order[pos].1,
            whole,
            fraction,
        });
        next = pos + 1;
        s = &tail[designator.len_utf8()..];
    }
    Some(())
}

/// `digits` or `digits[.,]digits`; the whole part saturates at `u64::MAX`.
fn number(s: &str) -> Option<(u64, f64)> {
    let (int, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole = int.bytes().fold(0u64, |acc, b| {
        acc.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    });
    let fraction = match frac {
        None => 0.0,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            // f64 holds about 15 decimal digits: more would round 0.999… up to
            // 1.0, and a bounded prefix keeps the parse cheap on absurd inputs.
            let f = &f[..f.len().min(15)];
            format!("0.{f}").parse::<f64>().ok()?
        }
        Some(_) => return None,
    };
    Some((whole, fraction))
}

impl PartialEq for IsoDuration {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for IsoDuration {}

impl Hash for IsoDuration {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for IsoDuration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for IsoDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> IsoDuration {
        s.parse().unwrap_or_else(|_| panic!("{s:?} should parse"))
    }

    const DAY: u64 = 86_400;

    #[test]
    fn accepts_every_designator_form() {
        for s in [
            "P10Y",
            "P150Y",
            "P1M",
            "P18D",
            "P0D",
            "P1W",
            "P52W",
            "PT274M",
            "PT1991M",
            "PT5S",
            "PT12H",
            "P1Y2M",
            "P1Y1D",
            "P1M1D",
            "P3Y6M4DT12H30M5S",
            "PT2314H9999M147S",
            "P10000DT10000H10000M10000S",
            "P1DT12H",
            "P1DT1S",
            "PT1H1S",
            "PT0.5S",
            "PT0,5S",
            "PT1.000001S",
            "P0.5Y",
            "P1Y0.5M",
            "PT1H0.25M",
            "P0010Y",
            "P4294967295Y",
            "PT18446744073709551615S",
        ] {
            assert_eq!(d(s).as_str(), s);
        }
    }

    #[test]
    fn rejects_non_durations() {
        for s in [
            "",
            "P",
            "PT",
            "P1DT",
            "10 jaar",
            "150",
            "-P1D",
            "P-1D",
            "+P1D",
            "p1d",
            "P1d",
            "P1Y ",
            " P1Y",
            "P1",
            "PT1",
            "P1H",
            "PT1D",
            "PT1Y",
            "P1D1Y",
            "PT1S1H",
            "P1Y1Y",
            "P1M1M",
            "P1W1D",
            "P1Y1W",
            "P1WT1H",
            "P.5S",
            "PT.5S",
            "PT1.S",
            "PT1..5S",
            "PT1.5.5S",
            "PT0.5H1M",
            "P0.5Y1M",
            "P0.5YT1H",
            "P1YT",
            "P1Y2M3DT",
            "PTT1H",
            "P1DTT1H",
            "P0003-06-04T12:30:05",
            "P１Y",
            "P1Y€",
            "Pé",
        ] {
            assert!(
                s.parse::<IsoDuration>().is_err(),
                "{s:?} should be rejected"
            );
        }
    }

    #[test]
    fn parts_are_kept_without_normalisation() {
        let p = d("PT2314H9999M147S");
        assert_eq!(
            p.parts(),
            &[
                Part {
                    unit: Unit::Hours,
                    whole: 2314,
                    fraction: 0.0
                },
                Part {
                    unit: Unit::Minutes,
                    whole: 9999,
                    fraction: 0.0
                },
                Part {
                    unit: Unit::Seconds,
                    whole: 147,
                    fraction: 0.0
                },
            ]
        );
        assert_eq!(d("P1M").parts()[0].unit, Unit::Months);
        assert_eq!(d("PT1M").parts()[0].unit, Unit::Minutes);
        assert_eq!(d("PT0,5S").parts()[0].fraction, 0.5);
    }

    #[test]
    fn approximate_lengths() {
        assert_eq!(d("P1D").approx_seconds(), DAY);
        assert_eq!(d("P1W").approx_seconds(), 7 * DAY);
        assert_eq!(d("P1Y").approx_seconds(), 31_557_600);
        assert_eq!(d("P10Y").approx_seconds(), 315_576_000);
        assert_eq!(d("P1M").approx_seconds(), 2_630_016);
        assert_eq!(d("PT274M").approx_seconds(), 274 * 60);
        assert_eq!(
            d("PT2314H9999M147S").approx_seconds(),
            2314 * 3600 + 9999 * 60 + 147
        );
        assert_eq!(
            d("P3Y6M4DT12H30M5S").approx_seconds(),
            3 * 31_557_600 + 6 * 2_630_016 + 4 * DAY + 12 * 3600 + 30 * 60 + 5
        );
        assert_eq!(d("P0D").approx_seconds(), 0);
        assert_eq!(
            d("PT0.5S").to_std_approx(),
            std::time::Duration::from_millis(500)
        );
        assert_eq!(d("PT1H0.5M").approx_seconds(), 3630);
    }

    #[test]
    fn huge_values_saturate_without_panicking() {
        for s in [
            "P18446744073709551615Y",
            "P99999999999999999999999999999999Y",
            "P18446744073709551615Y18446744073709551615M18446744073709551615DT18446744073709551615H",
        ] {
            let x = d(s);
            assert_eq!(x.approx_seconds(), u64::MAX);
            assert_eq!(x.to_std_approx(), std::time::Duration::from_secs(u64::MAX));
            assert_eq!(x.expires_after(Utc::now()), None);
        }
        let long = format!("PT0.{}S", "9".repeat(10_000));
        assert_eq!(d(&long).approx_seconds(), 0);
    }

    /// The end of `period` from `start` (both RFC 3339), on Amsterdam's clock.
    fn ends(period: &str, start: &str) -> String {
        let start = DateTime::parse_from_rfc3339(start).unwrap().to_utc();
        let end = d(period).expires_after(start).unwrap();
        end.with_timezone(&Amsterdam).to_rfc3339()
    }

    #[test]
    fn retention_is_counted_on_the_calendar_in_amsterdam() {
        // A week with no change of clock.
        assert_eq!(
            ends("P1W", "2024-04-05T14:35:42Z"),
            "2024-04-12T16:35:42+02:00"
        );
        // Month ends: the last day of a shorter month; a leap year's February.
        assert_eq!(
            ends("P1M", "2026-01-31T10:00:00+01:00"),
            "2026-02-28T10:00:00+01:00"
        );
        assert_eq!(
            ends("P1M", "2028-01-31T10:00:00+01:00"),
            "2028-02-29T10:00:00+01:00"
        );
        assert_eq!(
            ends("P1M1D", "2026-01-31T10:00:00+01:00"),
            "2026-03-01T10:00:00+01:00"
        );
        // The leap day: a year later there is none, so the day before.
        assert_eq!(
            ends("P1Y", "2028-02-29T12:00:00+01:00"),
            "2029-02-28T12:00:00+01:00"
        );
        // A year over a leap day is 366 days; 365.25 would end 18 hours early.
        assert_eq!(
            ends("P1Y", "2027-03-01T00:00:00+01:00"),
            "2028-03-01T00:00:00+01:00"
        );
        assert_eq!(
            ends("P7Y", "2026-12-06T09:00:00+01:00"),
            "2033-12-06T09:00:00+01:00"
        );
    }

    #[test]
    fn days_keep_the_clock_across_summer_time_and_hours_do_not() {
        // 29 March 2026: the clocks go from 02:00 to 03:00.
        assert_eq!(
            ends("P1D", "2026-03-28T12:00:00+01:00"),
            "2026-03-29T12:00:00+02:00"
        );
        assert_eq!(
            ends("PT24H", "2026-03-28T12:00:00+01:00"),
            "2026-03-29T13:00:00+02:00"
        );
        // 02:30 does not exist that night: the first moment after it.
        assert_eq!(
            ends("P1D", "2026-03-28T02:30:00+01:00"),
            "2026-03-29T03:30:00+02:00"
        );
        // 25 October 2026: 02:30 comes twice; the later one.
        assert_eq!(
            ends("P1D", "2026-10-24T02:30:00+02:00"),
            "2026-10-25T02:30:00+01:00"
        );
        // A fraction at its unit's length, rounded up.
        assert_eq!(
            ends("P0.5D", "2026-06-01T08:00:00+02:00"),
            "2026-06-01T20:00:00+02:00"
        );
        assert_eq!(
            ends("PT0.2S", "2026-06-01T08:00:00+02:00"),
            "2026-06-01T08:00:01+02:00"
        );
    }

    #[test]
    fn a_period_beyond_any_date_means_keep_for_ever() {
        let start = Utc::now();
        // Beyond chrono's range (about 262,000 years) means "never".
        assert_eq!(d("P300000Y").expires_after(start), None);
        assert_eq!(d("P18446744073709551615M").expires_after(start), None);
        assert_eq!(d("PT18446744073709551615S").expires_after(start), None);
    }

    #[test]
    fn serde_as_the_original_text() {
        let x = d("PT0,5S");
        assert_eq!(serde_json::to_string(&x).unwrap(), "\"PT0,5S\"");
        let back: IsoDuration = serde_json::from_str("\"P3Y6M4DT12H30M5S\"").unwrap();
        assert_eq!(back.as_str(), "P3Y6M4DT12H30M5S");
        assert!(serde_json::from_str::<IsoDuration>("\"10 jaar\"").is_err());
        assert!(serde_json::from_str::<IsoDuration>("10").is_err());
        assert_eq!(x.to_string(), "PT0,5S");
    }
}
