//! `inzage client add|list|revoke`: managing the systems that may use the API.

use crate::{
    crypto::ApiToken,
    domain::Oin,
    ingest::scopes::Scopes,
    store::{clients::ClientRow, Db},
};
use anyhow::{bail, Context};

pub async fn add(db: &Db, name: &str, organisation: &str, scopes: &str) -> anyhow::Result<()> {
    let name = name.trim();
    if name.is_empty() || name.len() > 100 {
        bail!("--name must be 1 to 100 characters");
    }
    let organisation: Oin = organisation
        .parse()
        .map_err(|_| anyhow::anyhow!("--organisation must be an OIN of 20 digits"))?;
    let scopes = Scopes::parse(scopes).map_err(|e| anyhow::anyhow!("--scopes: {e}"))?;
    let (token, hash) = ApiToken::generate();
    let client = ClientRow {
        id: uuid::Uuid::new_v4().to_string(),
        name: name.to_owned(),
        organisation: organisation.to_string(),
        scopes: scopes.to_string(),
        created_at: chrono::Utc::now().timestamp(),
        revoked_at: None,
    };
    db.add_client(&client, hash.as_bytes())
        .await
        .with_context(|| format!("could not add client {name:?} (is the name already taken?)"))?;
    println!(
        "Client {name:?} added (id {}), scopes: {scopes}.",
        client.id
    );
    println!("Its token is shown only now; store it in the client's secret store:");
    println!("{token}");
    Ok(())
}

pub async fn list(db: &Db) -> anyhow::Result<()> {
    let clients = db.list_clients().await?;
    if clients.is_empty() {
        println!("No API clients yet. Add one with: inzage client add --name NAME --organisation OIN --scopes create:normal");
        return Ok(());
    }
    println!(
        "{:<24} {:<36} {:<20} {:<10} scopes",
        "name", "id", "organisation", "status"
    );
    for c in clients {
        let status = if c.revoked_at.is_some() {
            "revoked"
        } else {
            "active"
        };
        println!(
            "{:<24} {:<36} {:<20} {:<10} {}",
            c.name, c.id, c.organisation, status, c.scopes
        );
    }
    Ok(())
}

pub async fn revoke(db: &Db, name_or_id: &str) -> anyhow::Result<()> {
    if db
        .revoke_client(name_or_id, chrono::Utc::now().timestamp())
        .await?
    {
        println!("Client {name_or_id:?} revoked: its token no longer works.");
        Ok(())
    } else {
        bail!("no active client named {name_or_id:?}")
    }
}
