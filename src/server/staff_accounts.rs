//! `inzage staff add|list|disable`: local staff accounts.

use crate::auth::password::hash_password;
use crate::{
    model::Rol,
    store::{staff::StaffRow, Db},
};
use anyhow::{bail, Context};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};

const MIN_PASSWORD: usize = 12;

pub async fn add(
    db: &Db,
    name: &str,
    role: &str,
    display_name: Option<&str>,
    password: Option<String>,
) -> anyhow::Result<()> {
    let name = name.trim();
    if name.is_empty() || name.len() > 100 || name.starts_with("oidc:") {
        bail!("--name must be 1 to 100 characters and not start with oidc:");
    }
    let Some(rol) = Rol::parse(role) else {
        bail!("--role must be clerk, privacy_officer or admin");
    };
    let generated = password.is_none();
    let password = password.unwrap_or_else(|| URL_SAFE_NO_PAD.encode(rand::random::<[u8; 18]>()));
    if password.chars().count() < MIN_PASSWORD {
        bail!("INZAGE_STAFF_PASSWORD must be at least {MIN_PASSWORD} characters");
    }
    let row = StaffRow {
        id: uuid::Uuid::new_v4().to_string(),
        naam: name.to_owned(),
        weergavenaam: display_name.unwrap_or(name).trim().to_owned(),
        rol: rol.as_str().to_owned(),
        wachtwoord_hash: Some(hash_password(password.clone()).await?),
        actief: true,
        aangemaakt: chrono::Utc::now().timestamp_micros(),
    };
    db.add_staff(&row)
        .await
        .with_context(|| format!("could not add {name:?} (is the name already taken?)"))?;
    println!("Staff account {name:?} added with role {}.", rol.as_str());
    if generated {
        println!("Its password is shown only now:");
        println!("{password}");
    }
    Ok(())
}

pub async fn list(db: &Db) -> anyhow::Result<()> {
    let rows = db.staff().await?;
    if rows.is_empty() {
        println!("No staff accounts yet. Add one with: inzage staff add --name NAME --role clerk");
    }
    for r in rows {
        let status = if r.actief { "active" } else { "disabled" };
        println!(
            "{:<32} {:<16} {:<9} {}",
            r.naam, r.rol, status, r.weergavenaam
        );
    }
    Ok(())
}

pub async fn reset_second_factor(db: &Db, name: &str) -> anyhow::Result<()> {
    if db.reset_second_factor(name).await? {
        println!("The second factor of {name:?} is reset; the next login sets up a new one.");
        Ok(())
    } else {
        bail!("no staff account named {name:?}")
    }
}

pub async fn disable(db: &Db, name: &str) -> anyhow::Result<()> {
    if db.disable_staff(name).await? {
        println!("Staff account {name:?} disabled.");
        Ok(())
    } else {
        bail!("no staff account named {name:?}")
    }
}
