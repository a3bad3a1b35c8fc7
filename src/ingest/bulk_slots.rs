//! How many bulk requests each API client has running: a flood of bulk
//! requests from one client cannot take every connection of the pool.

/// Bulk requests one client may have running at once; more get 429.
pub const BULK_PER_CLIENT: usize = 2;

/// The bulk requests running per client.
#[derive(Debug, Default)]
pub struct BulkSlots(std::sync::Mutex<std::collections::HashMap<String, usize>>);

/// One running bulk request; its slot is free again when this is dropped.
pub struct BulkSlot {
    slots: std::sync::Arc<BulkSlots>,
    client: String,
}

impl BulkSlots {
    /// A slot for `client`, or `None` when it has [`BULK_PER_CLIENT`] running.
    pub fn take(slots: &std::sync::Arc<BulkSlots>, client: &str) -> Option<BulkSlot> {
        let mut running = slots.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = running.entry(client.to_owned()).or_default();
        if *n >= BULK_PER_CLIENT {
            return None;
        }
        *n += 1;
        Some(BulkSlot {
            slots: slots.clone(),
            client: client.to_owned(),
        })
    }
}

impl Drop for BulkSlot {
    fn drop(&mut self) {
        let mut running = self.slots.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = running.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                running.remove(&self.client);
            }
        }
    }
}
