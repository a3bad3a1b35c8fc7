//! API scopes as the VNG standard defines them: `create|read|update|delete`
//! × `normal|confidential`. A `confidential` scope includes `normal`.

use std::{collections::BTreeSet, fmt, str::FromStr};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Operation {
    Create,
    Read,
    Update,
    Delete,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Normal,
    Confidential,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Scope {
    pub operation: Operation,
    pub level: Level,
}

impl FromStr for Scope {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (operation, level) = s
            .trim()
            .split_once(':')
            .ok_or_else(|| format!("{s:?} is not operation:level"))?;
        let operation = match operation {
            "create" => Operation::Create,
            "read" => Operation::Read,
            "update" => Operation::Update,
            "delete" => Operation::Delete,
            _ => return Err(format!("unknown operation in {s:?}")),
        };
        let level = match level {
            "normal" => Level::Normal,
            "confidential" => Level::Confidential,
            _ => return Err(format!("unknown level in {s:?}")),
        };
        Ok(Scope { operation, level })
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let operation = match self.operation {
            Operation::Create => "create",
            Operation::Read => "read",
            Operation::Update => "update",
            Operation::Delete => "delete",
        };
        let level = match self.level {
            Level::Normal => "normal",
            Level::Confidential => "confidential",
        };
        write!(f, "{operation}:{level}")
    }
}

/// The scopes a client holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scopes(BTreeSet<Scope>);

impl Scopes {
    /// Parses a list separated by spaces or commas; an empty list is an error.
    pub fn parse(list: &str) -> Result<Scopes, String> {
        let scopes = list
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(Scope::from_str)
            .collect::<Result<BTreeSet<_>, _>>()?;
        if scopes.is_empty() {
            return Err("no scopes given".into());
        }
        Ok(Scopes(scopes))
    }

    pub fn all() -> Scopes {
        let mut set = BTreeSet::new();
        for operation in [
            Operation::Create,
            Operation::Read,
            Operation::Update,
            Operation::Delete,
        ] {
            for level in [Level::Normal, Level::Confidential] {
                set.insert(Scope { operation, level });
            }
        }
        Scopes(set)
    }

    /// The highest level held for an operation, if any.
    pub fn level(&self, operation: Operation) -> Option<Level> {
        self.0
            .iter()
            .filter(|s| s.operation == operation)
            .map(|s| s.level)
            .max()
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<String> = self.0.iter().map(Scope::to_string).collect();
        f.write_str(&list.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let scopes = Scopes::parse("create:normal, read:confidential").unwrap();
        assert_eq!(scopes.to_string(), "create:normal read:confidential");
        assert_eq!(scopes.level(Operation::Read), Some(Level::Confidential));
        assert_eq!(scopes.level(Operation::Delete), None);
    }

    #[test]
    fn confidential_outranks_normal() {
        let scopes = Scopes::parse("read:normal read:confidential").unwrap();
        assert_eq!(scopes.level(Operation::Read), Some(Level::Confidential));
    }

    #[test]
    fn rejects_nonsense() {
        assert!(Scopes::parse("").is_err());
        assert!(Scopes::parse("read").is_err());
        assert!(Scopes::parse("write:normal").is_err());
        assert!(Scopes::parse("read:secret").is_err());
    }
}
