//! The demo residents: fictional names with test BSNs from the 9999xxxxx
//! range (valid 11-proef, never issued to real people). Generated, never
//! stored: the same list every time.

use super::rng::Rng;

pub const COUNT: usize = 200;

#[derive(Clone, Debug)]
pub struct Resident {
    pub naam: String,
    pub bsn: String,
}

const VOORNAMEN: &[&str] = &[
    "Anna", "Bram", "Chantal", "Daan", "Emma", "Fatima", "Gijs", "Hanna", "Ibrahim", "Julia",
    "Kees", "Lotte", "Mohamed", "Noor", "Olaf", "Priya", "Quinten", "Rosa", "Sem", "Tess", "Umut",
    "Vera", "Willem", "Xander", "Yara", "Zeynep", "Joost", "Sanne", "Ahmed", "Mila",
];
const ACHTERNAMEN: &[&str] = &[
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Janssen",
    "van Dijk",
    "Koster",
    "Prins",
    "Postma",
    "Kuipers",
];

fn elfproef(n: u32) -> bool {
    let digits: Vec<u32> = format!("{n:09}")
        .chars()
        .map(|c| c.to_digit(10).unwrap_or(0))
        .collect();
    let sum: i64 = digits[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(d, w)| (*d * w) as i64)
        .sum::<i64>()
        - digits[8] as i64;
    sum % 11 == 0
}

/// The demo residents, in a fixed order.
pub fn all() -> Vec<Resident> {
    let mut rng = Rng::new(0x1A2B_3C4D);
    (999_900_000u32..)
        .filter(|n| elfproef(*n))
        .step_by(7)
        .take(COUNT)
        .map(|bsn| Resident {
            naam: format!("{} {}", rng.pick(VOORNAMEN), rng.pick(ACHTERNAMEN)),
            bsn: bsn.to_string(),
        })
        .collect()
}

/// A demo resident's name, standing in for the BRP (the persons register)
/// that a municipality's Inzage is not linked to.
pub fn name_of(bsn: &str) -> Option<String> {
    static NAMES: std::sync::LazyLock<std::collections::HashMap<String, String>> =
        std::sync::LazyLock::new(|| all().into_iter().map(|r| (r.bsn, r.naam)).collect());
    NAMES.get(bsn).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Bsn;

    #[test]
    fn residents_have_valid_distinct_test_bsns() {
        let all = all();
        assert_eq!(all.len(), COUNT);
        let mut bsns: Vec<&str> = all.iter().map(|r| r.bsn.as_str()).collect();
        for bsn in &bsns {
            assert!(bsn.starts_with("9999"));
            assert!(bsn.parse::<Bsn>().is_ok(), "{bsn}");
        }
        bsns.sort();
        bsns.dedup();
        assert_eq!(bsns.len(), COUNT);
        assert_eq!(all[0].naam, super::all()[0].naam, "deterministic");
    }
}
