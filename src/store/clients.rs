//! API clients: the source systems that may write to and read from the log.
//! Only a hash of each client's token is stored.

use super::{Db, StoreError};
use crate::on_pool;
use sqlx::FromRow;

#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct ClientRow {
    pub id: String,
    pub name: String,
    pub organisation: String,
    /// Space-separated scopes such as `create:normal read:confidential`.
    pub scopes: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

/// The client id under which `inzage import` logs what it reads from files.
pub const IMPORT_CLIENT: &str = "cli-import";

const CLIENT_COLUMNS: &str = "id, name, organisation, scopes, created_at, revoked_at";

impl Db {
    pub async fn add_client(
        &self,
        client: &ClientRow,
        token_hash: &[u8],
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO api_client (id, name, organisation, scopes, token_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&client.id)
            .bind(&client.name)
            .bind(&client.organisation)
            .bind(&client.scopes)
            .bind(token_hash)
            .bind(client.created_at)
            .execute(pool)
            .await
            .map(|_| ())?
        });
        Ok(())
    }

    pub async fn list_clients(&self) -> Result<Vec<ClientRow>, StoreError> {
        let sql = format!("SELECT {CLIENT_COLUMNS} FROM api_client ORDER BY name");
        Ok(on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await?))
    }

    /// The active (not revoked) client holding this token hash.
    pub async fn client_by_token(
        &self,
        token_hash: &[u8],
    ) -> Result<Option<ClientRow>, StoreError> {
        let sql = format!(
            "SELECT {CLIENT_COLUMNS} FROM api_client WHERE token_hash = $1 AND revoked_at IS NULL"
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as(&sql).bind(token_hash).fetch_optional(pool).await?),
        )
    }

    /// Revokes a client by name or id; false when there was no active one.
    pub async fn revoke_client(&self, name_or_id: &str, at: i64) -> Result<bool, StoreError> {
        let affected = on_pool!(self, pool => {
            sqlx::query(
                "UPDATE api_client SET revoked_at = $1 \
                 WHERE (name = $2 OR id = $2) AND revoked_at IS NULL",
            )
            .bind(at)
            .bind(name_or_id)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(affected > 0)
    }

    /// The organisation (OIN) of the API client that logged an action: the
    /// client of its first version. `None` for actions the portal, the demo
    /// seed or the file import logged, and for unknown actions.
    pub async fn action_owner(&self, actie_id: &str) -> Result<Option<String>, StoreError> {
        let sql = "SELECT c.organisation FROM api_client c WHERE c.id = \
                   (SELECT v.client_id FROM actie_versie v WHERE v.actie_id = $1 \
                    ORDER BY v.seq LIMIT 1)";
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar(sql).bind(actie_id).fetch_optional(pool).await?
        }))
    }

    /// Of `actie_ids`, those that a client of `organisation` logged (see
    /// [`Db::action_owner`]): one query per 500 actions, not one per action.
    pub async fn actions_of_organisation(
        &self,
        actie_ids: &[&str],
        organisation: &str,
    ) -> Result<std::collections::HashSet<String>, StoreError> {
        let mut owned = std::collections::HashSet::new();
        for chunk in actie_ids.chunks(500) {
            let rows: Vec<String> = on_pool!(self, pool => {
                let mut query = sqlx::QueryBuilder::new(
                    "SELECT f.actie_id FROM actie_versie f JOIN api_client c ON c.id = f.client_id \
                     WHERE c.organisation = ",
                );
                query.push_bind(organisation).push(
                    " AND f.seq = (SELECT MIN(g.seq) FROM actie_versie g WHERE g.actie_id = f.actie_id) \
                     AND f.actie_id IN (",
                );
                let mut list = query.separated(", ");
                for actie_id in chunk {
                    list.push_bind(*actie_id);
                }
                query.push(")");
                query.build_query_scalar().fetch_all(pool).await?
            });
            owned.extend(rows);
        }
        Ok(owned)
    }

    /// Whether any API client or the file import logged anything: a log
    /// with real records, which demo mode must not open up.
    pub async fn log_has_source_entries(&self) -> Result<bool, StoreError> {
        let sql = "SELECT EXISTS (SELECT 1 FROM actie_versie v \
                   WHERE v.client_id = $1 OR v.client_id IN (SELECT id FROM api_client))";
        let found: bool = on_pool!(self, pool => {
            sqlx::query_scalar(sql)
                .bind(IMPORT_CLIENT)
                .fetch_one(pool)
                .await?
        });
        Ok(found)
    }
}
